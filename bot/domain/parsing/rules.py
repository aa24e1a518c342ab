"""Resolution helpers shared by the English and Chinese rules (see RULES.md)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def at(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    """Wall-clock `hour:minute` on `day` in `tz` (24:00 is the next day's midnight)."""
    if hour == 24:
        day, hour = day + timedelta(days=1), 0
    return datetime.combine(day, time(hour, minute), tz)


def bare_hour(hour: int) -> tuple[int, int | None]:
    """Business-hours reading of an hour said without am/pm, and the other reading.

    1–6 are afternoon (15:00 for "三点"/"at 3"), 7–11 morning, 12 noon; 0 and 13–23
    are already unambiguous.
    """
    if 1 <= hour <= 6:
        return hour + 12, hour
    if 7 <= hour <= 11:
        return hour, hour + 12
    return hour, None


def roll_clock(when: datetime, now: datetime) -> datetime:
    """A clock time with no day named: today if still ahead, else tomorrow."""
    if when <= now:
        return datetime.combine(when.date() + timedelta(days=1), when.timetz())
    return when
