"""The new owner's message: which customers are theirs now, each with its brief (a lead's
reassignment, a handover, a new term, the service team after the sale)."""

from __future__ import annotations

from datetime import datetime

from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.language import answer_language
from store.models import Customer
from store.uow import UnitOfWork

POOL_ASSIGNED = "pool_assigned"  # to the new owner: these customers are yours now, with briefs
AFTER_SALE = "after_sale"
BRIEFS_SHOWN = 30  # customers named in one DM; a longer handover says how many more


def tell_new_owner(ctx: ServiceContext, uow: UnitOfWork, customers: list[Customer], to: str,
                   previous: str | None, actor: str, reason: str, now: datetime,
                   *, even_to_actor: bool = False) -> None:
    """One DM to the new owner with each customer's brief (none when they gave it to
    themself, unless `even_to_actor`: a customer that came back by an Undo)."""
    if to == actor and not even_to_actor:
        return  # a lead who takes a customer themself needs no message about it
    first = customers[0]
    briefs = [{"id": c.id, "name": c.name, "stage": c.stage, "tier": c.value_tier,
               "likelihood": c.likelihood} for c in customers[:BRIEFS_SHOWN]]
    queue(ctx, uow, workspace_id=first.workspace_id, kind=POOL_ASSIGNED, recipient=to, now=now,
          dedupe_key=f"pool:assigned:{to}:{first.id}:{now.isoformat()}",
          payload={"customers": briefs, "more": max(0, len(customers) - BRIEFS_SHOWN),
                   "from": previous, "by": actor, "reason": reason,
                   "lang": answer_language(ctx, to, uow=uow)})
