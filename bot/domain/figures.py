"""Team figures over plain rows (docs/figures.md): each formula once, for one rep or a team,
for any period; the rows are read by store/repositories/figures.py."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.figure_periods import Period
from bot.domain.pool_figures import PoolFigures
from bot.domain.review import a_deal_aging, is_open_deal
from bot.domain.revisit_figures import RevisitFigures

QUALIFIED_OR_LATER = ("qualified", "negotiating")  # a loss from here counts against conversion


@dataclass(frozen=True)
class TaskFact:
    owner: str
    due_at: datetime
    done_at: datetime | None


@dataclass(frozen=True)
class MoveFact:
    """A classification move of a customer the reps own."""

    owner: str
    customer_id: int
    axis: str
    old: str | None
    new: str | None
    at: datetime
    made: datetime | None = None  # when the customer's file was made (None: long before)


@dataclass(frozen=True)
class OwnedFact:
    """How many customers a person owned at a period's start (counted by the store: the
    team's every customer was read to count them in Python, a fifth of /stats' time)."""

    owner: str
    start: datetime
    customers: int


@dataclass(frozen=True)
class ComplaintFact:
    owner: str
    created_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the middle two); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (0.9: the value at rank ceil(0.9 n)); None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def ratio(part: int, whole: int) -> float | None:
    """part / whole; None (not yet recorded) when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Timeliness:
    due: int
    on_time: int
    still_open: int

    @property
    def rate(self) -> float | None:
        """Done on time / due."""
        return ratio(self.on_time, self.due)

    @property
    def overdue_rate(self) -> float | None:
        """Not done on time / due."""
        return ratio(self.due - self.on_time, self.due)


def timeliness(tasks: Iterable[TaskFact], period: Period, grace: timedelta) -> Timeliness:
    """Tasks due in the period (so far: past their grace), and how many were done in time.
    A finished period judges every task due in it, even one whose grace runs past its end."""
    finished = period.cut >= period.end
    due = [t for t in tasks if period.start <= t.due_at < period.end
           and (finished or t.due_at + grace <= period.cut)]
    on_time = sum(1 for t in due if t.done_at is not None and t.done_at <= t.due_at + grace)
    still_open = sum(1 for t in due if t.done_at is None or t.done_at > period.cut)
    return Timeliness(len(due), on_time, still_open)


def _in(period: Period, at: datetime) -> bool:
    return period.start <= at < period.cut


def new_a_deals(moves: Iterable[MoveFact], period: Period) -> int:
    """Moves of a likelihood to A (from anything else) in the period."""
    return sum(1 for m in moves if m.axis == "likelihood" and m.new == "A" and m.old != "A"
               and _in(period, m.at))


@dataclass(frozen=True)
class Conversion:
    won: int
    lost_qualified: int

    @property
    def rate(self) -> float | None:
        """Won / (won + lost from qualified or later)."""
        return ratio(self.won, self.won + self.lost_qualified)


def conversion(moves: Iterable[MoveFact], period: Period) -> Conversion:
    """Deals won, and qualified deals lost, in the period."""
    stage = [m for m in moves if m.axis == "stage" and _in(period, m.at)]
    return Conversion(
        won=sum(1 for m in stage if m.new == "won"),
        lost_qualified=sum(1 for m in stage if m.new == "lost" and m.old in QUALIFIED_OR_LATER))


@dataclass(frozen=True)
class Churn:
    lost: int
    customers: int

    @property
    def rate(self) -> float | None:
        """Lost in the period / customers at its start."""
        return ratio(self.lost, self.customers)


def churn(at_start: int, moves: Iterable[MoveFact], period: Period) -> Churn:
    """Customers moved to lost in the period, over those owned (and not lost) at its start.
    A customer lost in the period was not lost at its start (its last loss is in it), so it
    was a customer then exactly when its file was made before the start."""
    lost_now = {m.customer_id for m in moves
                if m.axis == "stage" and m.new == "lost" and _in(period, m.at)
                and (m.made is None or m.made < period.start)}
    return Churn(len(lost_now), at_start)


