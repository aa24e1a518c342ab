"""Controls on a customer: Open file, Edit, and the Stage and Likelihood menus."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services.context import ServiceContext
from bot.services.customers.actions import open_card
from bot.services.customers.edit import open_customer_editor
from handlers import ids
from handlers.actions.clicks import chosen, do_after_answer, refuse, reply_to, target
from handlers.open_form import open_form


def ack_customer_open(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                      services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Open (a /customers row) shows the customer's card to you alone; Open file (the
    duplicate warning) shows it over the form; only if you may see the customer."""
    if not _over_a_form(body):  # under a message: stored, and answered there by the worker
        customer_id, _ = target(action)
        do_after_answer(services, workspace_id, body, "open_customer", customer_id, (), now)
    ack()


def _over_a_form(body: dict[str, Any]) -> bool:
    return (body.get("container") or {}).get("type") == "view"


def handle_customer_open(action: dict[str, Any], body: dict[str, Any],
                         services: ServiceContext, now: datetime, workspace_id: str,
                         client: WebClient, respond: Respond | None = None) -> None:
    """The card over the form, after the answer (a click under a message was stored)."""
    customer_id, _ = target(action)
    if not _over_a_form(body):
        return
    if customer_id is None:
        refuse(services, workspace_id, body, now)
        return
    # Over the form: its trigger lives 3 seconds, so the card is pushed from the request.
    form = open_card(services, workspace_id, body["user"]["id"], customer_id,
                     reply_to(body, form=True), now)
    if form is not None:
        open_form(client, form, body["user"]["id"], respond)


def handle_customer_edit(action: dict[str, Any], body: dict[str, Any],
                         services: ServiceContext, now: datetime, workspace_id: str,
                         client: WebClient, respond: Respond | None = None) -> None:
    """Edit opens the customer's file in a form."""
    customer_id, _ = target(action)
    if customer_id is None:
        refuse(services, workspace_id, body, now)
    else:
        form = open_customer_editor(services, workspace_id, body["user"]["id"], customer_id,
                                    reply_to(body, form=True), now)
        if form is not None:
            open_form(client, form, body["user"]["id"], respond)


def handle_customer_classify(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                             services: ServiceContext, now: datetime,
                             workspace_id: str) -> None:
    """The Stage and Likelihood menus move the customer (recorded, with who and when)."""
    customer_id, value = chosen(action)
    axis = ids.CLASSIFY_MENUS.get(str(action.get("action_id")))
    valid = customer_id is not None and axis is not None and value
    do_after_answer(services, workspace_id, body, "classify",
                    customer_id if valid else None, (axis or "", value), now)
    ack()
