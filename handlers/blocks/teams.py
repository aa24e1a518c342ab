"""The answer to /team."""

from __future__ import annotations

from typing import Any

from bot.domain.teams import Team
from handlers.blocks.text import notice, section, shown

NO_TEAM = ("You are not in a team yet, so you work on your own: nobody else is told about "
           "your overdue tasks. Ask an admin to add you to the team file (`CRM_CONFIG`).")


def team_message(team: Team | None, viewer: str) -> dict[str, Any]:
    """A person's team: channel, lead, members, time zone, working days, review time."""
    if team is None:
        return {"text": "No team", "blocks": [section(NO_TEAM)]}
    role = "lead" if team.lead == viewer else "member"
    members = ", ".join(f"<@{m}>" for m in team.members) or "none yet"
    lines = [f"*{shown(team.name, 100)}* — you are its {role}",
             f"Channel <#{team.channel}> · lead <@{team.lead}>",
             f"Members: {members}",
             f"Time zone {team.timezone}"
             + (f" · holidays of {team.country}" if team.country else "")
             + f" · working days {', '.join(team.working_days)}"
             + f" · nightly review {team.review_time:%H:%M}"]
    return {"text": notice(f"Team {shown(team.name, 100)}"),
            "blocks": [section("\n".join(lines))]}
