"""Buttons and menus on complaint messages, and the "Raise complaint" message shortcut."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services.complaints.clicks import open_raise_form, open_reassign
from bot.services.context import ServiceContext
from handlers import ids
from handlers.actions.clicks import chosen, do_after_answer, refuse, reply_to, target
from handlers.blocks.text import message_link
from handlers.open_form import open_form

VERB = {ids.COMPLAINT_ACK: "acknowledge", ids.COMPLAINT_RESOLVE: "resolve",
        ids.COMPLAINT_SATISFIED: "satisfied", ids.COMPLAINT_NOT_SATISFIED: "not_satisfied"}


def handle_complaint_button(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                            services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Acknowledge stops the escalation; Resolve closes it; Satisfied / Not satisfied record
    the check-back (not satisfied reopens it)."""
    complaint_id, _ = target(action)
    do_after_answer(services, workspace_id, body, "complaint", complaint_id,
                    (VERB[action["action_id"]],), now)
    ack()


def handle_complaint_reassign(action: dict[str, Any], body: dict[str, Any],
                              services: ServiceContext, now: datetime, workspace_id: str,
                              client: WebClient, respond: Respond | None = None) -> None:
    """Reassign asks who should own the complaint instead."""
    complaint_id, _ = target(action)
    if complaint_id is None:
        refuse(services, workspace_id, body, now)
    else:
        form = open_reassign(services, workspace_id, body["user"]["id"], complaint_id,
                             reply_to(body, form=True), now)
        if form is not None:
            open_form(client, form, body["user"]["id"], respond)


def handle_complaint_triage(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                            services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Change the suggested category or priority."""
    complaint_id, value = chosen(action)
    field = "category" if action["action_id"] == ids.COMPLAINT_CATEGORY else "priority"
    do_after_answer(services, workspace_id, body, "triage", complaint_id, (field, value), now)
    ack()


def handle_raise_shortcut(shortcut: dict[str, Any], services: ServiceContext,
                          now: datetime, workspace_id: str, client: WebClient,
                          respond: Respond | None = None) -> None:
    """"Raise complaint" on any message: a form with the message linked, the customer found
    in it and the suggested category and priority."""
    message = shortcut.get("message") or {}
    channel = (shortcut.get("channel") or {}).get("id", "")
    ts = str(message.get("ts") or shortcut.get("message_ts") or "")
    link = message_link(channel, ts) if channel and ts else None
    text = message.get("text")  # a payload's text that is not text is no text
    form = open_raise_form(services, workspace_id, shortcut["user"]["id"],
                           text if isinstance(text, str) else "", link,
                           reply_to(shortcut, form=True), now)
    open_form(client, form, shortcut["user"]["id"], respond)
