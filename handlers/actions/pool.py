"""The pool's buttons: Claim (a /pool row), Log a follow-up and Ask the lead for more time
(a return warning), Give a new term (the lead's request), and the card's Reassign to… menu."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.record_ids import record_id
from bot.services.context import ServiceContext
from handlers import ids
from handlers.actions.clicks import do_after_answer, target

# Each button: the click it stores, its verb, and whether its answer goes below the message
# (the warning keeps its other button).
DOES = {ids.POOL_CLAIM: ("pool_claim", "", True), ids.POOL_LOG: ("pool_warning", "log", True),
        ids.POOL_ASK_TIME: ("pool_warning", "more_time", True),
        ids.POOL_GIVE_TIME: ("pool_give_time", "", False)}


def handle_pool_action(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                       services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Claim takes a pooled prospect (the limits and the race decided on the server); the
    warning's buttons tell how to log or ask the lead; the lead's button gives a new term."""
    customer_id, _ = target(action)
    does, verb, keep = DOES[action["action_id"]]
    do_after_answer(services, workspace_id, body, does, customer_id, (verb,), now, keep=keep)
    ack()


def handle_customer_assign(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                           services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Reassign to… on a customer's card (its owner's lead, the pool team's lead, admins):
    the person picked owns it from now, with its open tasks; checked again on the server."""
    block = str(action.get("block_id") or "")
    customer_id = record_id(block.removeprefix("customer_")) if block.startswith(
        "customer_") else None
    to_user = action.get("selected_user")
    valid = customer_id is not None and isinstance(to_user, str) and bool(to_user)
    do_after_answer(services, workspace_id, body, "pool_assign",
                    customer_id if valid else None, (str(to_user or ""),), now)
    ack()
