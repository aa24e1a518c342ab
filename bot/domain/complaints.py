"""Complaint rules: the escalation policy, the SLA clocks and who may be paged when.

Escalation follows PagerDuty/Opsgenie: the on-duty owner is paged, and each level that does
not acknowledge within the priority's ack time hands over to the next (owner -> backup ->
team lead), the whole policy repeated a configured number of times. The SLA clocks follow
Zendesk/Pylon: a first-answer target in hours, a solution target in the team's working
days, a warning at 80% of each and a breach when it passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.workdays import WorkCalendar

PRIORITIES = ("high", "medium", "low")
CATEGORIES = ("product", "service", "experience")
STATUSES = ("open", "acknowledged", "resolved")


@dataclass(frozen=True)
class ComplaintPolicy:
    """Targets per priority; the defaults are domain.md's (see docs/complaints.md)."""

    ack_minutes: dict[str, int] = field(
        default_factory=lambda: {"high": 15, "medium": 30, "low": 30})
    # Times the whole policy (owner -> backup -> lead) runs again after its first pass.
    repeat: int = 1
    answer_hours: int = 24
    solve_days: dict[str, int] = field(
        default_factory=lambda: {"high": 2, "medium": 3, "low": 5})
    warn_fraction: float = 0.8
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    check_back_hours: int = 24

    def ack_time(self, priority: str) -> timedelta:
        """How long a paged person has to acknowledge before the next level is paged."""
        return timedelta(minutes=self.ack_minutes.get(priority, self.ack_minutes["medium"]))

    def solve_in(self, priority: str) -> int:
        """Working days allowed for a solution at this priority."""
        return self.solve_days.get(priority, self.solve_days["medium"])


def escalation_targets(owner: str, backup: str | None, lead: str | None,
                       repeat: int) -> list[str]:
    """Everyone paged in order: owner, backup, lead, that cycle repeated `repeat` more times.

    A missing level is skipped and a person is never paged twice in a row (an owner who is
    also the lead is not paged again as lead)."""
    cycle = [p for p in (owner, backup, lead) if p]
    out: list[str] = []
    for person in cycle * (1 + max(repeat, 0)):
        if not out or out[-1] != person:
            out.append(person)
    return out


@dataclass(frozen=True)
class WorkingHours:
    """A person's working hours: their team's working days, between two local times."""

    calendar: WorkCalendar
    timezone: str
    start: time = time(9, 0)
    end: time = time(18, 0)

    def contains(self, moment: datetime) -> bool:
        """Whether `moment` falls within working hours."""
        local = moment.astimezone(ZoneInfo(self.timezone))
        return (self.calendar.is_working_day(local.date())
                and self.start <= local.time().replace(tzinfo=None) < self.end)

    def next_start(self, moment: datetime) -> datetime:
        """`moment` itself inside working hours, else when the next working period begins."""
        if self.contains(moment) or not self.calendar.works_at_all:
            return moment
        zone = ZoneInfo(self.timezone)
        local = moment.astimezone(zone)
        day = local.date()
        if not (self.calendar.is_working_day(day) and local.time() < self.start):
            day = self.calendar.add(day, 1)
        return datetime.combine(day, self.start, tzinfo=zone).astimezone(UTC)


def page_at(priority: str, due: datetime, hours: WorkingHours | None) -> datetime:
    """When a page due at `due` may go out: high always at once; low waits for working
    hours; medium is treated as urgent enough to page at once, like high."""
    if priority != "low" or hours is None:
        return due
    return hours.next_start(due)


@dataclass(frozen=True)
class SlaClock:
    """One SLA target of one complaint: when the warning and the breach fall."""

    kind: str  # "answer" or "solve"
    warn_at: datetime
    due_at: datetime


def _working_seconds(calendar: WorkCalendar, zone: ZoneInfo, start: datetime,
                     end: datetime) -> float:
    """Seconds between two instants that fall on working days (whole local days count)."""
    total = 0.0
    cursor = start
    while cursor < end:
        local = cursor.astimezone(zone)
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
        stop = min(end, midnight.astimezone(UTC))
        if calendar.is_working_day(local.date()):
            total += (stop - cursor).total_seconds()
        cursor = stop
    return total


def _back_by_working_seconds(calendar: WorkCalendar, zone: ZoneInfo, end: datetime,
                             seconds: float) -> datetime:
    """The instant `seconds` of working-day time before `end`."""
    cursor = end
    while seconds > 0:
        local = cursor.astimezone(zone)
        day_start = datetime.combine(local.date(), time(0), tzinfo=zone).astimezone(UTC)
        if day_start == cursor:
            day_start = datetime.combine(local.date() - timedelta(days=1), time(0),
                                         tzinfo=zone).astimezone(UTC)
            local = day_start.astimezone(zone)
        if calendar.is_working_day(local.date()):
            span = (cursor - day_start).total_seconds()
            if span >= seconds:
                return cursor - timedelta(seconds=seconds)
            seconds -= span
        cursor = day_start
    return cursor


def sla_clocks(policy: ComplaintPolicy, priority: str, raised_at: datetime,
               calendar: WorkCalendar, timezone: str) -> tuple[SlaClock, SlaClock]:
    """The first-answer clock (wall hours) and the solution clock (team working days).

    The solution is due N working days after the day it was raised, at the same local time
    (raised on a day off, the count starts from that day all the same: Saturday 10:00 with
    3 days is due Wednesday 10:00). Its warning falls at 80% of the working-day time, so it
    never lands on a weekend or a holiday."""
    zone = ZoneInfo(timezone)
    answer_due = raised_at + timedelta(hours=policy.answer_hours)
    answer = SlaClock("answer", raised_at + (answer_due - raised_at) * policy.warn_fraction,
                      answer_due)
    local = raised_at.astimezone(zone)
    if calendar.works_at_all:
        due_day = calendar.add(local.date(), policy.solve_in(priority))
    else:
        due_day = local.date() + timedelta(days=policy.solve_in(priority))
    solve_due = datetime.combine(due_day, local.time().replace(tzinfo=None),
                                 tzinfo=zone).astimezone(UTC)
    budget = _working_seconds(calendar, zone, raised_at, solve_due)
    warn = _back_by_working_seconds(calendar, zone, solve_due,
                                    budget * (1 - policy.warn_fraction))
    return answer, SlaClock("solve", warn, solve_due)


def median(values: list[float]) -> float | None:
    """The median of the values, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
