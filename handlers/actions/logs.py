"""Buttons under a log: Undo, Edit, create or pick the customer, take the other time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.interactions import Reply, act_on_log, open_log_editor
from handlers import ids

VERBS = {ids.LOG_UNDO: "undo", ids.LOG_CREATE_CUSTOMER: "create_customer",
         ids.LOG_PICK_CUSTOMER: "pick_customer", ids.LOG_USE_ALTERNATIVE: "use_alternative"}


def handle_log_action(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                      services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Undo withdraws a log; the customer buttons attach it; a time button re-dates it."""
    ack()
    head, _, arg = str(action.get("value", "")).partition(":")
    if not head.isdigit():
        return
    reply = Reply(response_url=body.get("response_url"))
    act_on_log(services, workspace_id, body["user"]["id"], int(head),
               VERBS[action["action_id"]], arg, reply, now)


def handle_log_edit(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                    services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Edit opens a form with the log's fields."""
    ack()
    value = str(action.get("value", ""))
    if not value.isdigit():
        return
    reply = Reply(response_url=body.get("response_url"), trigger_id=body.get("trigger_id"))
    open_log_editor(services, workspace_id, body["user"]["id"], int(value), reply, now)
