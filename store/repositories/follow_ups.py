"""Follow-up records (the call log). They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Subquery, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from store.models import (
    Customer,
    FollowUp,
)
from store.repositories.claims import claim_leased


class LastContact(NamedTuple):
    """A customer's newest recorded log, as the nightly review reads it."""

    customer_id: int
    created_at: datetime
    next_step: str | None
    due_at: datetime | None


class FollowUps:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, workspace_id: str, follow_up_id: int) -> FollowUp | None:
        found = self.s.get(FollowUp, follow_up_id)
        return found if found is not None and found.workspace_id == workspace_id else None

    def recent_for_customer(self, workspace_id: str, customer_id: int,
                            limit: int = 5) -> Sequence[FollowUp]:
        return self.s.scalars(select(FollowUp).where(
            FollowUp.workspace_id == workspace_id, FollowUp.customer_id == customer_id,
            FollowUp.status == "recorded").order_by(FollowUp.created_at.desc(),
                                                   FollowUp.id.desc()).limit(limit)).all()

    def newest_for_customers(self, customer_ids: Sequence[int]) -> dict[int, FollowUp]:
        """Each customer's newest recorded log (its last contact), by customer id."""
        if not customer_ids:
            return {}
        ranked = _newest(customer_ids)
        rows = self.s.scalars(select(FollowUp).join(ranked, ranked.c.id == FollowUp.id)
                              .where(ranked.c.rank == 1)).all()
        return {row.customer_id: row for row in rows if row.customer_id is not None}

    def last_contacts(self, customer_ids: Sequence[int]) -> dict[int, LastContact]:
        """Each customer's newest recorded log (its last contact), as plain rows."""
        if not customer_ids:
            return {}
        ranked = _newest(customer_ids)
        rows = self.s.execute(
            select(FollowUp.customer_id, FollowUp.created_at, FollowUp.next_step,
                   FollowUp.due_at).join(ranked, ranked.c.id == FollowUp.id)
            .where(ranked.c.rank == 1))
        return {cid: LastContact(cid, at, step, due) for cid, at, step, due in rows
                if cid is not None}

    def recorded_by_authors(self, authors: Sequence[str], since: datetime, until: datetime
                            ) -> Sequence[tuple[FollowUp, str | None]]:
        """Logs these people recorded in [since, until), oldest first, with the customer's
        name."""
        if not authors:
            return []
        rows = self.s.execute(
            select(FollowUp, Customer.name)
            .outerjoin(Customer, Customer.id == FollowUp.customer_id)
            .where(FollowUp.author_id.in_(authors), FollowUp.status == "recorded",
                   FollowUp.created_at >= since, FollowUp.created_at < until)
            .order_by(FollowUp.created_at, FollowUp.id))
        return [(row, name) for row, name in rows]

    def by_source_key(self, workspace_id: str, source_key: str) -> FollowUp | None:
        return self.s.scalars(select(FollowUp).where(
            FollowUp.workspace_id == workspace_id, FollowUp.source_key == source_key)).first()

    def claim_received(self, now: datetime, lease: timedelta, limit: int) -> Sequence[int]:
        """Lease up to `limit` stored-but-unread logs to this worker; returns their ids."""
        return claim_leased(self.s, FollowUp, FollowUp.created_at, now, lease, limit,
                      FollowUp.status == "received")

    def insert_unless_seen(self, values: dict[str, Any]) -> int | None:
        """Insert a record in one statement; None when its source key is already stored
        (a Slack retry, a double submission, or a concurrent delivery that won the race)."""
        dialect = self.s.get_bind().dialect.name
        insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
        stmt = (insert(FollowUp).values(**values)
                .on_conflict_do_nothing(index_elements=["workspace_id", "source_key"])
                .returning(FollowUp.id))
        found = self.s.scalar(stmt)
        return int(found) if found is not None else None


def _newest(customer_ids: Sequence[int]) -> Subquery:
    """Recorded logs of these customers ranked newest first per customer (rank 1: the last
    contact)."""
    rank = func.row_number().over(
        partition_by=FollowUp.customer_id,
        order_by=(FollowUp.created_at.desc(), FollowUp.id.desc())).label("rank")
    return (select(FollowUp.id, rank).where(
        FollowUp.customer_id.in_(customer_ids), FollowUp.status == "recorded").subquery())
