"""Review rules: cadence by tier, stalled deals, the A-drought warning, what a move means."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.cadence import CadenceTable, TierRule
from bot.domain.review import (
    a_deal_aging,
    a_drought,
    is_new_a,
    is_open_deal,
    is_stalled,
    move_kind,
)
from bot.domain.workdays import WorkCalendar

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MON, FRI, THU, WED = date(2026, 11, 23), date(2026, 11, 20), date(2026, 11, 19), date(2026, 11, 18)


@pytest.mark.parametrize(("tier", "age", "stalled"), [
    ("A", timedelta(days=7), False), ("A", timedelta(days=7, seconds=1), True),
    ("B", timedelta(days=10), False), ("B", timedelta(days=15), True),
    ("C", timedelta(days=29), False), (None, timedelta(days=31), True),
])
def test_a_deal_is_stalled_only_past_its_cadence(tier: str | None, age: timedelta,
                                                 stalled: bool) -> None:
    assert is_stalled(NOW - age, tier, NOW, CadenceTable()) is stalled


def test_a_deal_never_contacted_is_stalled() -> None:
    assert is_stalled(None, "C", NOW, CadenceTable())


def test_stalled_follows_the_configured_table() -> None:
    table = CadenceTable(tiers={"A": TierRule(3), "none": TierRule(None)})
    assert is_stalled(NOW - timedelta(days=4), "A", NOW, table)
    assert not is_stalled(NOW - timedelta(days=400), None, NOW, table)  # "off": never stalled


def test_the_drought_window_skips_the_weekend() -> None:
    weekdays = WorkCalendar()
    assert weekdays.recent(MON, 3) == (THU, FRI, MON)
    assert not a_drought({THU}, MON, weekdays)
    assert a_drought({WED, date(2026, 11, 21)}, MON, weekdays)  # a Saturday A does not count


def test_the_drought_window_follows_custom_working_days() -> None:
    six_days = WorkCalendar(("sun", "mon", "tue", "wed", "thu", "sat"))  # Friday off
    assert six_days.recent(MON, 3) == (date(2026, 11, 21), date(2026, 11, 22), MON)
    assert not a_drought({date(2026, 11, 21)}, MON, six_days)
    assert a_drought({FRI, THU}, MON, six_days)


def test_a_review_on_a_day_off_looks_at_the_working_days_before_it() -> None:
    sunday = date(2026, 11, 22)
    assert WorkCalendar().recent(sunday, 3) == (WED, THU, FRI)


def test_a_public_holiday_does_not_count_towards_the_drought() -> None:
    chinese = WorkCalendar(country="CN")
    after_national_day = date(2026, 10, 9)  # National Day: 1-7 October are holidays in China
    assert chinese.recent(after_national_day, 3) == (date(2026, 9, 30), date(2026, 10, 8),
                                                     after_national_day)
    assert not a_drought({date(2026, 9, 30)}, after_national_day, chinese)
    assert a_drought({date(2026, 9, 30)}, after_national_day, WorkCalendar())


def test_no_working_days_means_no_drought() -> None:
    assert not a_drought(set(), MON, WorkCalendar(()))


def test_open_deals_have_a_stage_that_is_not_closed() -> None:
    assert [is_open_deal(s) for s in (None, "inquiry", "negotiating", "won", "lost",
                                       "after_sales")] == [False, True, True, False, False, False]


def test_a_likelihood_without_a_stage_is_an_open_deal() -> None:
    assert is_open_deal(None, "A") and is_open_deal(None, "C")
    assert not is_open_deal("won", "A") and not is_open_deal("lost", "B")
    assert not is_open_deal(None, None)


def test_an_a_deal_ages_once_its_week_is_over() -> None:
    assert not a_deal_aging(NOW - timedelta(days=7), NOW)
    assert a_deal_aging(NOW - timedelta(days=7, seconds=1), NOW)
    assert not a_deal_aging(None, NOW)


@pytest.mark.parametrize(("axis", "old", "new", "kind"), [
    ("stage", None, "inquiry", "new"), ("stage", "qualified", "negotiating", "upgraded"),
    ("stage", "negotiating", "won", "won"), ("stage", "qualified", "lost", "lost"),
    ("likelihood", "B", "A", "upgraded"), ("likelihood", "A", "C", "downgraded"),
    ("likelihood", None, "B", None), ("tier", "C", "A", "upgraded"),
])
def test_what_a_move_means(axis: str, old: str | None, new: str, kind: str | None) -> None:
    assert move_kind(axis, old, new) == kind


def test_a_new_a_deal_is_any_move_to_a_likelihood() -> None:
    assert is_new_a("likelihood", None, "A") and is_new_a("likelihood", "B", "A")
    assert not is_new_a("likelihood", "A", "A") and not is_new_a("tier", "B", "A")
