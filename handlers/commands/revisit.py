"""/revisit: your revisits still to make, or a service visit that starts its call."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.services.commands import receive_command
from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.revisits.command import list_revisits
from handlers.blocks.revisits import (
    revisit_list_message,
    revisit_usage_message,
)
from handlers.later import answer_read, change_asked, working_message

# "Acme Corp service", "华为 服务", "华为 维修": the customer, then what kind of visit it was.
_SERVICE = re.compile(r"^(?P<name>.+?)\s*(?:\bservice\b|\brepair\b|服务|维修|上门)$",
                      re.IGNORECASE)


def ack_revisit(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                workspace_id: str) -> None:
    """`/revisit` lists your revisits still to make; `/revisit Acme Corp service` records a
    service visit or repair today, which starts a "problem solved?" call in 3 days;
    `/revisit help` explains."""
    text = (command.get("text") or "").strip()
    if not text:
        ack(**working_message(text))  # the list follows (handle_revisit)
        return
    service = _SERVICE.match(text)
    if service is None or not service["name"].strip():
        ack(response_type="ephemeral",
            **revisit_usage_message(answer_language(services, command["user_id"], text)))
        return
    # Finding the customer and planning its call: stored (one INSERT) and done by the worker
    # after Slack's answer, which it replaces (bot/services/commands.py).
    receive_command(services, change_asked(command, workspace_id, "service_visit",
                                           (service["name"].strip(),)), now)
    ack(**working_message(text))


def handle_revisit(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                   now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """Your revisits, in place of "working on it" (bare /revisit only: a read)."""
    if not (command.get("text") or "").strip():
        answer_read(command, body, respond, lambda: revisit_list_message(
            list_revisits(services, workspace_id, command["user_id"], now)))
