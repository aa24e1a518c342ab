"""The Open button beside a deal in the nightly review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.interactions import open_customer
from handlers.actions.clicks import refuse, reply_to, target


def handle_review_open(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                       services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Open shows you that customer's file (if you may see it), to you alone."""
    ack()
    customer_id, _ = target(action)
    if customer_id is None:
        refuse(services, workspace_id, body, now)
    else:
        open_customer(services, workspace_id, body["user"]["id"], customer_id, reply_to(body),
                      now)
