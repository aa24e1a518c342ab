"""Buttons and menus on a customer: open its card."""

from __future__ import annotations

from datetime import datetime

from bot.services.context import ServiceContext
from bot.services.customers.file import show_customer_by_id
from bot.services.forms import Form
from bot.services.interactions import Reply, open_customer
from bot.services.views import to_payload


def open_card(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
              reply: Reply, now: datetime) -> Form | None:
    """The customer's card, for someone allowed to see it: pushed over the form it was asked
    from (a trigger: the Form to push), or posted where the button was (a response_url)."""
    if reply.trigger_id is None:
        open_customer(ctx, workspace_id, user, customer_id, reply, now)
        return None
    outcome = show_customer_by_id(ctx, workspace_id, user, customer_id, now)
    return Form({"trigger_id": reply.trigger_id, "modal": "customer_card",
                 "outcome": to_payload(outcome)})
