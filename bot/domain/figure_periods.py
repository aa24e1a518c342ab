"""The periods team figures are counted over (docs/figures.md): a week or a month of the
team's own calendar, in its own zone, the current one cut at `now`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.workdays import WEEKDAYS, WorkCalendar

WEEK, MONTH = "week", "month"
KINDS = (WEEK, MONTH)


@dataclass(frozen=True)
class Period:
    """[start, end): local midnights of the team's zone, held in UTC (subtracting two times
    of one zone in Python ignores a daylight-saving change between them); `cut` is where
    counting stops (now, for the current period; its end otherwise)."""

    kind: str
    zone: ZoneInfo
    first_day: date
    start: datetime
    end: datetime
    cut: datetime

    @property
    def last_day(self) -> date:
        """The period's last local day."""
        return (self.end - timedelta(microseconds=1)).astimezone(self.zone).date()

    @property
    def days_cut(self) -> date:
        """The last local day counted so far (the day `cut` falls in)."""
        return (self.cut - timedelta(microseconds=1)).astimezone(self.zone).date()

    def working_days(self, calendar: WorkCalendar) -> tuple[int, int]:
        """(working days passed so far, working days in the period)."""
        before = self.first_day - timedelta(days=1)
        return (calendar.count_between(before, min(self.days_cut, self.last_day)),
                calendar.count_between(before, self.last_day))


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _first_day(kind: str, day: date) -> date:
    if kind == WEEK:
        return day - timedelta(days=day.weekday())
    if kind == MONTH:
        return day.replace(day=1)
    raise ValueError(f"unknown period {kind!r}")


def _next_first_day(kind: str, first: date) -> date:
    if kind == WEEK:
        return first + timedelta(days=7)
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_of(kind: str, at: datetime, zone: ZoneInfo, now: datetime | None = None) -> Period:
    """The week or month (in `zone`) that the moment `at` falls in, counted up to `now`
    (default: `at`) or its end, whichever is first."""
    first = _first_day(kind, at.astimezone(zone).date())
    start, end = _midnight(first, zone), _midnight(_next_first_day(kind, first), zone)
    cut = min(end, max(start, now if now is not None else at))
    return Period(kind, zone, first, start, end, cut)


def current_period(kind: str, now: datetime, zone: ZoneInfo) -> Period:
    """This week or month so far."""
    return period_of(kind, now, zone)


def previous_period(period: Period) -> Period:
    """The whole period before this one."""
    return period_of(period.kind, period.start - timedelta(days=1), period.zone, period.start)


def recent_weeks(now: datetime, zone: ZoneInfo, count: int) -> tuple[Period, ...]:
    """The last `count` weeks, oldest first, the current one (so far) last (the trend)."""
    weeks = [current_period(WEEK, now, zone)]
    while len(weeks) < count:
        weeks.append(previous_period(weeks[-1]))
    return tuple(reversed(weeks))


def weekly_report_due(now: datetime, zone: ZoneInfo, day: str, at: time) -> date | None:
    """The Monday of the local week whose report is due by `now`: from the configured weekday
    and time until the week ends (a restart or a late start catches up that week; a week
    gone by is not replayed)."""
    week = current_period(WEEK, now, zone)
    moment = datetime.combine(week.first_day + timedelta(days=WEEKDAYS.index(day)), at,
                              tzinfo=zone)
    return week.first_day if now >= moment else None


def week_ending(kind: str, end: datetime, zone: ZoneInfo) -> Period:
    """The whole period that ends at `end` (a report's: last week, finished)."""
    return period_of(kind, end - timedelta(microseconds=1), zone, end)
