"""Who is on duty: a weekly rotation handed off at a local weekday and time, plus overrides.

Modelled on PagerDuty/Opsgenie schedules: a layer of people taking turns, a handoff at a
wall-clock time in the team's zone (so it stays at 09:00 across a daylight-saving change),
and overrides ("Kim covers until Friday 18:00") that win over the rotation while they last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.workdays import WEEKDAYS

NEXT = "next"


@dataclass(frozen=True)
class Rotation:
    """The team's duty rotation as configured: people in order, first shift, handoff, backup."""

    people: tuple[str, ...]
    timezone: str
    handoff_day: int = 0  # Monday
    handoff_time: time = time(9, 0)
    start: date | None = None
    backup: str = NEXT  # "next" in the rotation, or a user id

    def anchored(self, start: date) -> Rotation:
        """The same rotation with its first shift's date fixed (when the config gave none)."""
        return Rotation(self.people, self.timezone, self.handoff_day, self.handoff_time,
                        start, self.backup)


@dataclass(frozen=True)
class Override:
    """Someone takes the duty from `start` until `end` (aware UTC), whoever the rotation says."""

    user: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Shift:
    """A stretch of time with one person on duty; `until` is None when nothing ends it."""

    owner: str
    since: datetime
    until: datetime | None
    override: bool = False


def parse_handoff(text: str) -> tuple[int, time]:
    """Read "mon 09:00" into (weekday index, local time); ValueError when it is not that."""
    parts = text.strip().lower().split()
    if len(parts) != 2 or parts[0][:3] not in WEEKDAYS:
        raise ValueError(f"{text!r} is not a weekday and time like \"mon 09:00\"")
    hh, _, mm = parts[1].partition(":")
    if not (hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60 and len(mm) == 2):
        raise ValueError(f"{text!r} is not a weekday and time like \"mon 09:00\"")
    return WEEKDAYS.index(parts[0][:3]), time(int(hh), int(mm))


def _local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    # fold=0: an ambiguous wall time (clocks going back) means its first occurrence; a time
    # that does not exist (clocks going forward) maps to the instant just after the gap.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def first_handoff_on_or_after(rotation: Rotation, day: date) -> date:
    """The first handoff date on or after `day`."""
    return day + timedelta(days=(rotation.handoff_day - day.weekday()) % 7)


def last_handoff_day(rotation: Rotation, now: datetime) -> date:
    """The local date of the latest handoff at or before `now` (where an unanchored rotation
    starts, so that its first person is on duty now)."""
    zone = ZoneInfo(rotation.timezone)
    day = now.astimezone(zone).date()
    day -= timedelta(days=(day.weekday() - rotation.handoff_day) % 7)
    if _local_to_utc(day, rotation.handoff_time, zone) > now:
        day -= timedelta(weeks=1)
    return day


def _handoffs_since_start(rotation: Rotation, now: datetime) -> tuple[int, datetime]:
    """How many handoffs have happened since the first shift began, and when the last was."""
    assert rotation.start is not None
    zone = ZoneInfo(rotation.timezone)
    begun = _local_to_utc(rotation.start, rotation.handoff_time, zone)
    if now < begun:
        return -1, begun
    first = first_handoff_on_or_after(rotation, rotation.start + timedelta(days=1))
    local_day = now.astimezone(zone).date()
    count = 0
    last = begun
    if local_day >= first:
        weeks = (local_day - first).days // 7
        candidate = first + timedelta(weeks=weeks)
        at = _local_to_utc(candidate, rotation.handoff_time, zone)
        if at > now:
            weeks -= 1
            candidate -= timedelta(weeks=1)
            at = _local_to_utc(candidate, rotation.handoff_time, zone)
        if weeks >= 0:
            count, last = weeks + 1, at
    return count, last


def rotation_shift(rotation: Rotation, now: datetime) -> Shift | None:
    """The rotation's shift at `now` (ignoring overrides); None with nobody or before start."""
    if not rotation.people:
        return None
    if rotation.start is None:
        rotation = rotation.anchored(last_handoff_day(rotation, now))
    count, since = _handoffs_since_start(rotation, now)
    if count < 0:
        return None
    zone = ZoneInfo(rotation.timezone)
    next_day = first_handoff_on_or_after(
        rotation, since.astimezone(zone).date() + timedelta(days=1))
    until = _local_to_utc(next_day, rotation.handoff_time, zone)
    return Shift(rotation.people[count % len(rotation.people)], since, until)


def active_override(overrides: tuple[Override, ...] | list[Override],
                    now: datetime) -> Override | None:
    """The override in force at `now`; the one that started last wins when several overlap."""
    live = [o for o in overrides if o.start <= now < o.end]
    return max(live, key=lambda o: o.start) if live else None


def on_duty(rotation: Rotation, overrides: tuple[Override, ...] | list[Override],
            now: datetime) -> Shift | None:
    """Who is on duty at `now`: an override in force, else the rotation."""
    cover = active_override(overrides, now)
    base = rotation_shift(rotation, now)
    if cover is None:
        return base
    until = cover.end
    later = [o.start for o in overrides if cover.start < o.start < until]
    if later:
        until = min(later)
    return Shift(cover.user, cover.start, until, override=True)


def backup_for(rotation: Rotation, owner: str, now: datetime) -> str | None:
    """The backup of whoever is on duty: a fixed user, or the next person in the rotation."""
    if rotation.backup != NEXT:
        return rotation.backup if rotation.backup != owner else None
    shift = rotation_shift(rotation, now)
    if shift is None or shift.until is None:
        return None
    nxt = rotation_shift(rotation, shift.until)
    candidate = nxt.owner if nxt is not None else None
    if candidate == owner and shift.owner != owner:
        candidate = shift.owner  # the covering person's backup is whoever the rotation named
    return candidate if candidate != owner else None


def schedule(rotation: Rotation, overrides: tuple[Override, ...] | list[Override],
             start: datetime, days: int = 7) -> list[Shift]:
    """Who is on duty from `start` for `days` days, as consecutive shifts (the week view)."""
    end = start + timedelta(days=days)
    out: list[Shift] = []
    moment = start
    while moment < end:
        shift = on_duty(rotation, overrides, moment)
        if shift is None:
            break
        boundaries = [b for b in (shift.until, *(o.start for o in overrides),
                                  *(o.end for o in overrides)) if b is not None and b > moment]
        nxt = min([*boundaries, end])
        if out and out[-1].owner == shift.owner and out[-1].override == shift.override:
            out[-1] = Shift(shift.owner, out[-1].since, nxt, shift.override)
        else:
            out.append(Shift(shift.owner, moment if out else shift.since, nxt, shift.override))
        moment = nxt
    return out
