"""/customer: a customer's file, its history, a move on one of its axes, its tags, or the
form for a new customer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services.context import ServiceContext
from bot.services.customers.create import open_customer_form
from bot.services.customers.file import show_customer
from bot.services.customers.tags import change_tags
from bot.services.forms import Form
from bot.services.language import answer_language
from bot.services.pipeline.classification import classify_named
from handlers.blocks.customers import classification_message, customer_message
from handlers.blocks.help import help_message
from handlers.commands.customer_text import split_move, split_new, split_tags
from handlers.open_form import open_form

HISTORY_WORDS = (" history", " 历史")


def handle_customer(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                    workspace_id: str, client: WebClient,
                    respond: Respond | None = None) -> None:
    """`/customer Acme Corp` shows the file; `/customer Acme Corp history` every change;
    `/customer Acme Corp stage negotiating` (or `likelihood A`, `tier B`) moves it;
    `/customer Acme Corp tag +urgent -cold` tags it; `/customer new [NAME]` opens the form
    for a new customer."""
    text = (command.get("text") or "").strip()
    user = command["user_id"]
    if not text or text.casefold() in ("help", "帮助", "?"):
        ack(response_type="ephemeral",
            **help_message("customer", answer_language(services, user, text)))
        return
    if (prefill := split_new(text)) is not None:
        found = open_customer_form(services, workspace_id, user, text, prefill,
                                   command["trigger_id"], command.get("response_url"), now)
        if isinstance(found, Form):
            ack()
            open_form(client, found, user, respond)
        else:
            ack(response_type="ephemeral", **customer_message(found))
        return
    if (tagging := split_tags(text)) is not None:
        outcome = change_tags(services, workspace_id, user, tagging[0], tagging[1], now)
        ack(response_type="ephemeral", **customer_message(outcome))
        return
    if (move := split_move(text)) is not None:
        outcome = classify_named(services, workspace_id, user, *move, now)
        ack(response_type="ephemeral", **classification_message(outcome))
        return
    history = text.casefold().endswith(HISTORY_WORDS)
    name = text.rsplit(" ", 1)[0] if history else text
    outcome = show_customer(services, workspace_id, user, name, now, history=history)
    ack(response_type="ephemeral", **customer_message(outcome))
