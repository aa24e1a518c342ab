"""Settings: where they come from, and that a developer's own never reach the test suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_settings

ROOT = Path(__file__).resolve().parents[2]

HOSTILE_ENV = """\
SLACK_BOT_TOKEN=xoxb-1111-2222-hostile
SLACK_SIGNING_SECRET=0123456789abcdef0123456789abcdef
SLACK_APP_TOKEN=xapp-1-hostile
DATABASE_URL=sqlite:///hostile.db
CRM_CONFIG=crm.yml
CRM_DEFAULT_TZ=Asia/Shanghai
"""
# A config that cannot be loaded: any test that reads it stops with a ConfigError.
HOSTILE_YML = "teams:\n  - name: East\n    channel: C0EAST\n    timezone: Mars/Olympus\n"


def test_dotenv_in_the_working_directory_is_read_and_the_environment_wins(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("CRM_DEFAULT_TZ=Asia/Shanghai\n"
                                   "DATABASE_URL=sqlite:///from-file.db\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.db")
    settings = load_settings()
    assert settings.default_tz == "Asia/Shanghai"
    assert settings.database_url == "sqlite:///from-env.db"
    assert "CRM_DEFAULT_TZ" not in os.environ  # read, not exported to child processes


def test_an_explicit_dotenv_path_is_read_and_a_missing_one_is_no_error(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    elsewhere = tmp_path / "deploy.env"
    elsewhere.write_text("CRM_CONFIG=/etc/crm/crm.yml\nPORT=8080\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = load_settings(dotenv_path=elsewhere)
    assert settings.config_path == Path("/etc/crm/crm.yml") and settings.port == 8080
    assert load_settings(dotenv_path=tmp_path / "absent.env").config_path is None


def test_given_settings_ignore_every_dotenv(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(HOSTILE_ENV, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = load_settings({"DATABASE_URL": "sqlite:///given.db"})
    assert settings.database_url == "sqlite:///given.db"
    assert settings.config_path is None and settings.slack_bot_token is None


@pytest.mark.slow
def test_a_hostile_dotenv_crm_yml_and_shell_change_no_test_result(tmp_path: Path) -> None:
    # The tests that once failed under the README's recommended .env, run from a folder
    # holding one, a broken crm.yml, and the same settings exported in the shell.
    (tmp_path / ".env").write_text(HOSTILE_ENV, encoding="utf-8")
    (tmp_path / "crm.yml").write_text(HOSTILE_YML, encoding="utf-8")
    exported = dict(line.split("=", 1) for line in HOSTILE_ENV.splitlines())
    env = {**os.environ, **exported, "PYTHONDONTWRITEBYTECODE": "1"}
    here = ROOT / "tests" / "bot"
    chosen = [str(here / "test_cli.py"), str(here / "test_rotate_keys.py"),
              f"{here / 'test_customer_csv.py'}::test_python_m_bot_import_and_export",
              f"{here / 'test_shell.py'}::test_python_m_bot_shell_runs_from_stdin"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
         str(ROOT), "-c", str(ROOT / "pyproject.toml"), *chosen],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
    assert not (tmp_path / "hostile.db").exists()
    assert not (tmp_path / "crm.db").exists()


def test_pacing_is_kept_in_the_process_unless_shared_is_asked_for() -> None:
    from bot.config import SettingsError

    assert load_settings({}).pacing == "process"
    assert load_settings({"CRM_PACING": "shared"}).pacing == "shared"
    with pytest.raises(SettingsError, match="CRM_PACING must be one of process, shared"):
        load_settings({"CRM_PACING": "database"})
