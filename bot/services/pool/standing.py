"""Whose a customer is, shown to someone about to work it (the duplicate warning of
`/customer new`, a log naming someone else's customer): owned and protected until when, or in
which pool since when. Read in the caller's unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.services.context import ServiceContext
from bot.services.views import FollowUpView, Ownership
from store.models import Customer
from store.uow import UnitOfWork


def standings(ctx: ServiceContext, uow: UnitOfWork, customers: Sequence[Customer]
              ) -> dict[int, Ownership]:
    """Each customer's owner and term, or its pool: one query for all of them."""
    states = uow.pool.states([c.id for c in customers])
    found: dict[int, Ownership] = {}
    for customer in customers:
        state = states.get(customer.id)
        pooled = state is not None and state.in_pool_since is not None
        team = next((t for t in ctx.directory.teams if state and t.name == state.team),
                    None) if pooled else ctx.directory.team_of(customer.owner_id)
        tz = team.timezone if team else ctx.default_tz
        if pooled and state is not None:
            found[customer.id] = Ownership(
                customer=customer.name, owner=None, pool_team=state.team,
                in_pool_since=state.in_pool_since, was=state.returned_from, tz=tz)
        else:
            found[customer.id] = Ownership(
                customer=customer.name, owner=customer.owner_id,
                protected_until=state.protected_until if state else None, tz=tz)
    return found


def with_standing(ctx: ServiceContext, uow: UnitOfWork, view: FollowUpView,
                  customer: Customer | None) -> FollowUpView:
    """The log's reply says whose its customer is when that is not its author's own."""
    if customer is None:
        return view
    standing = standings(ctx, uow, [customer])[customer.id]
    return view if standing.owner == view.author_id else replace(view, ownership=standing)
