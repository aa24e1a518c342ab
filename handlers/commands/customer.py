"""/customer: a customer's file, or its history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.customers import show_customer
from handlers.blocks.customers import CUSTOMER_USAGE, customer_message
from handlers.blocks.text import section

HISTORY_WORDS = (" history", " 历史")


def handle_customer(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                    workspace_id: str) -> None:
    """`/customer Acme Corp` shows the file; `/customer Acme Corp history` every change."""
    text = (command.get("text") or "").strip()
    if not text or text.casefold() in ("help", "帮助", "?"):
        ack(response_type="ephemeral", text="How to use /customer",
            blocks=[section(CUSTOMER_USAGE)])
        return
    history = text.casefold().endswith(HISTORY_WORDS)
    name = text.rsplit(" ", 1)[0] if history else text
    outcome = show_customer(services, workspace_id, command["user_id"], name, now,
                            history=history)
    ack(response_type="ephemeral", **customer_message(outcome))
