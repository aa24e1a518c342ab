"""/customer: a customer's file, its history, a move on one of its axes, its tags, or the
form for a new customer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services.commands import receive_command
from bot.services.context import ServiceContext
from bot.services.customers.create import open_customer_form
from bot.services.customers.file import show_customer
from bot.services.forms import Form
from bot.services.language import answer_language
from bot.services.pool.assigning import assign_named
from handlers.blocks.customers import customer_message
from handlers.blocks.help import help_message
from handlers.blocks.pool import pool_answer_message
from handlers.commands.customer_text import split_assign, split_move, split_new, split_tags
from handlers.later import answer_later, change_asked, told_on_failure, working_message
from handlers.open_form import open_form

HISTORY_WORDS = (" history", " 历史")


def ack_customer(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                 workspace_id: str, client: WebClient, respond: Respond | None = None) -> None:
    """`/customer Acme Corp` shows the file; `/customer Acme Corp history` every change;
    `/customer Acme Corp stage negotiating` (or `likelihood A`, `tier B`) moves it;
    `/customer Acme Corp tag +urgent -cold` tags it; `/customer Acme Corp assign @kim` gives
    it to Kim (the owner's lead or an admin); `/customer new [NAME]` opens the form for a new
    customer."""
    text = (command.get("text") or "").strip()
    user = command["user_id"]
    if not text or text.casefold() in ("help", "帮助", "?"):
        ack(response_type="ephemeral",
            **help_message("customer", answer_language(services, user, text)))
        return
    if (prefill := split_new(text)) is not None:
        # The form's trigger lives 3 seconds: opened from the request (one lookup first).
        found = open_customer_form(services, workspace_id, user, text, prefill,
                                   command["trigger_id"], command.get("response_url"), now)
        if isinstance(found, Form):
            ack()
            open_form(client, found, user, respond)
        else:
            ack(response_type="ephemeral", **customer_message(found))
        return
    if (assignment := split_assign(text)) is not None:
        # Still one transaction before the answer (README, Known limits).
        answer = assign_named(services, workspace_id, user, *assignment, now)
        ack(response_type="ephemeral", **pool_answer_message(answer))
        return
    if (change := _change(text)) is not None:
        # A change is stored (one INSERT) and made by the worker after the answer
        # (bot/services/commands.py); a read is answered by handle_customer, below.
        receive_command(services, change_asked(command, workspace_id, *change), now)
    ack(**working_message(text))


def _change(text: str) -> tuple[str, tuple[str, ...]] | None:
    if (tagging := split_tags(text)) is not None:
        return "tags", tagging
    if (move := split_move(text)) is not None:
        return "move", move
    return None


def handle_customer(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                    now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """The file or its history, in place of "working on it": a read, so a crash costs only
    the answer (the person asks again)."""
    text = (command.get("text") or "").strip()
    answer_to = answer_later(command, respond)
    if (answer_to is None or not text or text.casefold() in ("help", "帮助", "?")
            or split_new(text) is not None or split_assign(text) is not None
            or _change(text) is not None):
        return
    history = text.casefold().endswith(HISTORY_WORDS)
    name = text.rsplit(" ", 1)[0] if history else text
    with told_on_failure(body, answer_to):
        outcome = show_customer(services, workspace_id, command["user_id"], name, now,
                                history=history)
        answer_to(response_type="ephemeral", replace_original=True,
                  **customer_message(outcome))
