"""The after-sale figures (docs/domain.md section 10, docs/revisits.md) over plain values: reach
rate, satisfaction rate, average score, the reasons; per rep and per period by grouping the
rows before counting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from bot.domain.revisit_outcomes import SATISFIED_FROM, is_dissatisfied

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class RevisitFact:
    """One revisit as the figures see it: due when, done when, reached, scored, why."""

    owner: str
    due_day: date
    done_day: date | None = None  # the day it was closed (reached, or given up unreached)
    reached: bool = False
    score: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class RevisitFigures:
    """Counts and rates over a set of revisits; a rate is None when nothing to divide by."""

    due: int
    done_on_time: int
    reached: int
    rated: int
    satisfied: int
    score_total: int
    reasons: tuple[tuple[str, int], ...]  # reasons for dissatisfaction, commonest first

    @property
    def reach_rate(self) -> float | None:
        """Reached / due."""
        return self.reached / self.due if self.due else None

    @property
    def on_time_rate(self) -> float | None:
        """Done by their due day / due."""
        return self.done_on_time / self.due if self.due else None

    @property
    def satisfaction_rate(self) -> float | None:
        """Scores of 4-5 / scores given."""
        return self.satisfied / self.rated if self.rated else None

    @property
    def average_score(self) -> float | None:
        """The mean of the scores given."""
        return self.score_total / self.rated if self.rated else None


def revisit_figures(facts: Iterable[RevisitFact]) -> RevisitFigures:
    """The figures of these revisits (those due in the period the caller chose)."""
    rows = list(facts)
    scores = [f.score for f in rows if f.reached and f.score is not None]
    reasons = Counter(f.reason for f in rows if is_dissatisfied(f.score) and f.reason)
    return RevisitFigures(
        due=len(rows),
        done_on_time=sum(1 for f in rows if f.done_day is not None and f.done_day <= f.due_day),
        reached=sum(1 for f in rows if f.reached),
        rated=len(scores),
        satisfied=sum(1 for s in scores if s >= SATISFIED_FROM),
        score_total=sum(scores),
        reasons=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))))


def figures_by(facts: Iterable[RevisitFact], key: Callable[[RevisitFact], K]
               ) -> dict[K, RevisitFigures]:
    """The figures per group: per rep (`lambda f: f.owner`), per week or month of due day."""
    groups: dict[K, list[RevisitFact]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return {k: revisit_figures(rows) for k, rows in groups.items()}


def week_of(day: date) -> date:
    """The Monday of the day's week (a per-week grouping key)."""
    return date.fromordinal(day.toordinal() - day.weekday())


def month_of(day: date) -> date:
    """The first of the day's month (a per-month grouping key)."""
    return day.replace(day=1)


def loss_reasons(reasons: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """How often each loss reason was given, commonest first."""
    counts = Counter(reasons)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
