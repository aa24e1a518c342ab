"""/pool: the team's pooled prospects to claim; /handover: a leaving rep's customers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.domain.mentions import mention_pattern
from bot.services.commands import receive_command
from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.pool.claiming import list_pool
from handlers.blocks.help import help_message
from handlers.blocks.pool import pool_list_message
from handlers.later import answer_read, change_asked, working_message

HELP_WORDS = ("help", "帮助", "?", "？")
# "@sam to @kim" (mentions escaped: bot/domain/mentions.py), or "@sam" alone.
_HANDOVER = re.compile(rf"^{mention_pattern('leaving')}"
                       rf"(?:\s+(?:to|给|->|→)\s+{mention_pattern('to')})?$")


def ack_pool(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """`/pool` lists your team's pooled prospects, oldest first, each with *Claim*;
    `/pool tag:urgent stage:negotiating tier:B` filters as /customers does; `/pool help`."""
    text = (command.get("text") or "").strip()
    if text.casefold() in HELP_WORDS:
        ack(response_type="ephemeral",
            **help_message("pool", answer_language(services, command["user_id"], text)))
    else:
        ack(**working_message(text))  # the list follows (handle_pool)


def handle_pool(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                workspace_id: str, respond: Respond | None) -> None:
    """The pooled prospects, in place of "working on it": a read."""
    text = (command.get("text") or "").strip()
    if text.casefold() not in HELP_WORDS:
        answer_read(command, body, respond, lambda: pool_list_message(
            list_pool(services, workspace_id, command["user_id"], text)))


def handle_handover(ack: Ack, command: dict[str, Any], services: ServiceContext,
                    now: datetime, workspace_id: str) -> None:
    """`/handover @sam to @kim` gives all of Sam's customers to Kim; `/handover @sam` shares
    them round-robin across Sam's team (their lead or an admin); `/handover help`."""
    text = (command.get("text") or "").strip()
    match = _HANDOVER.match(text)
    if match is None:
        ack(response_type="ephemeral",
            **help_message("handover", answer_language(services, command["user_id"], text)))
        return
    # Moving every customer of a rep: stored (one INSERT) and done by the worker after
    # Slack's answer, which it replaces (bot/services/commands.py).
    receive_command(services, change_asked(command, workspace_id, "handover",
                                           (match["leaving"], match["to"] or "")), now)
    ack(**working_message(text))
