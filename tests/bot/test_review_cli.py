"""`python -m bot review --team NAME [--date] --print`: the printed review and exit codes."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bot.config import Settings
from bot.domain.teams import TeamDirectory
from bot.review_text import clean, run
from bot.services.context import ServiceContext
from bot.teamconfig import parse_directory
from store.models import ClassificationChange
from tests.services.review.test_review import NOW, WS, _customer, _seed


def _run(argv: list[str], db_url: str, directory: TeamDirectory,
         locale: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, Settings(database_url=db_url, terminal_locale=locale), directory, NOW,
               stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


EXPECTED = """\
Nightly review: East, Mon 2026-11-23 (Asia/Shanghai)

Team
  Open deals: 5 (inquiry 1, first meeting 1, qualified 1, negotiating 2)
  By likelihood: A 2, B 2, C 1
  Today: new 1, upgraded 1, downgraded 1, won 0, lost 1
  Overdue tasks: 1

U0REP
  A deals (2):
    - Acme (negotiating): last contact 2026-11-22 20:00; next: Send the contract to Acme, \
due 2026-11-24 20:00
    - Zeta (qualified) [A FOR OVER A WEEK, NOT SIGNED] [STALLED]: last contact 2026-11-13 \
20:00; next: call back, \
due 2026-11-20 20:00
  B deals: 1, C deals: 1, unrated: 0
  Moved today (2):
    - new: Gamma stage set to first meeting (09:00)
    - upgraded: Acme likelihood B -> A (12:00)
  Follow-ups today: none
  Overdue (1):
    - Quote for Beta [Beta] (due 2026-11-21 20:00)
  Stalled (2):
    - Zeta (qualified, tier A), last contact 2026-11-13 20:00
    - Gamma (first meeting, tier -), last contact never
  Incomplete files older than a day (5):
    - Zeta: missing kind (company or person) (file made 2026-09-01 08:00)
    - Acme: missing kind (company or person) (file made 2026-09-01 08:00)
    - Beta: missing kind (company or person) (file made 2026-09-01 08:00)
    - Gamma: missing kind (company or person) (file made 2026-09-01 08:00)
    - Wonco: missing kind (company or person) (file made 2026-09-01 08:00)

U0REP2
  A deals: none
  B deals: 1, C deals: 0, unrated: 0
  Moved today (2):
    - downgraded: Delta likelihood A -> B (13:00)
    - lost: Lostco stage negotiating -> lost (14:00)
  Follow-ups today (2):
    - done Weekly report (due 2026-11-22 09:00)
    - logged 11:00 Delta: Delta visit[31m today
  Overdue: none
  Stalled: none
  Incomplete files older than a day (3):
    - Lostco: missing kind (company or person) (file made 2026-09-01 08:00)
    - Delta: missing kind (company or person) (file made 2026-09-01 08:00)
    - NoStage: missing kind (company or person) (file made 2026-09-01 08:00)
"""


def test_print_shows_the_teams_review_for_today_in_its_zone(
        services: ServiceContext, db_url: str, directory: TeamDirectory) -> None:
    _seed(services)
    code, out, err = _run(["--team", "East", "--print"], db_url, directory)
    assert (code, err) == (0, "")
    assert out == EXPECTED  # the escape character of the log is gone, its text printed


def test_a_drought_is_said_at_the_top(services: ServiceContext, db_url: str,
                                      directory: TeamDirectory) -> None:
    with services.uow() as uow:
        acme = _customer(uow, "Acme\u202e", "U0REP", "negotiating", "A")
        uow.classifications.add(ClassificationChange(
            workspace_id=WS, customer_id=acme, axis="likelihood", old="B", new="A",
            actor="U0REP", at=datetime(2026, 11, 18, 4, tzinfo=UTC), source="command"))
        uow.commit()
    code, out, _ = _run(["--team", "East", "--date", "2026-11-23", "--print"], db_url,
                        directory)
    assert code == 0
    assert out.splitlines()[:2] == [
        "Nightly review: East, Mon 2026-11-23 (Asia/Shanghai)",
        "WARNING: no new A-likelihood deal for 3 working days in a row "
        "(Thu 11-19, Fri 11-20, Mon 11-23)."]
    assert "    - Acme (negotiating) [STALLED]: last contact never; next: no next step" in out
    code, out, _ = _run(["--team", "East", "--date", "2026-11-18", "--print"], db_url,
                        directory)
    assert code == 0 and "WARNING" not in out and "upgraded: Acme likelihood B -> A" in out


def test_an_unknown_team_is_an_error_naming_the_teams(db_url: str,
                                                     directory: TeamDirectory) -> None:
    code, out, err = _run(["--team", "West", "--print"], db_url, directory)
    assert (code, out) == (2, "")
    assert err == "error: no team is called “West”; teams: East\n"
    code, out, err = _run(["--team", "West", "--print"], db_url, directory, "zh_CN")
    assert (code, err) == (2, "错误：没有名为“West”的团队；现有团队：East\n")
    # the review itself reads in the team's language, as its channel does
    code, out, _ = _run(["--team", "East", "--print"], db_url, directory, "zh_CN")
    assert code == 0 and out.startswith("Nightly review: East")


def test_usage_errors_exit_2(db_url: str, directory: TeamDirectory) -> None:
    assert _run(["--team", "East"], db_url, directory)[0] == 2  # --print is required for now
    assert _run(["--print"], db_url, directory)[0] == 2
    code, _, err = _run(["--team", "East", "--date", "23/11/2026", "--print"], db_url,
                        directory)
    assert code == 2 and "--date" in err


def test_control_characters_are_removed_from_user_text() -> None:
    assert clean("a\x1b[2Jb\r\nc\u202ed\x00") == "a[2Jb cd"


def test_python_m_bot_review_dispatches_with_the_configured_teams(
        monkeypatch, tmp_path, capsys) -> None:
    from bot.__main__ import main
    from tests.conftest import TEAM_YAML

    config = tmp_path / "teams.yml"
    config.write_text(TEAM_YAML, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'crm.db'}")
    monkeypatch.setenv("CRM_CONFIG", str(config))
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    assert main(["review", "--team", "East", "--print"]) == 2  # not migrated yet
    assert "python -m bot migrate" in capsys.readouterr().err
    assert main(["migrate"]) == 0
    capsys.readouterr()
    assert main(["review", "--team", "East", "--date", "2026-11-23", "--print"]) == 0
    assert capsys.readouterr().out.startswith("Nightly review: East, Mon 2026-11-23")
    assert main(["review", "--team", "Nope", "--print"]) == 2
    assert "teams: East" in capsys.readouterr().err


def test_print_names_people_and_speaks_the_teams_language(
        services: ServiceContext, db_url: str) -> None:
    from tests.conftest import TEAM_YAML

    _seed(services)
    with services.uow() as uow:
        uow.people.save_tz(WS, "U0REP", "Asia/Shanghai", "Rep\x1b One", NOW)
        uow.commit()
    chinese = parse_directory(TEAM_YAML.replace("timezone: Asia/Shanghai",
                                                "timezone: Asia/Shanghai\n    language: zh"))
    code, out, _ = _run(["--team", "East", "--print"], db_url, chinese)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "每晚复盘：East，2026-11-23 周一（Asia/Shanghai）"
    assert "Rep One" in lines and "U0REP2" in lines  # a cached name; an id when unknown
    assert "  A 类商机 (2):" in lines and "  B 类：1，C 类：1，未评级：0" in lines
    assert "    - 升级: Acme 成交可能性 B -> A (12:00)" in lines
