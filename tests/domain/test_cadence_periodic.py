"""The periodic cadence rows with time passed in: tier A's monthly senior contact, tier B's
quarterly needs review, tier C's six-monthly file refresh."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.cadence import (
    REFRESH,
    REVIEW,
    SENIOR,
    SURVEY,
    CadenceTable,
    Facts,
    Period,
    TierRule,
    key_day,
    next_check,
    periodic_due,
)
from bot.domain.cadence_text import task_title
from bot.domain.workdays import WorkCalendar

ZONE = ZoneInfo("Asia/Shanghai")
WEEK = WorkCalendar()
# The tier B survey row counts like the review and is tested on its own
# (test_cadence_survey.py); here it would only double tier B's periods.
TABLE = replace(CadenceTable(), satisfaction_survey={})
MON = date(2026, 11, 23)
CREATED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)  # a Monday


def local(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=ZONE)


def facts(tier: str, **events: datetime | None) -> Facts:
    return Facts(customer_id=7, tier=tier, stage=None, stage_since=None,
                 last_contact=local(MON), created_at=CREATED, **events)


@pytest.mark.parametrize(("tier", "event", "since", "kind", "days"), [
    ("A", "last_senior", date(2026, 10, 24), SENIOR, 30),
    ("B", "last_review", date(2026, 8, 25), REVIEW, 90),
    ("C", "file_updated", date(2026, 5, 27), REFRESH, 180),
])
def test_each_row_is_due_its_interval_after_its_event(tier: str, event: str, since: date,
                                                      kind: str, days: int) -> None:
    f = facts(tier, **{event: local(since)})
    assert periodic_due(f, TABLE, ZONE, WEEK, date(2026, 11, 22)) == []
    assert periodic_due(f, TABLE, ZONE, WEEK, MON) == [
        Period(kind, MON, MON, days, f"{kind}:7:2026-11-23", since)]


def test_each_tier_has_only_its_own_row_by_default() -> None:
    long_ago = {"last_senior": None, "last_review": None, "file_updated": None}
    table = CadenceTable()
    assert [p.kind for p in periodic_due(facts("A", **long_ago), table, ZONE, WEEK, MON)] == \
        [SENIOR]
    assert [p.kind for p in periodic_due(facts("B", **long_ago), table, ZONE, WEEK, MON)] == \
        [REVIEW, SURVEY]
    assert [p.kind for p in periodic_due(facts("C", **long_ago), table, ZONE, WEEK, MON)] == \
        [REFRESH]
    no_tier = replace(facts("A"), tier=None)
    assert periodic_due(no_tier, TABLE, ZONE, WEEK, MON) == []


def test_with_no_event_the_row_counts_from_the_file_and_only_the_latest_period_is_due() -> None:
    [due] = periodic_due(facts("B"), TABLE, ZONE, WEEK, MON)
    # 5 Jan + 270 days = 2 Oct (a Friday): three quarters have passed, the fourth is not due.
    assert (due.day, due.key, due.since) == (date(2026, 10, 2), "review:7:2026-10-02",
                                             date(2026, 1, 5))


def test_a_due_day_on_the_weekend_moves_to_monday() -> None:
    f = facts("B", last_review=local(date(2026, 8, 24)))  # +90 days: Sunday 22 November
    [due] = periodic_due(f, TABLE, ZONE, WEEK, MON)
    assert (due.day, due.due_day) == (date(2026, 11, 22), MON)
    assert periodic_due(f, TABLE, ZONE, WEEK, date(2026, 11, 22)) == []


def test_an_event_older_than_the_file_counts_from_the_file() -> None:
    f = facts("C", file_updated=datetime(2025, 1, 1, tzinfo=UTC))
    assert f.since(REFRESH) == CREATED


def test_a_row_switched_off_or_a_lost_customer_asks_for_nothing() -> None:
    off = replace(TABLE, senior_contact={}, needs_review={}, file_refresh={})
    for tier in "ABC":
        assert periodic_due(facts(tier), off, ZONE, WEEK, MON) == []
        lost = replace(facts(tier), stage="lost", stage_since=local(date(2026, 1, 10)))
        assert periodic_due(lost, TABLE, ZONE, WEEK, MON) == []
    assert periodic_due(facts("A"), CadenceTable.switched_off(), ZONE, WEEK, MON) == []


def test_a_configured_interval_and_tier_apply() -> None:
    table = replace(TABLE, needs_review={"A": 60})
    f = facts("A", last_review=local(date(2026, 9, 24)))  # +60 days: 23 November
    assert [(p.kind, p.days, p.day) for p in periodic_due(f, table, ZONE, WEEK, MON)] == [
        (SENIOR, 30, date(2026, 11, 1)), (REVIEW, 60, MON)]


def test_the_sweep_looks_again_on_the_periodic_due_day() -> None:
    table = replace(TABLE, tiers={"B": TierRule(None)})  # no regular contact: only the review
    f = facts("B", last_review=local(date(2026, 8, 25)))
    assert next_check(f, table, ZONE, WEEK, date(2026, 11, 20), include_today=False) == \
        datetime(2026, 11, 23, 0, 0, tzinfo=ZONE)


def test_a_key_names_its_day() -> None:
    assert key_day("senior:7:2026-11-23") == MON


@pytest.mark.parametrize(("tier", "event", "lang", "name", "title"), [
    ("B", "last_review", "en", "Acme", "Quarterly needs review for tier B customer Acme"),
    ("B", "last_review", "zh", "华为", "每季度需求回顾 B 类客户 华为"),
    ("C", "file_updated", "en", "Acme", "Refresh the file of Acme (last updated 27 May 2026)"),
    ("C", "file_updated", "zh", "华为", "更新客户 华为 的档案（上次更新 2026年5月27日）"),
    ("A", "last_senior", "en", "Acme",
     "Monthly contact with a senior person at tier A customer Acme — none logged in the "
     "last 30 days"),
    ("A", "last_senior", "zh", "华为", "每月联系 A 类客户 华为 的高层 — 近 30 天无高层联系记录"),
])
def test_the_task_says_why(tier: str, event: str, lang: str, name: str, title: str) -> None:
    since = {"last_review": date(2026, 8, 25), "file_updated": date(2026, 5, 27),
             "last_senior": date(2026, 10, 24)}[event]
    [period] = periodic_due(facts(tier, **{event: local(since)}), TABLE, ZONE, WEEK, MON)
    assert task_title(period, name, tier, None, None, MON, ZONE, lang) == title
