"""The team calendar: working weekdays, public holidays, counting working days."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.workdays import WorkCalendar, public_holidays

FRI, MON = date(2026, 11, 20), date(2026, 11, 23)


def test_weekends_are_off_by_default() -> None:
    calendar = WorkCalendar()
    assert [calendar.is_working_day(date(2026, 11, d)) for d in range(20, 24)] == \
        [True, False, False, True]


def test_public_holidays_of_the_team_country_are_off() -> None:
    assert not WorkCalendar(country="US").is_working_day(date(2026, 11, 26))  # Thanksgiving
    assert WorkCalendar(country="CN").is_working_day(date(2026, 11, 26))
    assert WorkCalendar().is_working_day(date(2026, 11, 26))


def test_an_unknown_country_has_no_holidays() -> None:
    assert public_holidays("ZZ", 2026) == frozenset()


def test_adding_working_days_skips_weekends_and_holidays() -> None:
    assert WorkCalendar().add(FRI, 1) == MON
    assert WorkCalendar().add(MON, -1) == FRI
    assert WorkCalendar(country="US").add(date(2026, 11, 25), 1) == date(2026, 11, 27)


def test_a_custom_week_counts_its_own_days() -> None:
    six_days = WorkCalendar(("mon", "tue", "wed", "thu", "fri", "sat"))
    assert six_days.add(FRI, 1) == date(2026, 11, 21)
    assert six_days.count_between(FRI, MON) == 2


def test_counting_between_days_excludes_the_start() -> None:
    assert WorkCalendar().count_between(FRI, date(2026, 11, 27)) == 5
    assert WorkCalendar().count_between(MON, MON) == 0


def test_a_calendar_without_working_days_cannot_add() -> None:
    with pytest.raises(ValueError, match="no working days"):
        WorkCalendar(()).add(MON, 1)
    assert WorkCalendar(()).recent(MON, 3) == ()


def test_make_up_weekend_days_are_working_days() -> None:
    calendar = WorkCalendar(country="CN")
    assert calendar.is_working_day(date(2025, 1, 26))  # Sunday, 调休 before Spring Festival
    assert calendar.is_working_day(date(2025, 2, 8))  # Saturday
    assert not calendar.is_working_day(date(2025, 1, 25))  # an ordinary Saturday
    assert not calendar.is_working_day(date(2025, 1, 29))  # Spring Festival
    assert not WorkCalendar().is_working_day(date(2025, 1, 26))  # no country, no 调休
    assert calendar.add(date(2025, 1, 24), 1) == date(2025, 1, 26)
