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
from handlers.blocks.customers import customer_message
from handlers.blocks.help import help_message
from handlers.commands.customer_text import split_assign, split_move, split_new, split_tags
from handlers.later import answer_read, change_asked, working_message
from handlers.open_form import open_form

HISTORY_WORDS = (" history", " 历史")


def ack_customer(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                 workspace_id: str) -> None:
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
    if split_new(text) is not None:
        ack()  # the form opens on this request's trigger right after (handle_customer)
        return
    if (change := _change(text)) is not None:
        # A change is stored (one INSERT) and made by the worker after the answer
        # (bot/services/commands.py); a read is answered by handle_customer, below.
        receive_command(services, change_asked(command, workspace_id, *change), now)
    ack(**working_message(text))


def _change(text: str) -> tuple[str, tuple[str, ...]] | None:
    if (assignment := split_assign(text)) is not None:
        return "assign", assignment
    if (tagging := split_tags(text)) is not None:
        return "tags", tagging
    if (move := split_move(text)) is not None:
        return "move", move
    return None


def handle_customer(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                    now: datetime, workspace_id: str, client: WebClient,
                    respond: Respond | None) -> None:
    """The file or its history, in place of "working on it": a read, so a crash costs only
    the answer (the person asks again). Or the New-customer form, opened on the request's
    trigger (it lives 3 seconds; one lookup first, for a name that is a customer already)."""
    text = (command.get("text") or "").strip()
    user = command["user_id"]
    if (prefill := split_new(text)) is not None:
        found = open_customer_form(services, workspace_id, user, text, prefill,
                                   command["trigger_id"], command.get("response_url"), now)
        if isinstance(found, Form):
            open_form(client, found, user, respond)
        else:
            answer_read(command, body, respond, lambda: customer_message(found), replace=False)
        return
    if not text or text.casefold() in ("help", "帮助", "?") or _change(text) is not None:
        return
    history = text.casefold().endswith(HISTORY_WORDS)
    name = text.rsplit(" ", 1)[0] if history else text
    answer_read(command, body, respond, lambda: customer_message(show_customer(
        services, workspace_id, user, name, now, history=history)))
