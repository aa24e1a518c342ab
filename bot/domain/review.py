"""The nightly pipeline review (docs/domain.md section 8): stalls (by the cadence table of
bot/domain/cadence.py), the A-drought, and the plain values a review is made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.domain.cadence import is_stalled
from bot.domain.classification import LOST, STAGE, direction
from bot.domain.workdays import WorkCalendar

__all__ = ["is_stalled"]  # the review flags stalls by the configured cadence table
CLOSED_STAGES = ("won", LOST, "after_sales")
NO_STAGE = "no_stage"  # how an open deal given a likelihood but no stage is counted
A_WEEK = timedelta(days=7)  # an A deal is expected to sign within a week (domain.md §2)
MOVE_KINDS = ("new", "upgraded", "downgraded", "won", "lost")
INCOMPLETE_FILE_GRACE = timedelta(hours=24)  # an incomplete file reaches the lead after this
FILE_GAPS_LISTED = 10  # a rep's incomplete files named in the review (oldest); the rest counted


def is_open_deal(stage: str | None, likelihood: str | None = None) -> bool:
    """A deal is open once it has a stage or a close likelihood (a likelihood is only given
    to a deal: domain.md §2), until it is won, lost or in after-sales (docs/figures.md)."""
    if stage is None:
        return likelihood is not None
    return stage not in CLOSED_STAGES


def a_deal_aging(a_since: datetime | None, as_of: datetime) -> bool:
    """Whether an open A deal has been A for longer than its week without being won."""
    return a_since is not None and as_of - a_since > A_WEEK


def a_drought(days_with_new_a: set[date], review_day: date, calendar: WorkCalendar,
              span: int = 3) -> bool:
    """True when none of the last `span` working days produced a new A-likelihood deal."""
    window = calendar.recent(review_day, span)
    return bool(window) and not days_with_new_a.intersection(window)


def move_kind(axis: str, old: str | None, new: str | None) -> str | None:
    """What a move means for the review: new, upgraded, downgraded, won, lost, or None."""
    if axis == STAGE and new == "won":
        return "won"
    if axis == STAGE and new == LOST:
        return "lost"
    if axis == STAGE and old is None and is_open_deal(new):
        return "new"
    way = direction(axis, old, new)
    return {"up": "upgraded", "down": "downgraded"}.get(way or "")


def is_new_a(axis: str, old: str | None, new: str | None) -> bool:
    """Whether the move made a deal A-likelihood (set to A, or raised to A)."""
    return axis == "likelihood" and new == "A" and old != "A"


@dataclass(frozen=True)
class DealLine:
    """One open deal as the review shows it."""

    customer_id: int
    customer: str
    stage: str
    likelihood: str | None
    tier: str | None
    last_contact: datetime | None
    next_step: str | None
    due_at: datetime | None
    stalled: bool
    a_since: datetime | None = None  # when it last became A (its file's date if never moved)
    aging: bool = False  # A for longer than its week, not yet won


@dataclass(frozen=True)
class MoveLine:
    """One move made today on a deal the rep owns."""

    customer_id: int
    customer: str
    axis: str
    old: str | None
    new: str | None
    actor: str
    at: datetime
    kind: str | None


@dataclass(frozen=True)
class TaskLine:
    """A task done today, or one overdue."""

    task_id: int
    title: str
    customer: str | None
    due_at: datetime | None
    done_at: datetime | None = None


@dataclass(frozen=True)
class LogLine:
    """A follow-up recorded today."""

    follow_up_id: int
    customer: str | None
    summary: str
    at: datetime


@dataclass(frozen=True)
class ComplaintItem:
    """An open complaint about one of the rep's customers (listed first in their part)."""

    number: int
    customer_id: int | None
    customer: str
    priority: str
    status: str
    owner_id: str
    age_hours: float


@dataclass(frozen=True)
class FileGap:
    """A customer file of the rep's still incomplete a day after it was made (domain.md §1:
    the lead sees these)."""

    customer_id: int
    customer: str
    missing: tuple[str, ...]  # field names, as bot.domain.customer_form.missing_keys
    made_at: datetime


@dataclass(frozen=True)
class ComplaintSummary:
    """The team's complaint figures for the review header: open now, and the last 30 days."""

    open_count: int
    count: int
    resolved: int
    median_ack_minutes: float | None
    median_resolve_hours: float | None
    breaches: int


@dataclass(frozen=True)
class RepReview:
    """One rep's part of the review (their thread)."""

    user_id: str
    a_deals: tuple[DealLine, ...]
    b_count: int
    c_count: int
    unrated_count: int
    moved: tuple[MoveLine, ...]
    tasks_done: tuple[TaskLine, ...]
    logs: tuple[LogLine, ...]
    overdue: tuple[TaskLine, ...]
    stalled: tuple[DealLine, ...]
    complaints: tuple[ComplaintItem, ...] = ()
    incomplete: tuple[FileGap, ...] = ()  # the oldest FILE_GAPS_LISTED
    incomplete_count: int = 0  # all of them


@dataclass(frozen=True)
class TeamReview:
    """The evening's review for one team: the team's picture, then one part per rep."""

    team: str
    day: date
    timezone: str
    a_drought: bool
    drought_days: tuple[date, ...]
    by_stage: tuple[tuple[str, int], ...]
    by_likelihood: tuple[tuple[str | None, int], ...]
    moves: tuple[tuple[str, int], ...]
    overdue_count: int
    reps: tuple[RepReview, ...] = field(default=())
    complaints: ComplaintSummary | None = None
