"""Buttons under a log: Undo, Edit, create or pick the customer, take the other time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services.context import ServiceContext
from bot.services.interactions import open_log_editor
from bot.services.logs.complaint_form import open_log_complaint
from handlers import ids
from handlers.actions.clicks import do_after_answer, refuse, reply_to, target
from handlers.blocks.questions import ASKED
from handlers.open_form import open_form

VERBS = {ids.LOG_UNDO: "undo", ids.LOG_CREATE_CUSTOMER: "create_customer",
         ids.LOG_PICK_CUSTOMER: "pick_customer", ids.LOG_USE_ALTERNATIVE: "use_alternative",
         ids.LOG_ASK_SHARE: "ask_share", ids.LOG_SHARE: "share",
         ids.LOG_DECLINE_SHARE: "decline_share"}


def handle_log_action(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                      services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Undo withdraws a log; the customer buttons attach it; a time button re-dates it;
    a log held for another team's customer is shared (or not) by that customer's owner."""
    follow_up_id, arg = target(action)
    do_after_answer(services, workspace_id, body, "log", follow_up_id,
                    (VERBS[action["action_id"]], arg), now, keep=_in_list(action))
    ack()


# The buttons under a log that open a form, and the service that says what the form holds.
FORMS = {ids.LOG_EDIT: open_log_editor, ids.LOG_RAISE_COMPLAINT: open_log_complaint}


def handle_log_form(action: dict[str, Any], body: dict[str, Any],
                    services: ServiceContext, now: datetime, workspace_id: str,
                    client: WebClient, respond: Respond | None = None) -> None:
    """Edit opens a form with the log's fields; Raise complaint opens the complaint form
    filled in from the log (raising it is your call)."""
    follow_up_id, _ = target(action)
    if follow_up_id is None:
        refuse(services, workspace_id, body, now)
        return
    form = FORMS[action["action_id"]](services, workspace_id, body["user"]["id"],
                                      follow_up_id,
                                      reply_to(body, form=True, keep=_in_list(action)), now)
    if form is not None:
        open_form(client, form, body["user"]["id"], respond)


def _in_list(action: dict[str, Any]) -> bool:
    """Whether the button is a question's in the morning message: it is answered below the
    message, which still holds the other questions."""
    return str(action.get("block_id") or "").startswith(f"{ASKED}:")
