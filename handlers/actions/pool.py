"""The pool's buttons: Claim (a /pool row), Log a follow-up and Ask the lead for more time
(a return warning), Give a new term (the lead's request)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

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
