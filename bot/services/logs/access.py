"""Whether a log may be attached to the customer it names; holding it, for the customer's
owner to share, when it may not; and the customers a log's buttons may pick."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from bot.domain import access
from bot.domain.log_moves import find_moves
from bot.domain.sharing import offered_ids, offered_text
from bot.services.context import ServiceContext
from bot.services.pool.standing import with_standing
from bot.services.views import FollowUpView, follow_up_view
from store.models import Customer, FollowUp
from store.uow import UnitOfWork

HELD = "needs_share"


def may_attach(ctx: ServiceContext, uow: UnitOfWork, author: str, customer: Customer) -> bool:
    """Whether `author`'s log may be attached to `customer` without its owner's say."""
    return access.may_attach(ctx.directory, author, uow.customers.people_on(customer))


def hold(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, customer: Customer,
         now: datetime) -> FollowUpView:
    """Keep the log unattached, for `customer`'s owner to decide: nothing it says is applied."""
    row.customer_id, row.status, row.updated_at = None, HELD, now
    row.offered_customers = offered_text([customer.id])
    return held_view(ctx, uow, row, customer)


def held_view(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp,
              customer: Customer) -> FollowUpView:
    """The held log as its author and the owner see it: who decides (the owner, or the pool
    team's lead while it is pooled), and the moves it states that were not made."""
    refused = tuple(f"{m.axis} → {m.value}" for m in find_moves(row.raw_text, customer.name))
    decider = access.decider(ctx.directory, uow.customers.people_on(customer),
                             customer.owner_id)
    return replace(with_standing(ctx, uow, follow_up_view(row, customer, None), customer),
                   held_by=decider, refused_moves=refused)


def held_for(uow: UnitOfWork, row: FollowUp) -> Customer | None:
    """The customer a held log waits for."""
    ids = offered_ids(row.offered_customers)
    if row.status != HELD or len(ids) != 1:
        return None
    return uow.customers.get(row.workspace_id, next(iter(ids)))


def offer(row: FollowUp, suggestions: Iterable[tuple[int, str]]) -> None:
    """Remember which customers the reply offers, so a click can be checked against them."""
    row.offered_customers = offered_text(customer_id for customer_id, _ in suggestions)


def was_offered(row: FollowUp, customer_id: int) -> bool:
    """Whether the bot offered this customer for this log (a button's value is user input)."""
    return customer_id in offered_ids(row.offered_customers)
