"""/stats: who may see whose figures (a rep their own, a lead their team and each rep, an
admin every team), then the one computation of bot/services/figures/compute.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.figure_periods import WEEK
from bot.domain.teams import Team, TeamDirectory
from bot.services.context import ServiceContext
from bot.services.figures.compute import TeamFigures, compute_figures


@dataclass(frozen=True)
class StatsAsk:
    """What /stats was asked: the period, and whose figures (a person, a team by name, or
    "team": the one the asker leads; nothing: the asker's usual view)."""

    kind: str = WEEK
    person: str | None = None
    team: str | None = None
    own_team: bool = False
    all_teams: bool = False  # an admin's view of every team, a line each


@dataclass(frozen=True)
class StatsAnswer:
    """The figures (status "figures"; "all_teams": every team's in `every`), or why not
    (forbidden | unknown_team | which_team | no_team)."""

    status: str
    figures: TeamFigures | None = None
    lang: str = "en"
    teams: tuple[str, ...] = ()
    every: tuple[TeamFigures, ...] = ()


def stats(ctx: ServiceContext, workspace_id: str, viewer: str, ask: StatsAsk,
          now: datetime) -> StatsAnswer:
    """The figures `viewer` asked for, if they may see them."""
    directory = ctx.directory
    admin = viewer in directory.admins
    if ask.all_teams:
        return _every_team(ctx, workspace_id, ask, now) if admin else StatsAnswer("forbidden")
    if ask.person is not None:
        team = directory.team_of(ask.person)
        if team is None:
            return StatsAnswer("no_team")
        if not (ask.person == viewer or admin or directory.leads(viewer, ask.person)):
            return StatsAnswer("forbidden", lang=team.language)
        return _answer(ctx, workspace_id, team, ask, now, reps=[ask.person])
    team_or_why = _team(directory, viewer, ask, admin)
    if isinstance(team_or_why, StatsAnswer):
        if team_or_why.status == "all_teams":  # an admin's usual view: every team
            return _every_team(ctx, workspace_id, ask, now)
        return team_or_why
    if team_or_why.lead == viewer or admin:
        return _answer(ctx, workspace_id, team_or_why, ask, now)
    return _answer(ctx, workspace_id, team_or_why, ask, now, reps=[viewer])  # a rep: their own


def _team(directory: TeamDirectory, viewer: str, ask: StatsAsk,
          admin: bool) -> Team | StatsAnswer:
    names = tuple(t.name for t in directory.teams)
    if ask.team is not None:
        team = next((t for t in directory.teams if t.name.casefold() == ask.team.casefold()),
                    None)
        if team is None:
            return StatsAnswer("unknown_team", teams=names)
        return team if admin or team.lead == viewer else StatsAnswer("forbidden",
                                                                     lang=team.language)
    led = [t for t in directory.teams if t.lead == viewer]
    if len(led) > 1:
        return StatsAnswer("which_team", teams=tuple(t.name for t in led))
    if led:
        return led[0]
    own = directory.team_of(viewer)
    if admin:
        if len(directory.teams) == 1:
            return directory.teams[0]
        return StatsAnswer("all_teams" if names else "no_team", teams=names)
    if ask.own_team:  # a rep asking for the team's: reps see their own
        return StatsAnswer("forbidden", lang=own.language if own else "en")
    return own if own is not None else StatsAnswer("no_team")


def _answer(ctx: ServiceContext, workspace_id: str, team: Team, ask: StatsAsk,
            now: datetime, reps: list[str] | None = None) -> StatsAnswer:
    figures = compute_figures(ctx, workspace_id, team, ask.kind, now, reps=reps,
                              with_team=reps is None)
    return StatsAnswer("figures", figures, lang=team.language)


def _every_team(ctx: ServiceContext, workspace_id: str, ask: StatsAsk,
                now: datetime) -> StatsAnswer:
    """Each team's own figures (no rep lines), for an admin."""
    teams = ctx.directory.teams
    if not teams:
        return StatsAnswer("no_team")
    every = tuple(compute_figures(ctx, workspace_id, team, ask.kind, now, reps=[])
                  for team in teams)
    return StatsAnswer("all_teams", lang=teams[0].language, every=every,
                       teams=tuple(t.name for t in teams))
