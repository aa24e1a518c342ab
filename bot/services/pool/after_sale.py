"""The owner after the sale (docs/pool.md, `pool.after_sale`): on a win the customer passes
from its seller to the configured service team's least-loaded member, recorded in its
ownership history like any reassignment. The seller stays on its list (shared) and keeps the
tasks they promised; the new owner is sent the brief. Undo of the win gives it back."""

from __future__ import annotations

from datetime import datetime

from bot.domain.pool_claims import after_sale_owner
from bot.domain.pool_figures import CLAIM, REASSIGN, RETURN
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.language import answer_language
from bot.services.pool.briefs import AFTER_SALE, tell_new_owner
from bot.services.pool.terms import owner_term
from store.models import ClassificationChange, Customer
from store.uow import UnitOfWork

WIN_UNDONE = "win_undone"  # the reason of the reassignment that gives a customer back
POOL_TAKEN_BACK = "pool_taken_back"  # to the service rep: the win was undone, it went back


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


def undo_after_sale(ctx: ServiceContext, uow: UnitOfWork, customer: Customer,
                    win: ClassificationChange, actor: str, now: datetime) -> str | None:
    """Undo of a win: the hand-over it made goes back to the seller, unless the customer
    changed hands since (then that owner keeps it). Open tasks go back with it, the service
    rep leaves its list, both are told. The seller given back, or None."""
    moves = [e for e in uow.ownership.history(customer.id) if e.kind in (CLAIM, RETURN, REASSIGN)]
    last = moves[-1] if moves else None
    if last is None or last.reason != AFTER_SALE or last.at != win.at or last.from_user is None \
            or last.to_user is None or uow.customers.people_on(customer).owner != last.to_user:
        return None
    seller, service = last.from_user, last.to_user
    term = owner_term(ctx, seller, now, None, None, customer.stage)
    team = ctx.directory.team_of(seller)
    uow.pool.assign(customer, seller, actor, term, team.name if team else None, now,
                    WIN_UNDONE)
    tell_new_owner(ctx, uow, [customer], seller, service, actor, WIN_UNDONE, now,
                   even_to_actor=True)  # an Undo of a log does not say who owns it now
    if service != actor:
        queue(ctx, uow, workspace_id=customer.workspace_id, kind=POOL_TAKEN_BACK,
              recipient=service, now=now, dedupe_key=f"{POOL_TAKEN_BACK}:{win.id}",
              payload={"customer": customer.name, "owner": seller, "by": actor,
                       "lang": answer_language(ctx, service, customer.name)})
    return seller
