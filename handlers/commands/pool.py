"""/pool: the team's pooled prospects to claim; /handover: a leaving rep's customers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.mentions import mention_pattern
from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.pool.assigning import handover
from bot.services.pool.claiming import list_pool
from handlers.blocks.help import help_message
from handlers.blocks.pool import pool_answer_message, pool_list_message

HELP_WORDS = ("help", "帮助", "?", "？")
# "@sam to @kim" (mentions escaped: bot/domain/mentions.py), or "@sam" alone.
_HANDOVER = re.compile(rf"^{mention_pattern('leaving')}"
                       rf"(?:\s+(?:to|给|->|→)\s+{mention_pattern('to')})?$")


def handle_pool(ack: Ack, command: dict[str, Any], services: ServiceContext,
                workspace_id: str) -> None:
    """`/pool` lists your team's pooled prospects, oldest first, each with *Claim*;
    `/pool tag:urgent stage:negotiating tier:B` filters as /customers does; `/pool help`."""
    text = (command.get("text") or "").strip()
    if text.casefold() in HELP_WORDS:
        ack(response_type="ephemeral",
            **help_message("pool", answer_language(services, command["user_id"], text)))
        return
    found = list_pool(services, workspace_id, command["user_id"], text)
    ack(response_type="ephemeral", **pool_list_message(found))


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
    answer = handover(services, workspace_id, command["user_id"], match.group(1),
                      match.group(2), now)
    ack(response_type="ephemeral", **pool_answer_message(answer))
