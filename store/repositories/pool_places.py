"""Customers' pool states as one unit of work sees them: the list check, the worker note and
the reply's standing all ask about the customer a log names, and it is read once."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.memo import remembered
from store.pool_models import PoolState


def pool_states(session: Session, customer_ids: Iterable[int]) -> dict[int, PoolState]:
    """The pool states of these customers that have one, by customer id."""
    ids = tuple(sorted(set(customer_ids)))
    if not ids:
        return {}

    def read() -> dict[int, PoolState]:
        rows = session.scalars(select(PoolState).where(PoolState.customer_id.in_(ids)))
        return {row.customer_id: row for row in rows}

    return dict(remembered(session, ("pool_states", ids), read, watch=(PoolState,)))
