"""Buttons and menus on a customer: open its card."""

from __future__ import annotations

from datetime import datetime

from bot.services.context import ServiceContext
from bot.services.customers import show_customer_by_id
from bot.services.interactions import Reply, open_customer
from bot.services.outbox import OPEN_MODAL, queue
from bot.services.views import Outcome, to_payload


def open_card(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
              reply: Reply, now: datetime) -> Outcome:
    """The customer's card, for someone allowed to see it: pushed over the form it was asked
    from (a trigger), or posted where the button was (a response_url)."""
    if reply.trigger_id is None:
        return open_customer(ctx, workspace_id, user, customer_id, reply, now)
    outcome = show_customer_by_id(ctx, workspace_id, user, customer_id, now)
    with ctx.uow() as uow:
        queue(ctx, uow, workspace_id=workspace_id, kind=OPEN_MODAL, recipient=user, now=now,
              payload={"trigger_id": reply.trigger_id, "modal": "customer_card",
                       "outcome": to_payload(outcome)})
        uow.commit()
    return outcome
