"""Tier B's quarterly satisfaction survey (domain.md section 6) as a periodic cadence row,
with time passed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.domain.cadence import SURVEY, CadenceTable, Facts, periodic_due
from bot.domain.cadence_text import task_title
from bot.domain.workdays import WorkCalendar

ZONE = ZoneInfo("Asia/Shanghai")
WEEK = WorkCalendar()
TABLE = CadenceTable()
MON = date(2026, 11, 23)
CREATED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)  # a Monday


def facts(tier: str | None, last_survey: datetime | None = None) -> Facts:
    return Facts(customer_id=7, tier=tier, stage=None, stage_since=None,
                 last_contact=None, created_at=CREATED, last_survey=last_survey)


def surveys(f: Facts, today: date, table: CadenceTable = TABLE) -> list[tuple[date, str]]:
    return [(p.due_day, p.key) for p in periodic_due(f, table, ZONE, WEEK, today)
            if p.kind == SURVEY]


def test_a_tier_b_customer_is_surveyed_90_days_after_its_last_survey() -> None:
    done = datetime(2026, 8, 25, 3, 0, tzinfo=UTC)  # +90 days: Monday 23 November
    assert surveys(facts("B", done), date(2026, 11, 22)) == []
    assert surveys(facts("B", done), MON) == [(MON, "survey:7:2026-11-23")]


def test_the_same_quarter_keeps_its_key_until_the_next_one() -> None:
    done = datetime(2026, 8, 25, 3, 0, tzinfo=UTC)
    keys = {k for day in range(23, 31) for _, k in surveys(facts("B", done), date(2026, 11, day))}
    assert keys == {"survey:7:2026-11-23"}


def test_a_survey_on_a_sunday_is_due_on_monday() -> None:
    done = datetime(2026, 8, 24, 3, 0, tzinfo=UTC)  # +90 days: Sunday 22 November
    assert surveys(facts("B", done), date(2026, 11, 22)) == []
    assert surveys(facts("B", done), MON) == [(MON, "survey:7:2026-11-22")]


def test_only_tier_b_by_default_and_a_team_may_change_it() -> None:
    assert surveys(facts("A"), MON) == [] and surveys(facts("C"), MON) == []
    assert surveys(facts(None), MON) == []
    assert surveys(facts("B"), MON) != []
    off = replace(TABLE, satisfaction_survey={})
    assert surveys(facts("B"), MON, off) == []
    assert surveys(facts("A"), MON, replace(TABLE, satisfaction_survey={"A": 30})) != []
    assert CadenceTable.switched_off().periodic(SURVEY, "B") is None


def test_a_lost_customer_gets_no_survey() -> None:
    lost = replace(facts("B"), stage="lost", stage_since=datetime(2026, 3, 1, tzinfo=UTC))
    assert surveys(lost, MON) == []


def test_the_survey_title_in_both_languages() -> None:
    [period] = [p for p in periodic_due(facts("B"), TABLE, ZONE, WEEK, MON) if p.kind == SURVEY]
    assert task_title(period, "Acme", "B", None, None, MON, ZONE, "en") == \
        "Quarterly satisfaction survey for tier B customer Acme"
    assert task_title(period, "华为", "B", None, None, MON, ZONE, "zh") == \
        "每季度满意度调查 B 类客户 华为"
