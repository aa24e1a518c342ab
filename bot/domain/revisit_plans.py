"""After-sale revisit plans (docs/domain.md section 6, docs/revisits.md): the schedule a purchase
or a service visit starts, on the team's working days, and the key that makes each plan
happen once per event.

Pure: the event's moment, the zone and the calendar are passed in.
"""

from __future__ import annotations

import calendar as _months
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.workdays import WorkCalendar

AFTER_PURCHASE, SERVICE = "after_purchase", "service"
PLAN_KINDS = (AFTER_PURCHASE, SERVICE)
UNITS = ("wd", "d", "w", "m")  # working days, days, weeks, calendar months
_OFFSET = re.compile(r"^\s*(\d+)\s*(wd|d|w|m)\s*$")


@dataclass(frozen=True)
class Offset:
    """How long after the event a revisit falls: "1wd", "3d", "3w", "3m"."""

    count: int
    unit: str

    @property
    def label(self) -> str:
        """The offset as written in the configuration ("3w"); also the step's name."""
        return f"{self.count}{self.unit}"

    def rough_days(self) -> int:
        """About how many calendar days the offset spans (to order and compare steps)."""
        return self.count * {"wd": 1, "d": 1, "w": 7, "m": 30}[self.unit]


def parse_offset(text: str) -> Offset:
    """"3w" -> Offset(3, "w"); a zero or unknown unit raises ValueError."""
    m = _OFFSET.match(text.lower())
    if not m or int(m[1]) == 0:
        raise ValueError(f"{text!r} is not an offset like 1wd, 3d, 3w or 3m")
    return Offset(int(m[1]), m[2])


def _offsets(*labels: str) -> tuple[Offset, ...]:
    return tuple(parse_offset(label) for label in labels)


@dataclass(frozen=True)
class RevisitPolicy:
    """The configured `revisits:` section (defaults: docs/domain.md section 6)."""

    after_purchase: tuple[Offset, ...] = field(
        default_factory=lambda: _offsets("1wd", "3d", "3w", "3m"))
    service: tuple[Offset, ...] = field(default_factory=lambda: _offsets("3d"))
    max_tries: int = 3  # calls per revisit, the first included
    reasons: tuple[str, ...] = ("product", "delivery", "service", "price", "usage", "other")
    # A score of 1-2 with one of these reasons offers to raise a complaint at once.
    complaint_reasons: tuple[str, ...] = ("product", "delivery", "service")
    assignee: str | None = None  # a Slack user who makes every revisit; None: the owner
    script: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by language

    def schedule(self, kind: str) -> tuple[Offset, ...]:
        """The plan's steps for a purchase or a service visit."""
        return self.after_purchase if kind == AFTER_PURCHASE else self.service

    def span_days(self, kind: str) -> int:
        """Roughly how long a plan of this kind runs (its last step's offset)."""
        steps = self.schedule(kind)
        return max((s.rough_days() for s in steps), default=0)


@dataclass(frozen=True)
class PlannedRevisit:
    """One revisit of a plan: its step ("3d"), its place in the plan and its working day."""

    step: str
    position: int
    due_day: date


def _add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _months.monthrange(year, month)[1]))


def offset_day(event_day: date, offset: Offset, cal: WorkCalendar) -> date:
    """The day the offset names after `event_day`, before any moving to a working day."""
    if offset.unit == "wd":
        return cal.add(event_day, offset.count)
    if offset.unit == "m":
        return _add_months(event_day, offset.count)
    return event_day + timedelta(days=offset.count * (7 if offset.unit == "w" else 1))


def _working_on_or_before(day: date, cal: WorkCalendar) -> date:
    return day if cal.is_working_day(day) else cal.add(day, -1)


def due_day(event_day: date, offset: Offset, cal: WorkCalendar, after: date) -> date:
    """The working day a step is due: the offset's day, or the working day before it when the
    team does not work then ("within 3 days" is kept), but always a working day after `after`
    (the event, or the step before: two calls never share a day)."""
    if not cal.works_at_all:
        return max(offset_day(event_day, offset, cal), after + timedelta(days=1))
    day = _working_on_or_before(offset_day(event_day, offset, cal), cal)
    return day if day > after else cal.add(after, 1)


def plan(event_at: datetime, kind: str, policy: RevisitPolicy, zone: ZoneInfo,
         cal: WorkCalendar) -> list[PlannedRevisit]:
    """Every revisit of the plan an event starts, in order, each on its own working day."""
    event_day = event_at.astimezone(zone).date()
    steps = sorted(policy.schedule(kind), key=Offset.rough_days)
    out: list[PlannedRevisit] = []
    previous = event_day
    for position, offset in enumerate(steps):
        day = due_day(event_day, offset, cal, previous)
        out.append(PlannedRevisit(offset.label, position, day))
        previous = day
    return out


def plan_key(customer_id: int, kind: str, event_at: datetime, zone: ZoneInfo) -> str:
    """The plan's key: customer, kind and the event's local day. Unique in the store, so a
    restart or a second copy of the bot sweeping the same event finds the plan made."""
    return f"{kind}:{customer_id}:{event_at.astimezone(zone).date().isoformat()}"


def starts_new_plan(kind: str, event_at: datetime, last_plan_at: datetime | None,
                    policy: RevisitPolicy) -> bool:
    """Whether an event starts a plan: not while the customer's previous plan of the same kind
    still runs. A won -> not won -> won flip (a mis-click put right, a deal reopened) re-enters
    won inside the first plan's span, so it names no new plan; a purchase after the plan has
    run its course does."""
    if last_plan_at is None:
        return True
    return event_at - last_plan_at > timedelta(days=policy.span_days(kind))


def task_times(due_day: date, zone: ZoneInfo, at: time,
               before: tuple[timedelta, ...]) -> tuple[datetime, datetime]:
    """When a revisit's task is made and when it is due: due on its working day at the team's
    time for day tasks (`reminders.day_due_time`), made early enough for the earliest
    reminder before it to be sent (`reminders.before`), so the owner hears of it like any
    task; both aware UTC."""
    due = datetime.combine(due_day, at, tzinfo=zone)
    made = due - max(before, default=timedelta(0))
    return made.astimezone(UTC), due.astimezone(UTC)
