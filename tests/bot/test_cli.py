"""`python -m bot …`: each sub-command says clearly what it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path: Path) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "CRM_CONFIG",
                 "CRM_ENCRYPTION_KEYS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'crm.db'}")
    monkeypatch.chdir(tmp_path)  # no stray .env is read


@pytest.mark.parametrize(("argv", "missing"), [
    (["serve"], "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"),
    (["socket"], "SLACK_BOT_TOKEN, SLACK_APP_TOKEN"),
    (["worker"], "SLACK_BOT_TOKEN"),
])
def test_missing_slack_settings_are_named(argv, missing, capsys) -> None:
    assert main(argv) == 2
    assert f"set {missing}" in capsys.readouterr().err


def test_a_bad_config_file_stops_with_line_and_key(monkeypatch, tmp_path: Path, capsys) -> None:
    config = tmp_path / "crm.yml"
    config.write_text("teams:\n  - name: East\n    channel: C0EAST\n    lead: U0LEAD\n"
                      "    timezone: Mars/Olympus\n", encoding="utf-8")
    monkeypatch.setenv("CRM_CONFIG", str(config))
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err
    assert "line 5: teams[0].timezone" in err and "Mars/Olympus" in err


def test_a_bad_default_zone_is_refused(monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRM_DEFAULT_TZ", "Europe/Atlantis")
    with pytest.raises(SystemExit) as caught:
        main(["migrate"])
    assert caught.value.code == 2
    assert "CRM_DEFAULT_TZ" in capsys.readouterr().err


def test_migrate_then_health(tmp_path: Path, capsys) -> None:
    assert main(["migrate"]) == 0
    assert "newest schema" in capsys.readouterr().out
