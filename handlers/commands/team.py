"""/team: the team you are in."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.teams import team_of
from handlers.blocks.help import help_message
from handlers.blocks.teams import team_message


def handle_team(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """`/team` shows your team: its channel, lead, members, time zone and working days."""
    text = (command.get("text") or "").strip()
    if text.casefold() in ("help", "帮助", "?"):
        ack(response_type="ephemeral",
            **help_message("team", answer_language(services, command["user_id"], text)))
        return
    user = command["user_id"]
    ack(response_type="ephemeral", **team_message(team_of(services, user), user,
                                                  answer_language(services, user, text)))
