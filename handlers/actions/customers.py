"""Buttons on a customer: Open file (from the duplicate warning in the New form)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.customer_actions import open_card
from handlers.actions.clicks import reply_to, target


def handle_customer_open(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                         services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Open file shows the customer's card over the form (if you may see it)."""
    ack()
    customer_id, _ = target(action)
    if customer_id is not None:
        in_form = (body.get("container") or {}).get("type") == "view"
        open_card(services, workspace_id, body["user"]["id"], customer_id,
                  reply_to(body, form=in_form), now)
