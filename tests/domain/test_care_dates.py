"""Care dates: yearly reminders some days ahead, 29 February, renewals across years."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.care_dates import (
    ANNIVERSARY,
    BIRTHDAY,
    RENEWAL,
    CareDate,
    CarePolicy,
    due_reminders,
    next_check,
    reminders_around,
)
from bot.domain.workdays import WorkCalendar

POLICY = CarePolicy()
CAL = WorkCalendar()


def _due(care: CareDate, today: date, policy: CarePolicy = POLICY) -> list[tuple[date, int]]:
    return [(r.occurrence, r.days_before) for r in due_reminders(care, today, policy, CAL)]


def test_a_birthday_is_reminded_three_days_ahead_each_year() -> None:
    care = CareDate(1, BIRTHDAY, 3, 5, label="王总")
    assert _due(care, date(2027, 3, 1)) == []
    assert _due(care, date(2027, 3, 2)) == [(date(2027, 3, 5), 3)]
    assert _due(care, date(2028, 3, 2)) == [(date(2028, 3, 5), 3)]


def test_a_reminder_on_a_weekend_comes_the_friday_before() -> None:
    care = CareDate(1, ANNIVERSARY, 11, 30)  # 27 November 2026 is a Friday; the 28th Sat
    reminders = reminders_around(CareDate(1, ANNIVERSARY, 12, 1), date(2026, 11, 1), POLICY,
                                 CAL)
    assert reminders[0].due_day == date(2026, 11, 27)  # 1 Dec - 3 = Sat 28 Nov -> Fri
    assert _due(care, date(2026, 11, 27)) == [(date(2026, 11, 30), 3)]


@pytest.mark.parametrize(("year", "expected"), [(2027, date(2027, 2, 28)),
                                                (2028, date(2028, 2, 29))])
def test_29_february_falls_on_28_february_without_a_leap_day(year: int, expected: date) -> None:
    care = CareDate(2, BIRTHDAY, 2, 29)
    assert care.on(year) == expected
    assert _due(care, expected) == [(expected, 3)]


def test_a_renewal_is_also_reminded_thirty_days_ahead_across_the_new_year() -> None:
    care = CareDate(3, RENEWAL, 1, 10, year=2027)
    assert _due(care, date(2026, 12, 11)) == [(date(2027, 1, 10), 30)]
    assert _due(care, date(2027, 1, 7)) == [(date(2027, 1, 10), 30), (date(2027, 1, 10), 3)]
    assert next_check(care, date(2026, 12, 1), POLICY, CAL) == date(2026, 12, 11)


def test_a_renewal_with_a_later_first_year_is_not_reminded_before_it() -> None:
    care = CareDate(4, RENEWAL, 6, 30, year=2029)
    assert _due(care, date(2027, 6, 28)) == []
    assert next_check(care, date(2027, 1, 1), POLICY, CAL) == date(2029, 5, 31)


def test_each_reminder_has_a_key_of_its_own_per_year() -> None:
    care = CareDate(5, RENEWAL, 6, 30)
    keys = [r.key for r in reminders_around(care, date(2027, 1, 1), POLICY, CAL)]
    assert len(set(keys)) == 4 and "care:5:2027-06-30:30" in keys


def test_the_days_ahead_are_configurable_and_a_kind_can_be_off() -> None:
    policy = CarePolicy(days_before=7, renewal_days_before=(60, 30), kinds=(BIRTHDAY,))
    assert policy.leads(RENEWAL) == (60, 30, 7)
    assert _due(CareDate(6, BIRTHDAY, 3, 9), date(2027, 3, 2), policy) == [(date(2027, 3, 9), 7)]
    assert _due(CareDate(7, ANNIVERSARY, 3, 9), date(2027, 3, 8), policy) == []


def test_a_past_occurrence_is_not_reminded_after_it() -> None:
    assert _due(CareDate(8, BIRTHDAY, 3, 5), date(2027, 3, 6)) == []


def test_a_date_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError):
        CareDate(9, BIRTHDAY, 2, 30)
    with pytest.raises(ValueError):
        CareDate(9, RENEWAL, 2, 29, year=2027)
