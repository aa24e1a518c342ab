"""Working days for time phrases: the same calendar as the team's (bot/domain/workdays),
Monday–Friday minus public holidays plus make-up days."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.workdays import WorkCalendar


def is_working_day(day: date, country: str | None) -> bool:
    """True on Monday–Friday unless a public holiday in `country`, and on its make-up days."""
    return WorkCalendar(country=country).is_working_day(day)


def add_working_days(day: date, count: int, country: str | None) -> date:
    """The working day `count` working days after `day` (before it when negative)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day, country):
            remaining -= 1
    return day


def next_working_day(day: date, country: str | None, *, include: bool = False) -> date:
    """`day` itself when `include` and it is a working day, else the next working day."""
    if include and is_working_day(day, country):
        return day
    return add_working_days(day, 1, country)


def last_working_day_of_month(year: int, month: int, country: str | None) -> date:
    """The month's last working day (its last day when the whole month is off)."""
    first_next = date(year + month // 12, month % 12 + 1, 1)
    day = first_next - timedelta(days=1)
    while not is_working_day(day, country) and day.day > 1:
        day -= timedelta(days=1)
    return day


def first_working_day_of_month(year: int, month: int, country: str | None) -> date:
    """The month's first working day."""
    return next_working_day(date(year, month, 1), country, include=True)
