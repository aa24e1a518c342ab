"""Care and key dates (docs/domain.md section 12, docs/revisits.md): a customer's birthday,
anniversary, contract renewal or named date becomes a yearly task for the owner some days
ahead.

29 February falls on 28 February in a year without one (the last day of the same month, so
the reminder never drifts into March). Pure: `today` and the calendar are passed in.
"""

from __future__ import annotations

import calendar as _months
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.domain.workdays import WorkCalendar

BIRTHDAY, ANNIVERSARY, RENEWAL, NAMED = "birthday", "anniversary", "renewal", "named"
CARE_KINDS = (BIRTHDAY, ANNIVERSARY, RENEWAL, NAMED)
FILE_KINDS = (BIRTHDAY, ANNIVERSARY, RENEWAL)  # the customer form's and the CSV's own fields
NAMED_FIELD = "named:"  # a team's named date as a form field or CSV column: "named:<name>"
_DAY = re.compile(r"^\s*(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})\s*$")
DAY_HINT = "A date written YYYY-MM-DD (or MM-DD for every year), e.g. 2027-06-30 or 03-05."


@dataclass(frozen=True)
class CarePolicy:
    """The configured `care:` section: days ahead of every date, and a renewal's extra ones."""

    days_before: int = 3
    renewal_days_before: tuple[int, ...] = (30,)
    kinds: tuple[str, ...] = field(default_factory=lambda: CARE_KINDS)  # the kinds in use
    # The team's own named dates ("Spring Festival visit", "开业纪念日"): each a date field of
    # the customer form, kept as kind `named` with the name as its label.
    named: tuple[str, ...] = ()

    def leads(self, kind: str) -> tuple[int, ...]:
        """How many days ahead each of the date's reminders comes, farthest first."""
        extra = self.renewal_days_before if kind == RENEWAL else ()
        return tuple(sorted({self.days_before, *extra}, reverse=True))


@dataclass(frozen=True)
class CareDate:
    """One key date of a customer: month and day, a year when known (a renewal's first one,
    a birth year), and a label (whose birthday, which named date)."""

    id: int
    kind: str
    month: int
    day: int
    year: int | None = None
    label: str = ""

    def __post_init__(self) -> None:
        # 2000 is a leap year: a date valid in it is valid as a month and day at all.
        date(self.year if self.year is not None else 2000, self.month, self.day)

    def on(self, year: int) -> date:
        """The date in a given year; 29 February is 28 February when the year has none."""
        return date(year, self.month, min(self.day, _months.monthrange(year, self.month)[1]))

    def first_year(self) -> int | None:
        """A renewal with a year starts then (nothing to renew before); others recur always."""
        return self.year if self.kind == RENEWAL else None


def field_date(field: str) -> tuple[str, str] | None:
    """The (kind, label) a form field or CSV column of a key date stands for ("birthday" ->
    (birthday, ""), "named:Spring visit" -> (named, "Spring visit")); None for other fields."""
    if field in FILE_KINDS:
        return field, ""
    if field.startswith(NAMED_FIELD) and field[len(NAMED_FIELD):].strip():
        return NAMED, " ".join(field[len(NAMED_FIELD):].split())
    return None


def read_care_day(text: str) -> tuple[int, int, int | None]:
    """A key date as typed in the form or a CSV cell: "2027-06-30", "03-05" or "--03-05"
    (month and day, every year); (month, day, year). Raises ValueError for anything else or a
    day no year has."""
    m = _DAY.match(text)
    if m is None:
        raise ValueError(DAY_HINT)
    year = int(m[1]) if m[1] else None
    month, day = int(m[2]), int(m[3])
    date(year if year is not None else 2000, month, day)  # 2000: 29 February is a day
    return month, day, year


@dataclass(frozen=True)
class CareReminder:
    """A task a care date asks for: the occurrence it is for, how many days ahead, the working
    day it is due and the key that makes it once."""

    date_id: int
    kind: str
    occurrence: date
    days_before: int
    due_day: date
    key: str


def _reminders_of(care: CareDate, year: int, policy: CarePolicy,
                  cal: WorkCalendar) -> Iterator[CareReminder]:
    first = care.first_year()
    if first is not None and year < first:
        return
    occurrence = care.on(year)
    for lead in policy.leads(care.kind):
        day = occurrence - timedelta(days=lead)
        # A reminder due on a day off comes on the working day before: early, never late.
        if cal.works_at_all and not cal.is_working_day(day):
            day = cal.add(day, -1)
        key = f"care:{care.id}:{occurrence.isoformat()}:{lead}"
        yield CareReminder(care.id, care.kind, occurrence, lead, day, key)


def reminders_around(care: CareDate, today: date, policy: CarePolicy,
                     cal: WorkCalendar) -> list[CareReminder]:
    """The date's reminders for this year's and next year's occurrence (a renewal on 10
    January is reminded on 11 December of the year before)."""
    if care.kind not in policy.kinds:
        return []
    start = max(today.year, care.first_year() or today.year)
    return [r for year in (start, start + 1) for r in _reminders_of(care, year, policy, cal)]


def due_reminders(care: CareDate, today: date, policy: CarePolicy,
                  cal: WorkCalendar) -> list[CareReminder]:
    """The reminders whose due day has come by `today` for an occurrence not yet past; the
    store's unique key makes each one task, however often this is asked."""
    return [r for r in reminders_around(care, today, policy, cal)
            if r.due_day <= today <= r.occurrence]


def next_check(care: CareDate, today: date, policy: CarePolicy,
               cal: WorkCalendar, *, include_today: bool = False) -> date | None:
    """The first day after `today` a reminder of this date falls due (for the sweep's index);
    with `include_today` (a date just entered or changed), today when one is due already."""
    days = [r.due_day for r in reminders_around(care, today, policy, cal) if r.due_day > today]
    if include_today and due_reminders(care, today, policy, cal):
        return today
    return min(days) if days else None
