"""All of docs/figures.md for one scope (a rep, or a team: a set of people) and one period,
from the rows read once for the current and previous periods together."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.domain.figure_periods import Period
from bot.domain.figures import (
    ComplaintFact,
    Figures,
    MoveFact,
    OwnedFact,
    TaskFact,
    aging_a_deals,
    churn,
    commonest,
    complaint_times,
    conversion,
    new_a_deals,
    timeliness,
)
from bot.domain.pool_figures import OwnershipFact, PoolFigures, per_rep_and_week, totals
from bot.domain.revisit_figures import RevisitFact, revisit_figures
from bot.domain.workdays import WorkCalendar


@dataclass(frozen=True)
class FactSet:
    """The rows of a team over the periods asked for (read by store/repositories/figures)."""

    tasks: tuple[TaskFact, ...] = ()
    moves: tuple[MoveFact, ...] = ()
    owned: tuple[OwnedFact, ...] = ()  # customers owned at each period's start
    # open A deals at each cut they were replayed at (a period's end, or now): cut, owner,
    # since when A; `a_cuts` says which cuts were read (none found there is 0, not unknown)
    a_deals: tuple[tuple[datetime, str, datetime], ...] = ()
    a_cuts: tuple[datetime, ...] = ()
    revisits: tuple[RevisitFact, ...] = ()
    losses: tuple[tuple[str, str, datetime], ...] = ()  # owner, reason, when
    complaints: tuple[ComplaintFact, ...] = ()
    ownership: tuple[OwnershipFact, ...] = ()


@dataclass(frozen=True)
class Rules:
    """What the figures depend on besides the rows: the overdue grace and the calendar."""

    grace: timedelta
    calendar: WorkCalendar


def split_by_person(facts: FactSet) -> dict[str, FactSet]:
    """Each person's own rows (an ownership event belongs to both people it names), so that
    each rep's figures read their rows only: per rep over all rows grew as reps x rows."""
    out: dict[str, dict[str, list[Any]]] = {}

    def add(person: str | None, field: str, row: object) -> None:
        if person is not None:
            out.setdefault(person, {}).setdefault(field, []).append(row)

    for name, rows in (("tasks", facts.tasks), ("moves", facts.moves),
                       ("owned", facts.owned), ("revisits", facts.revisits),
                       ("complaints", facts.complaints)):
        for row in rows:
            add(row.owner, name, row)
    for deal in facts.a_deals:
        add(deal[1], "a_deals", deal)
    for loss in facts.losses:
        add(loss[0], "losses", loss)
    for event in facts.ownership:
        add(event.to_user, "ownership", event)
        if event.from_user != event.to_user:
            add(event.from_user, "ownership", event)
    return {person: FactSet(**{k: tuple(v) for k, v in rows.items()}, a_cuts=facts.a_cuts)
            for person, rows in out.items()}


def figures_for(facts: FactSet, people: Collection[str], period: Period, rules: Rules,
                whole_team: bool = False) -> Figures:
    """The figures of these people over the period (`whole_team`: every complaint of the
    team counts, whoever on duty owns it)."""
    mine = set(people)
    moves = [m for m in facts.moves if m.owner in mine]
    due = [r for r in facts.revisits if r.owner in mine
           and period.first_day <= r.due_day <= min(period.last_day, period.days_cut)]
    return Figures(
        period=period,
        tasks=timeliness((t for t in facts.tasks if t.owner in mine), period, rules.grace),
        new_a=new_a_deals(moves, period),
        conversion=conversion(moves, period),
        churn=churn(sum(o.customers for o in facts.owned
                        if o.owner in mine and o.start == period.start), moves, period),
        open_a=_open_a(facts, mine, period, aging=False),
        aging_a=_open_a(facts, mine, period, aging=True),
        revisits=revisit_figures(due),
        loss_reasons=commonest(r for o, r, at in facts.losses
                               if o in mine and period.start <= at < period.cut),
        complaints=complaint_times(
            (c for c in facts.complaints if whole_team or c.owner in mine), period),
        pool=_pool(facts.ownership, mine, period),
        working_days=period.working_days(rules.calendar))


def _open_a(facts: FactSet, people: set[str], period: Period, aging: bool) -> int | None:
    """The people's open A deals at the period's cut (`aging`: those A for more than their
    week), from the deals replayed at that cut; unknown when that cut was not read."""
    if period.cut not in facts.a_cuts:
        return None
    since = [at for cut, o, at in facts.a_deals if cut == period.cut and o in people]
    return aging_a_deals(since, period.cut) if aging else len(since)


def _pool(events: tuple[OwnershipFact, ...], people: set[str], period: Period) -> PoolFigures:
    inside = [e for e in events if period.start <= e.at < period.cut]
    rows = per_rep_and_week(inside, period.zone)
    return totals(f for (rep, _), f in rows.items() if rep in people)
