"""/team: the team you are in."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.teams import team_of
from handlers.blocks.teams import TEAM_USAGE, team_message
from handlers.blocks.text import section


def handle_team(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """`/team` shows your team: its channel, lead, members, time zone and working days."""
    if (command.get("text") or "").strip().casefold() in ("help", "帮助", "?"):
        ack(response_type="ephemeral", text="How to use /team", blocks=[section(TEAM_USAGE)])
        return
    ack(response_type="ephemeral", **team_message(team_of(services, command["user_id"]),
                                                  command["user_id"]))
