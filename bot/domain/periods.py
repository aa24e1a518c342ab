"""Which period a once-a-day job is due for: pure functions of the time and the team."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.domain.teams import WEEKDAYS


def daily_period_due(now: datetime, tz: ZoneInfo, at: time,
                     working_days: tuple[str, ...]) -> date | None:
    """The local working day whose once-a-day job should have run by `now`, or None.

    Only today counts: a run missed during a restart is caught up later the same day, and
    a day that has passed entirely is not replayed the next morning.
    """
    local = now.astimezone(tz)
    if WEEKDAYS[local.weekday()] not in working_days:
        return None
    return local.date() if local.time() >= at else None
