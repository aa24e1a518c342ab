"""The buttons under a return warning: how to log a follow-up, and asking the lead for more
time (the lead gets a DM with a button that restarts the owner's term)."""

from __future__ import annotations

from datetime import datetime

from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.interactions import Reply
from bot.services.language import answer_language
from bot.services.pool.views import PoolAnswer, answer_click
from bot.services.unit import one_unit_of_work
from store.uow import UnitOfWork

POOL_MORE_TIME = "pool_more_time"  # to the owner's lead: the owner asks for more time


@one_unit_of_work
def warning_button(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
                   verb: str, reply: Reply, now: datetime) -> PoolAnswer:
    """`log`: how to log a follow-up on it; `more_time`: ask the owner's lead, once per term
    end. Only the owner may ask."""
    with ctx.uow() as uow:
        answer = _decide(ctx, uow, workspace_id, user, customer_id, verb, now)
        answer_click(ctx, uow, workspace_id, user, reply, answer, now)
        uow.commit()
        return answer


def _decide(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
            customer_id: int, verb: str, now: datetime) -> PoolAnswer:
    lang = answer_language(ctx, user, uow=uow)
    customer = uow.customers.get(workspace_id, customer_id)
    state = uow.pool.state(customer_id)
    if customer is None or state is None:
        return PoolAnswer("not_found", lang)
    if customer.owner_id != user or state.protected_until is None:
        return PoolAnswer("not_yours", lang, customer.name)
    if verb == "log":
        return PoolAnswer("how_to_log", lang, customer.name)
    lead = ctx.directory.lead_of(user)
    if lead is None:
        return PoolAnswer("no_lead", lang, customer.name)
    team = ctx.directory.team_of(user)
    until = state.protected_until
    queue(ctx, uow, workspace_id=workspace_id, kind=POOL_MORE_TIME, recipient=lead, now=now,
          dedupe_key=f"pool:more:{customer_id}:{until.isoformat()}",
          payload={"customer_id": customer_id, "customer": customer.name, "owner": user,
                   "until": until.isoformat(), "tz": team.timezone if team else "UTC",
                   "lang": answer_language(ctx, lead, uow=uow)})
    return PoolAnswer("asked_more_time", lang, customer.name, who=lead)
