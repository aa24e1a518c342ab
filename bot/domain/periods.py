"""Which period a once-a-day job is due for: pure functions of the time and the team."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.domain.workdays import WorkCalendar


def daily_period_due(now: datetime, tz: ZoneInfo, at: time,
                     calendar: WorkCalendar) -> date | None:
    """The local working day (the team's calendar: holidays off, make-up days on) whose
    once-a-day job should have run by `now`, or None.

    Only today counts: a run missed during a restart is caught up later the same day, and
    a day that has passed entirely is not replayed the next morning.
    """
    local = now.astimezone(tz)
    if not calendar.is_working_day(local.date()):
        return None
    return local.date() if local.time() >= at else None


def evening_due(now: datetime, tz: ZoneInfo, at: time, calendar: WorkCalendar) -> date | None:
    """The local working day (public holidays excluded) whose evening job is due by `now`.

    From `at` until local midnight the same day: a restart at review time catches up that
    evening; after midnight the day is gone (the next working day's review covers it).
    """
    local = now.astimezone(tz)
    if not calendar.is_working_day(local.date()):
        return None
    return local.date() if local.time() >= at else None
