"""Leased claims shared by the queues (received logs, notifications). They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from store.models import (
    ComplaintClock,
    FollowUp,
    Notification,
)


def claim_leased(session: Session,
                 model: type[Notification] | type[FollowUp] | type[ComplaintClock], order: Any,
           now: datetime, lease: timedelta, limit: int, *ready: Any) -> Sequence[int]:
    """Lease up to `limit` ready rows to this worker; returns their ids.

    One UPDATE both picks and leases, so two workers can never hold the same row: on
    PostgreSQL the picking subquery skips rows another worker has locked, on SQLite the
    write lock serialises the statement.
    """
    free = or_(model.lease_until.is_(None), model.lease_until <= now)
    pick = (select(model.id).where(*ready, free).order_by(order, model.id).limit(limit)
            .with_for_update(skip_locked=True))
    stmt = (update(model)
            .where(model.id.in_(pick.scalar_subquery()), free, *ready)
            .values(lease_until=now + lease, attempts=model.attempts + 1)
            .returning(model.id)
            .execution_options(synchronize_session=False))
    return sorted(session.scalars(stmt).all())
