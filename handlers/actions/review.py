"""The Open button beside a deal in the nightly review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from handlers.actions.clicks import do_after_answer, target


def handle_review_open(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                       services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Open shows you that customer's file (if you may see it), to you alone."""
    customer_id, _ = target(action)
    do_after_answer(services, workspace_id, body, "open_customer", customer_id, (), now)
    ack()
