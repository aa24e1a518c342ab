"""After-sale revisit plans: the schedule on the team's working days, and one plan per event."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.revisit_plans import (
    AFTER_PURCHASE,
    SERVICE,
    RevisitPolicy,
    parse_offset,
    plan,
    plan_key,
    starts_new_plan,
    task_times,
)
from bot.domain.workdays import WorkCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHINA = WorkCalendar(country="CN")
PLAIN = WorkCalendar()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).astimezone(UTC)


def _days(event: date, kind: str = AFTER_PURCHASE, cal: WorkCalendar = PLAIN,
          policy: RevisitPolicy | None = None) -> list[tuple[str, date]]:
    steps = plan(_at(event), kind, policy or RevisitPolicy(), SHANGHAI, cal)
    return [(s.step, s.due_day) for s in steps]


def test_default_plan_after_a_purchase_on_a_monday() -> None:
    assert _days(date(2026, 11, 23)) == [
        ("1wd", date(2026, 11, 24)), ("3d", date(2026, 11, 26)),
        ("3w", date(2026, 12, 14)), ("3m", date(2027, 2, 23))]


def test_a_step_on_a_weekend_comes_the_working_day_before_so_within_still_holds() -> None:
    # Won on Wednesday: 3 days is Saturday, so the call is on Friday, not Monday.
    assert _days(date(2026, 11, 25))[1] == ("3d", date(2026, 11, 27))


def test_two_steps_never_share_a_day() -> None:
    # Won on Thursday: 1wd is Friday, 3d is Sunday -> Friday is taken -> the next working day.
    assert _days(date(2026, 11, 26))[:2] == [("1wd", date(2026, 11, 27)),
                                            ("3d", date(2026, 11, 30))]


def test_chinese_golden_week_moves_the_plan_past_the_holiday() -> None:
    days = dict(_days(date(2026, 9, 30), cal=CHINA))
    assert days["1wd"] == date(2026, 10, 8)  # 1-7 October are public holidays
    assert days["3d"] == date(2026, 10, 9)  # 3 October is a holiday: never before the event


def test_a_make_up_saturday_counts_as_a_working_day() -> None:
    # 14 February 2026 is a Saturday China works in place of the Spring Festival (调休).
    assert _days(date(2026, 2, 13), cal=CHINA)[0] == ("1wd", date(2026, 2, 14))


def test_month_steps_keep_the_day_or_take_the_month_end() -> None:
    policy = RevisitPolicy(after_purchase=(parse_offset("1m"),))
    assert _days(date(2027, 1, 29), policy=policy) == [("1m", date(2027, 2, 26))]  # 28 Feb: Sun


def test_a_service_visit_starts_a_three_day_call() -> None:
    assert _days(date(2026, 11, 23), SERVICE) == [("3d", date(2026, 11, 26))]


def test_a_configured_schedule_adds_six_months_in_order() -> None:
    policy = RevisitPolicy(after_purchase=tuple(parse_offset(s) for s in ("6m", "1wd", "3m")))
    assert [s for s, _ in _days(date(2026, 11, 23), policy=policy)] == ["1wd", "3m", "6m"]


@pytest.mark.parametrize("text", ["0d", "3y", "wd", "", "3 weeks"])
def test_offsets_that_are_not_understood_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_offset(text)


def test_the_plan_key_is_the_customer_kind_and_local_day() -> None:
    # 23:30 UTC on the 22nd is the 23rd in Shanghai.
    at = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert plan_key(7, AFTER_PURCHASE, at, SHANGHAI) == "after_purchase:7:2026-11-23"
    assert plan_key(7, AFTER_PURCHASE, at + timedelta(hours=5), SHANGHAI) == \
        plan_key(7, AFTER_PURCHASE, at, SHANGHAI)


def test_a_won_flip_inside_the_running_plan_starts_no_second_plan() -> None:
    policy = RevisitPolicy()
    first = _at(date(2026, 11, 23))
    assert starts_new_plan(AFTER_PURCHASE, first, None, policy)
    assert not starts_new_plan(AFTER_PURCHASE, first + timedelta(days=2), first, policy)
    # A purchase after the three months of the first plan is a new purchase.
    assert starts_new_plan(AFTER_PURCHASE, first + timedelta(days=91), first, policy)


def test_a_revisit_task_is_made_in_time_for_its_reminder_the_day_before() -> None:
    made, due = task_times(date(2026, 11, 26), SHANGHAI, time(9, 0), (timedelta(days=1),))
    assert due == datetime(2026, 11, 26, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    assert made == datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
    assert task_times(date(2026, 11, 26), SHANGHAI, time(9, 0), ())[0] == due
