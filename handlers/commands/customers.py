"""/customers: find customers by tag, stage, likelihood, tier and owner."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond

from bot.services.context import ServiceContext
from bot.services.customers.listing import list_customers
from bot.services.language import answer_language
from handlers.blocks.customer_list import customer_list_message
from handlers.blocks.help import help_message
from handlers.later import answer_later, told_on_failure, working_message

HELP = ("help", "帮助", "?")


def ack_customers(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """`/customers tag:urgent tag:manufacturing stage:negotiating owner:@sam likelihood:A
    tier:B` lists the matching customers you may see; `/customers help` explains."""
    text = (command.get("text") or "").strip()
    if text.casefold() in HELP:
        ack(response_type="ephemeral",
            **help_message("customers", answer_language(services, command["user_id"], text)))
        return
    ack(**working_message(text))  # the list follows (handle_customers)


def handle_customers(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                     workspace_id: str, respond: Respond | None) -> None:
    """The list, in place of "working on it": a read, so a crash costs only the answer."""
    text = (command.get("text") or "").strip()
    answer_to = answer_later(command, respond)
    if text.casefold() in HELP or answer_to is None:
        return
    with told_on_failure(body, answer_to):
        found = list_customers(services, workspace_id, command["user_id"], text)
        answer_to(response_type="ephemeral", replace_original=True,
                  **customer_list_message(found, services.default_tz))
