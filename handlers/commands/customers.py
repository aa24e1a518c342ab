"""/customers: find customers by tag, stage, likelihood, tier and owner."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.customers.listing import list_customers
from bot.services.language import answer_language
from handlers.blocks.customer_list import customer_list_message
from handlers.blocks.help import help_message


def handle_customers(ack: Ack, command: dict[str, Any], services: ServiceContext,
                     workspace_id: str) -> None:
    """`/customers tag:urgent tag:manufacturing stage:negotiating owner:@sam likelihood:A
    tier:B` lists the matching customers you may see; `/customers help` explains."""
    text = (command.get("text") or "").strip()
    if text.casefold() in ("help", "帮助", "?"):
        ack(response_type="ephemeral",
            **help_message("customers", answer_language(services, command["user_id"], text)))
        return
    found = list_customers(services, workspace_id, command["user_id"], text)
    ack(response_type="ephemeral", **customer_list_message(found, services.default_tz))
