"""/log: record a call or visit and its next step."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.logs.intake import LogRequest, receive_log
from handlers.blocks.logs import received_message


def handle_log(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
               workspace_id: str) -> None:
    """`/log Customer: what happened. next step by when` — e.g.
    `/log Acme Corp: called Li, wants a quote for 20 seats. Send quote by Friday 3pm`.
    `/log help` shows examples."""
    request = LogRequest(workspace_id=workspace_id, user_id=command["user_id"],
                         text=command.get("text") or "", source="slash",
                         source_key=f"slash:{command.get('trigger_id') or command.get('ts')}",
                         reply_url=command.get("response_url"))
    outcome = receive_log(services, request, now)
    ack(response_type="ephemeral", **received_message(outcome))
