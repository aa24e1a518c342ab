"""/stats' every-team view: an admin sees each team's line (their usual view when there are
several teams), nobody else may ask for it; on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.teams import Team
from bot.services.context import ServiceContext
from bot.services.figures.stats import StatsAsk, stats
from tests.services.figures.seed import NOW, REP, seed_week

WS = "T0EAST"
ADMIN = "U0ADMIN"


def _two_teams(services: ServiceContext) -> ServiceContext:
    west = Team("West", "C0WEST", "U0WLEAD", ("U0WREP",), "Europe/Berlin")
    directory = replace(services.directory, teams=(*services.directory.teams, west),
                        admins=(ADMIN,))
    return replace(services, directory=directory)


def test_an_admin_sees_every_team_a_line_each(services: ServiceContext) -> None:
    with services.uow() as uow:
        seed_week(uow, WS)
        uow.commit()
    ctx = _two_teams(services)
    for ask in (StatsAsk(all_teams=True), StatsAsk()):  # asked, or an admin's usual view
        answer = stats(ctx, WS, ADMIN, ask, NOW)
        assert answer.status == "all_teams"
        assert [f.team for f in answer.every] == ["East", "West"]
        east, west = (f.team_pair for f in answer.every)
        assert east is not None and west is not None
        assert east.current.tasks.due == 3 and west.current.tasks.due == 0
        assert all(f.reps == () for f in answer.every)


def test_only_an_admin_may_ask_for_every_team(services: ServiceContext) -> None:
    ctx = _two_teams(services)
    for who in (REP, "U0LEAD"):
        assert stats(ctx, WS, who, StatsAsk(all_teams=True), NOW).status == "forbidden"
