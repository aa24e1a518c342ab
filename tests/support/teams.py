"""A second team beside the test configuration's East, for rules that stop at a team."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.teams import Team, TeamDirectory

WEST_REP, WEST_LEAD = "U0WEST", "U0WLEAD"


def with_west(directory: TeamDirectory) -> TeamDirectory:
    """The same directory with a team West: lead U0WLEAD, one rep U0WEST."""
    west = Team(name="West", channel="C0WEST", lead=WEST_LEAD, members=(WEST_REP,),
                timezone="Asia/Shanghai")
    return replace(directory, teams=(*directory.teams, west))
