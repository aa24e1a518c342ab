"""/revisit: your revisits still to make, or a service visit that starts its call."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.revisits.command import list_revisits, start_service_visit
from handlers.blocks.revisits import (
    revisit_list_message,
    revisit_started_message,
    revisit_usage_message,
)

# "Acme Corp service", "华为 服务", "华为 维修": the customer, then what kind of visit it was.
_SERVICE = re.compile(r"^(?P<name>.+?)\s*(?:\bservice\b|\brepair\b|服务|维修|上门)$",
                      re.IGNORECASE)


def handle_revisit(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                   workspace_id: str) -> None:
    """`/revisit` lists your revisits still to make; `/revisit Acme Corp service` records a
    service visit or repair today, which starts a "problem solved?" call in 3 days;
    `/revisit help` explains."""
    text = (command.get("text") or "").strip()
    user = command["user_id"]
    if not text:
        ack(response_type="ephemeral",
            **revisit_list_message(list_revisits(services, workspace_id, user, now)))
        return
    service = _SERVICE.match(text)
    if service is None or not service["name"].strip():
        ack(response_type="ephemeral",
            **revisit_usage_message(answer_language(services, user, text)))
        return
    outcome = start_service_visit(services, workspace_id, user, service["name"].strip(), now)
    ack(response_type="ephemeral", **revisit_started_message(outcome))
