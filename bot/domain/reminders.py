"""When a task's reminders fall and when it becomes overdue; pure functions of the inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.teams import ReminderPolicy

BEFORE = "reminder_before"
AT_DUE = "reminder_due"
SNOOZE_END = "snooze_end"
REMINDER_KINDS = (BEFORE, AT_DUE, SNOOZE_END)
SNOOZE_CHOICES = ("1h", "tomorrow", "next_week")


@dataclass(frozen=True)
class PlannedReminder:
    kind: str
    at: datetime
    lead_time: timedelta | None = None


def local_moment(day: datetime, at: time, tz: ZoneInfo) -> datetime:
    """`at` o'clock on the local calendar day of `day`, as aware UTC."""
    local_day = day.astimezone(tz).date()
    return datetime.combine(local_day, at, tzinfo=tz).astimezone(UTC)


def effective_due(due: datetime, precision: str | None, tz: ZoneInfo,
                  policy: ReminderPolicy) -> datetime:
    """The moment a task is due: a day-only due date means the policy's time on that day."""
    if precision == "day":
        return local_moment(due, policy.day_due_time, tz)
    return due.astimezone(UTC)


def overdue_moment(due_at: datetime, precision: str | None, tz: ZoneInfo,
                   policy: ReminderPolicy) -> datetime:
    """When an unfinished task counts as overdue.

    A task due at a time of day is overdue `overdue_after` past that time; one due on a day
    has the whole day, so it is overdue the next morning at the policy's due time.
    """
    if precision == "day":
        return local_moment(due_at.astimezone(tz) + timedelta(days=1), policy.day_due_time, tz)
    return due_at + policy.overdue_after


def plan_reminders(due_at: datetime, now: datetime,
                   policy: ReminderPolicy) -> list[PlannedReminder]:
    """The reminders still ahead for a task due at `due_at` (none that would fall in the past)."""
    planned = [PlannedReminder(BEFORE, due_at - lead, lead) for lead in sorted(policy.before)
               if due_at - lead > now]
    if policy.at_due and due_at > now:
        planned.append(PlannedReminder(AT_DUE, due_at))
    return sorted(planned, key=lambda p: p.at)


def snooze_until(choice: str, now: datetime, tz: ZoneInfo, policy: ReminderPolicy) -> datetime:
    """When a snoozed task comes back: in an hour, tomorrow morning, or next Monday morning."""
    local = now.astimezone(tz)
    if choice == "1h":
        return now + timedelta(hours=1)
    if choice == "tomorrow":
        return local_moment(local + timedelta(days=1), policy.day_due_time, tz)
    if choice == "next_week":
        days = 7 - local.weekday()
        return local_moment(local + timedelta(days=days), policy.day_due_time, tz)
    raise ValueError(f"unknown snooze choice {choice!r}")


def is_late(due_at: datetime, sent_at: datetime, tolerance: timedelta) -> bool:
    """Whether a notification went out so long after its time that it should say so."""
    return sent_at - due_at > tolerance
