"""The owner's part of their morning message (bot/services/logs/questions.py): their
prospects whose return warning went out and that have not returned yet, soonest end first,
each with the warning's buttons (Log a follow-up, Ask the lead for more time)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import Any

from store.uow import UnitOfWork

# Prospects named in one morning message, each a sentence and two buttons (Slack takes 50
# blocks a message, and the questions come first); the rest are counted.
RETURNING_LISTED = 5
# Warned prospects read per team at a time: those a few days from their end, a small number.
WARNED_READ = 1000

Owned = dict[tuple[str, str], list[dict[str, Any]]]  # (workspace, owner) -> prospects


def warned_by_owner(uow: UnitOfWork, team: str | None,
                    owners: Collection[str] | None = None) -> Owned:
    """The warned prospects of a team's pool (None: of owners in no team) by workspace and
    owner, soonest end first; only those of `owners` when given."""
    found: Owned = defaultdict(list)
    for state, customer in uow.pool.warned(team, WARNED_READ):
        if state.protected_until is None or (owners is not None and
                                             customer.owner_id not in owners):
            continue
        found[(customer.workspace_id, customer.owner_id)].append(
            {"customer_id": customer.id, "customer": customer.name,
             "until": state.protected_until.isoformat(), "reason": state.ends_by})
    return found


def still_warned(uow: UnitOfWork, workspace_id: str, owner: str,
                 listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The listed prospects that still return to `owner` at the end they were warned of (a
    win, a follow-up that pushed the end back, a claim, a reassignment or the return itself
    since leaves one out), as they are named now."""
    ids = [int(p["customer_id"]) for p in listed]
    states = uow.pool.states(ids)
    customers = {c.id: c for c in uow.customers.by_ids(ids)}
    kept = []
    for p in listed:
        cid = int(p["customer_id"])
        state, customer = states.get(cid), customers.get(cid)
        if state is None or customer is None or customer.workspace_id != workspace_id or \
                customer.owner_id != owner or state.in_pool_since is not None or \
                state.warned_at is None or \
                state.protected_until != datetime.fromisoformat(p["until"]):
            continue
        kept.append({**p, "customer": customer.name})
    return kept
