"""Reminder and overdue rules: pure functions of the due time, the zone and now."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain import reminders as rules
from bot.domain.teams import ReminderPolicy

POLICY = ReminderPolicy()
BERLIN = ZoneInfo("Europe/Berlin")


def test_a_day_before_and_at_due() -> None:
    due = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    planned = rules.plan_reminders(due, now, POLICY)
    assert [(p.kind, p.at) for p in planned] == [
        (rules.BEFORE, due - timedelta(days=1)), (rules.AT_DUE, due)]


def test_reminders_already_in_the_past_are_not_planned() -> None:
    due = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    planned = rules.plan_reminders(due, datetime(2026, 11, 23, 9, 0, tzinfo=UTC), POLICY)
    assert [p.kind for p in planned] == [rules.AT_DUE]
    assert rules.plan_reminders(due, due + timedelta(seconds=1), POLICY) == []


def test_configured_lead_times_and_no_at_due() -> None:
    policy = ReminderPolicy(before=(timedelta(hours=2), timedelta(days=1)), at_due=False)
    due = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    planned = rules.plan_reminders(due, datetime(2026, 11, 20, tzinfo=UTC), policy)
    assert [p.at for p in planned] == [due - timedelta(days=1), due - timedelta(hours=2)]


def test_day_only_due_is_the_policys_time_in_the_reps_zone() -> None:
    friday = datetime(2026, 11, 27, 0, 0, tzinfo=BERLIN)
    assert rules.effective_due(friday, "day", BERLIN, POLICY) == datetime(
        2026, 11, 27, 8, 0, tzinfo=UTC)
    assert rules.overdue_moment(rules.effective_due(friday, "day", BERLIN, POLICY), "day",
                                BERLIN, POLICY) == datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


def test_timed_due_is_overdue_an_hour_later() -> None:
    due = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert rules.overdue_moment(due, "time", BERLIN, POLICY) == due + timedelta(hours=1)


def test_day_only_due_across_the_spring_daylight_saving_change() -> None:
    # Berlin moves to summer time on Sunday 29 March 2026: 09:00 is 08:00 UTC before, 07:00 after.
    saturday = rules.effective_due(datetime(2026, 3, 28, tzinfo=BERLIN), "day", BERLIN, POLICY)
    monday = rules.effective_due(datetime(2026, 3, 30, tzinfo=BERLIN), "day", BERLIN, POLICY)
    assert saturday == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert monday == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(("choice", "expected"), [
    ("1h", datetime(2026, 11, 25, 16, 30, tzinfo=UTC)),
    ("tomorrow", datetime(2026, 11, 26, 8, 0, tzinfo=UTC)),     # Thu 09:00 Berlin
    ("next_week", datetime(2026, 11, 30, 8, 0, tzinfo=UTC)),    # Mon 09:00 Berlin
])
def test_snooze_choices(choice: str, expected: datetime) -> None:
    wednesday = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)
    assert rules.snooze_until(choice, wednesday, BERLIN, POLICY) == expected


def test_tomorrow_means_the_reps_tomorrow_across_the_date_line() -> None:
    # 23:30 UTC Monday is already Tuesday 12:30 in Auckland: "tomorrow" is Wednesday there.
    now = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    auckland = ZoneInfo("Pacific/Auckland")
    until = rules.snooze_until("tomorrow", now, auckland, POLICY)
    assert until.astimezone(auckland).date().isoformat() == "2026-11-25"
    assert until.astimezone(auckland).time() == time(9, 0)


def test_unknown_snooze_choice_is_refused() -> None:
    with pytest.raises(ValueError):
        rules.snooze_until("forever", datetime(2026, 1, 1, tzinfo=UTC), BERLIN, POLICY)


def test_late_is_past_the_tolerance() -> None:
    due = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    assert not rules.is_late(due, due + timedelta(minutes=2), timedelta(minutes=2))
    assert rules.is_late(due, due + timedelta(minutes=3), timedelta(minutes=2))
