"""A team's working-day calendar: its working weekdays minus its country's public holidays,
plus the weekend days its country works instead (China's 调休 make-up days)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONDAY_TO_FRIDAY = WEEKDAYS[:5]


@lru_cache(maxsize=64)
def _country_year(country: str, year: int) -> holidays.HolidayBase | None:
    try:
        return holidays.country_holidays(country.upper(), years=year)
    except NotImplementedError:
        return None


def public_holidays(country: str, year: int) -> frozenset[date]:
    """The country's public holidays in that year (python-holidays); none for an unknown code."""
    found = _country_year(country, year)
    return frozenset(found.keys()) if found is not None else frozenset()


def make_up_days(country: str, year: int) -> frozenset[date]:
    """Weekend days worked in place of a holiday (2025-01-26 in China), per python-holidays."""
    found = _country_year(country, year)
    if found is None:
        return frozenset()
    return frozenset(day for day in found.weekend_workdays if day.year == year)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days a team works; SLA clocks, droughts and cadences count these days."""

    working_days: tuple[str, ...] = MONDAY_TO_FRIDAY
    country: str | None = None

    def is_working_day(self, day: date) -> bool:
        """True on a working weekday that is not a public holiday, and on a make-up day."""
        if self.country is not None and day in make_up_days(self.country, day.year):
            return True
        if WEEKDAYS[day.weekday()] not in self.working_days:
            return False
        return self.country is None or day not in public_holidays(self.country, day.year)

    @property
    def works_at_all(self) -> bool:
        """False for a calendar with no working weekday (nothing can be counted on it)."""
        return any(day in WEEKDAYS for day in self.working_days)

    def add(self, day: date, count: int) -> date:
        """The working day `count` working days after `day` (before it when negative)."""
        if not self.works_at_all:
            raise ValueError("the calendar has no working days")
        step = 1 if count >= 0 else -1
        remaining = abs(count)
        while remaining:
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def recent(self, day: date, span: int) -> tuple[date, ...]:
        """The last `span` working days up to and including `day`, oldest first."""
        if not self.works_at_all or span <= 0:
            return ()
        found = [day] if self.is_working_day(day) else []
        while len(found) < span:
            day = self.add(day, -1)
            found.append(day)
        return tuple(reversed(found))

    def count_between(self, start: date, end: date) -> int:
        """How many working days lie after `start` up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count