@dataclass(frozen=True)
class DealHistory:
    """A customer that is an A deal now or stopped being one since a past moment: what it is
    now, when its file was made, and its stage and likelihood moves, any order."""

    owner: str
    made: datetime
    stage: str | None
    likelihood: str | None
    moves: tuple[tuple[str, str | None, str | None, datetime], ...]  # axis, old, new, at


def value_at(history: DealHistory, axis: str, at: datetime) -> str | None:
    """The value an axis had at `at`: the old value of its first move after then, or the
    value now when it has not moved since (every move is recorded, so this replays)."""
    later = [(when, old) for a, old, _, when in history.moves if a == axis and when > at]
    if later:
        return min(later, key=lambda m: m[0])[1]
    return history.stage if axis == "stage" else history.likelihood


def a_deal_since_at(history: DealHistory, at: datetime) -> datetime | None:
    """When the deal became A, if it was an open A deal at `at` (None if it was not): its
    last move to A by then, or its file's date if it never moved to A."""
    if history.made > at or value_at(history, "likelihood", at) != "A":
        return None
    if not is_open_deal(value_at(history, "stage", at), "A"):
        return None
    to_a = [when for axis, _, new, when in history.moves
            if axis == "likelihood" and new == "A" and when <= at]
    return max(to_a, default=history.made)


def a_deals_at_cuts(histories: Sequence[DealHistory], cuts: Iterable[datetime]
                    ) -> tuple[tuple[datetime, str, datetime], ...]:
    """(cut, owner, since when A) of every deal that was an open A deal at each cut: the
    open and aging A deals of each week of a trend, replayed from one read of the moves."""
    return tuple((cut, h.owner, since) for cut in cuts for h in histories
                 if (since := a_deal_since_at(h, cut)) is not None)


def aging_a_deals(a_since: Iterable[datetime], as_of: datetime) -> int:
    """Open A deals that have been A for more than their week at `as_of`."""
    return sum(1 for since in a_since if a_deal_aging(since, as_of))


@dataclass(frozen=True)
class ComplaintTimes:
    raised: int
    resolved: int
    ack_minutes_median: float | None
    ack_minutes_p90: float | None
    resolve_hours_median: float | None
    resolve_hours_p90: float | None

    @property
    def resolution_rate(self) -> float | None:
        """Resolved / raised in the period."""
        return ratio(self.resolved, self.raised)


def complaint_times(complaints: Iterable[ComplaintFact], period: Period) -> ComplaintTimes:
    """Complaints raised in the period: resolved share, and the median and 90th percentile of
    the times to acknowledge and resolve (as they stand at the cut)."""
    rows = [c for c in complaints if _in(period, c.created_at)]
    acks = [(c.acknowledged_at - c.created_at).total_seconds() / 60 for c in rows
            if c.acknowledged_at is not None and c.acknowledged_at <= period.cut]
    fixes = [(c.resolved_at - c.created_at).total_seconds() / 3600 for c in rows
             if c.resolved_at is not None and c.resolved_at <= period.cut]
    return ComplaintTimes(len(rows), len(fixes), median(acks), percentile(acks, 0.9),
                          median(fixes), percentile(fixes, 0.9))


@dataclass(frozen=True)
class Figures:
    """Everything docs/figures.md defines, for one rep or team and one period."""

    period: Period
    tasks: Timeliness
    new_a: int
    conversion: Conversion
    churn: Churn
    open_a: int | None  # open A deals at the cut; None: not replayed for this period
    aging_a: int | None  # of them, A for more than their week; None: not replayed
    revisits: RevisitFigures
    loss_reasons: tuple[tuple[str, int], ...]
    complaints: ComplaintTimes
    pool: PoolFigures
    working_days: tuple[int, int]


def change(now: float | None, before: float | None) -> float | None:
    """now - before; None when either is not recorded."""
    return None if now is None or before is None else now - before


def commonest(values: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """How often each value occurs, commonest first, then by name."""
    return tuple(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))
