"""The owner after the sale (docs/pool.md, `pool.after_sale`): on a win the customer passes
from its seller to the configured service team's least-loaded member, recorded in its
ownership history like any reassignment. The seller stays on its list (shared) and keeps the
tasks they promised; the new owner is sent the brief."""

from __future__ import annotations

from datetime import datetime

from bot.domain.pool_claims import after_sale_owner
from bot.services.context import ServiceContext
from bot.services.pool.briefs import AFTER_SALE, tell_new_owner
from bot.services.pool.terms import owner_term
from store.models import Customer
from store.uow import UnitOfWork


def pass_after_sale(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, actor: str,
                    now: datetime) -> str | None:
    """Give a customer just won to the service team when the configuration says so; the new
    owner, or None when the seller keeps it (`after_sale: keep`, already in that team, or
    nobody owns it)."""
    name = ctx.directory.pool.after_sale_team
    team = next((t for t in ctx.directory.teams if t.name == name), None)
    seller = uow.customers.people_on(customer).owner
    if team is None or seller is None:
        return None
    members = (*team.members, team.lead)
    held = {m: uow.customer_people.owned_count(customer.workspace_id, m) for m in members}
    owner = after_sale_owner(seller, team, held)
    if owner == seller:
        return None
    term = owner_term(ctx, owner, now, now, None, customer.stage)  # won: no term runs
    uow.pool.assign(customer, owner, actor, term, team.name, now, AFTER_SALE,
                    keep_previous=True, move_tasks=False)
    tell_new_owner(ctx, uow, [customer], owner, seller, actor, AFTER_SALE, now)
    return owner
