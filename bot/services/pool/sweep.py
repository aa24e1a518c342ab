"""The return sweep (docs/pool.md): owners are warned before a prospect returns to their
team's pool, and it returns when its protection runs out, with the reason.

Each warning and each return is recorded under its key in the same transaction as its message
is queued (bot/domain/pool.py): a restart, a repeated sweep or a second copy of the bot never
warns twice nor returns twice. One unit of work per batch; PostgreSQL hands two copies
different rows (SKIP LOCKED).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.pool import RETURN, WARN, due, next_check, return_key, warn_key
from bot.domain.pool_figures import unworked
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.language import answer_language
from bot.services.ports import Composed
from bot.services.walks import sweep_in_batches
from store.models import Customer, Notification
from store.pool_models import PoolState
from store.uow import UnitOfWork

POOL_WARNING = "pool_warning"  # to the owner: it returns on …, with Log / Ask for more time
POOL_RETURNED = "pool_returned"  # to the owner: it went back to the pool, and why


def sweep_pool(ctx: ServiceContext, now: datetime, batch: int = 200) -> int:
    """Warn and return what is due; how many warnings and returns were made."""
    def one_batch(uow: UnitOfWork) -> tuple[int, int]:
        found = uow.pool.due(now, batch)
        customers = {c.id: c for c in uow.customers.by_ids([s.customer_id for s in found])}
        return len(found), sum(_sweep_one(ctx, uow, state, customers[state.customer_id], now)
                               for state in found)

    return sweep_in_batches(ctx, now, batch, one_batch)


def _sweep_one(ctx: ServiceContext, uow: UnitOfWork, state: PoolState, customer: Customer,
               now: datetime) -> int:
    assert state.protected_until is not None
    owner = customer.owner_id
    action = due(state.protected_until, state.warn_at, state.warned_at, now)
    if action == WARN:
        if not uow.pool.warn(state, owner, now):
            return 0  # warned of this very end already (by us before a restart, or a copy)
        team = ctx.directory.team_of(owner)
        queue(ctx, uow, workspace_id=customer.workspace_id, kind=POOL_WARNING, recipient=owner,
              now=now, dedupe_key=warn_key(customer.id, state.protected_until),
              payload={"customer_id": customer.id, "customer": customer.name,
                       "until": state.protected_until.isoformat(), "reason": state.ends_by,
                       "tz": team.timezone if team else ctx.default_tz,
                       "lang": answer_language(ctx, owner, uow=uow)})
        return 1
    if action == RETURN:
        assert state.owner_since is not None
        since = state.owner_since
        last = uow.follow_ups.newest_for_customers([customer.id]).get(customer.id)
        idle = unworked(since, now, [last.contact_at] if last else [])
        reason = state.ends_by
        if not uow.pool.return_to_pool(state, customer, now, idle):
            state.check_at = None  # this term went back once already: never again
            return 0
        queue(ctx, uow, workspace_id=customer.workspace_id, kind=POOL_RETURNED,
              recipient=owner, now=now, dedupe_key=return_key(customer.id, since),
              payload={"customer": customer.name, "reason": reason, "team": state.team,
                       "lang": answer_language(ctx, owner, uow=uow)})
        return 1
    # Looked at too early (its term moved since the look was stored): look again when due.
    state.check_at = next_check(state.protected_until, state.warn_at, state.warned_at)
    return 0


def warning_holds(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                  payload: dict[str, Any], now: datetime) -> Composed | None:
    """A warning still worth sending: the same owner, the same end (a win, a claim or a
    reassignment since it was queued makes it moot)."""
    state = uow.pool.state(int(payload["customer_id"]))
    customer = uow.customers.get(note.workspace_id, int(payload["customer_id"]))
    if state is None or customer is None or customer.owner_id != note.recipient or \
            state.protected_until != datetime.fromisoformat(payload["until"]):
        return None
    return Composed(payload)
