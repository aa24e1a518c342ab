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
    InboxRequest,
    Notification,
)


def claim_leased(session: Session,
                 model: type[Notification] | type[FollowUp] | type[ComplaintClock]
                 | type[InboxRequest], order: Any,
           now: datetime, lease: timedelta, limit: int, *ready: Any) -> Sequence[int]:
    """Lease up to `limit` ready rows to this worker; returns their ids.

    One UPDATE both picks and leases, so two workers can never hold the same row: on
    PostgreSQL the picking subquery skips rows another worker has locked, on SQLite the
    write lock serialises the statement.

    The pick is a materialised CTE: written as `id IN (SELECT ... LIMIT n FOR UPDATE SKIP
    LOCKED)`, PostgreSQL on a table without fresh statistics planned a nested-loop semi-join
    that ran the subquery again for every due row, each run skipping the rows the UPDATE had
    just changed, and one claim of 16 leased all 1,000 due reminders (bench/delivery.py:
    composing them held every answer 2.5 s).
    """
    free = or_(model.lease_until.is_(None), model.lease_until <= now)
    pick = (select(model.id).where(*ready, free).order_by(order, model.id).limit(limit)
            .with_for_update(skip_locked=True)
            .cte("pick").prefix_with("MATERIALIZED", dialect="postgresql"))
    stmt = (update(model)
            .where(model.id.in_(select(pick.c.id)), free, *ready)
            .values(lease_until=now + lease, attempts=model.attempts + 1)
            .returning(model.id)
            .execution_options(synchronize_session=False))
    return sorted(session.scalars(stmt).all())


def any_ready(session: Session,
              model: type[Notification] | type[FollowUp] | type[ComplaintClock]
              | type[InboxRequest], now: datetime, *ready: Any) -> bool:
    """Whether claim_leased would find a row now: a read, so a worker with nothing to do
    looks without taking SQLite's writer lock (a claim is an UPDATE, and took it even when it
    changed nothing)."""
    free = or_(model.lease_until.is_(None), model.lease_until <= now)
    return session.scalar(select(model.id).where(*ready, free).limit(1)) is not None


# The leased queues a process renews while it works on them, by the name its services use;
# each with what "still to do" means (a row finished meanwhile is never renewed).
NOTIFICATIONS, LOGS, INBOX = "notifications", "logs", "inbox"
_RENEWABLE: dict[str, tuple[type[Notification] | type[FollowUp] | type[InboxRequest], Any]] = {
    NOTIFICATIONS: (Notification, Notification.status == "pending"),
    LOGS: (FollowUp, FollowUp.status == "received"),
    INBOX: (InboxRequest, InboxRequest.status == "received"),
}


class Claims:
    """Renewing the leases this process holds."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def renew(self, kind: str, ids: Sequence[int], old: datetime,
              new: datetime) -> Sequence[int]:
        """Move the lease of rows still carrying token `old` (and still to do) to `new`;
        returns the ids renewed. A row another process claimed after the lease ran out
        carries its token, not `old`, and is left alone."""
        model, still_to_do = _RENEWABLE[kind]
        stmt = (update(model)
                .where(model.id.in_(list(ids)), model.lease_until == old, still_to_do)
                .values(lease_until=new)
                .returning(model.id)
                .execution_options(synchronize_session=False))
        return sorted(self.s.scalars(stmt).all())
