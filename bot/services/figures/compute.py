"""The one function every figure comes from: a team's (and its reps') figures for this
period and the one before, or the trend over recent weeks (docs/figures.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.figure_periods import (
    Period,
    current_period,
    previous_period,
    recent_weeks,
    week_ending,
)
from bot.domain.figure_sets import FactSet, Rules, figures_for, split_by_person
from bot.domain.figures import Figures, a_deals_at_cuts
from bot.domain.teams import Team
from bot.services.context import ServiceContext
from store.uow import UnitOfWork


@dataclass(frozen=True)
class FigurePair:
    """The current period (so far) beside the whole previous one."""

    current: Figures
    previous: Figures


@dataclass(frozen=True)
class TeamFigures:
    """What /stats, the report and the Home tab show: the team's pair (None when only some
    reps are asked for) and each rep's."""

    team: str
    kind: str
    timezone: str
    team_pair: FigurePair | None
    reps: tuple[tuple[str, FigurePair], ...]


def team_people(team: Team) -> tuple[str, ...]:
    """Whose figures make the team's: its members, and its lead when they own customers."""
    return tuple(dict.fromkeys((*team.members, team.lead)))


def compute_figures(ctx: ServiceContext, workspace_id: str, team: Team, kind: str,
                    now: datetime, reps: Sequence[str] | None = None,
                    with_team: bool = True, ending_at: datetime | None = None) -> TeamFigures:
    """The team's figures (unless `with_team` is False) and each of `reps`' (default: each
    member's) for this `kind` of period so far and the previous one; with `ending_at`, the
    whole period that ends then (a report on last week) and the one before."""
    zone = ZoneInfo(team.timezone)
    current = current_period(kind, now, zone) if ending_at is None else \
        week_ending(kind, ending_at, zone)
    previous = previous_period(current)
    people = team_people(team)
    with ctx.uow().reading() as uow:
        facts = _read(uow, workspace_id, team, people, (previous, current), zone)
    rules = Rules(ctx.directory.reminders.overdue_after, team.calendar)
    own = split_by_person(facts)

    def pair(who: Sequence[str], rows: FactSet, whole_team: bool = False) -> FigurePair:
        return FigurePair(figures_for(rows, who, current, rules, whole_team),
                          figures_for(rows, who, previous, rules, whole_team))

    return TeamFigures(
        team=team.name, kind=kind, timezone=team.timezone,
        team_pair=pair(people, facts, whole_team=True) if with_team else None,
        reps=tuple((rep, pair([rep], own.get(rep, FactSet(a_cuts=facts.a_cuts))))
                   for rep in (team.members if reps is None else reps)))


def weekly_trend(ctx: ServiceContext, workspace_id: str, team: Team, now: datetime,
                 weeks: int = 8) -> tuple[Figures, ...]:
    """The team's figures for each of the last `weeks` weeks, oldest first (the chart)."""
    zone = ZoneInfo(team.timezone)
    periods = recent_weeks(now, zone, weeks)
    people = team_people(team)
    with ctx.uow().reading() as uow:
        facts = _read(uow, workspace_id, team, people, periods, zone)
    rules = Rules(ctx.directory.reminders.overdue_after, team.calendar)
    return tuple(figures_for(facts, people, p, rules, whole_team=True) for p in periods)


def _read(uow: UnitOfWork, workspace_id: str, team: Team, people: Sequence[str],
          periods: Sequence[Period], zone: ZoneInfo) -> FactSet:
    """Every row the figures of these periods (consecutive, oldest first) need, read once;
    the open A deals at each period's cut are replayed from one read of the deals' moves."""
    rows = uow.figures
    first, last = periods[0], periods[-1]
    start, end = first.start, last.cut
    cuts = tuple(dict.fromkeys(p.cut for p in periods))
    deals = rows.deal_histories(workspace_id, people, min(cuts))
    return FactSet(
        a_deals=a_deals_at_cuts(deals, cuts), a_cuts=cuts,
        tasks=tuple(rows.tasks_due(workspace_id, people, start, last.end)),
        moves=tuple(rows.moves(workspace_id, people, start, end)),
        owned=tuple(rows.owned_at(workspace_id, people, [p.start for p in periods])),
        revisits=tuple(rows.revisits_due(workspace_id, people, first.first_day,
                                         last.last_day, zone)),
        losses=tuple(rows.loss_reasons(workspace_id, people, start, end)),
        complaints=tuple(rows.complaints(workspace_id, team.name, start, end)),
        ownership=tuple(rows.ownership(workspace_id, people, start, end)))
