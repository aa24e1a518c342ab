"""Follow-up records (the call log). They never commit."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, ScalarSelect, Table, and_, func, select
from sqlalchemy.orm import Session

from store.models import (
    Customer,
    FollowUp,
    Person,
)
from store.repositories.claims import any_ready, claim_leased
from store.repositories.new_rows import NewRows


def contact_time() -> ColumnElement[datetime]:
    """When a log's contact happened, in SQL (FollowUp.contact_at): a customer has few logs,
    so ordering them by it after the index found them costs little."""
    return func.coalesce(FollowUp.happened_at, FollowUp.created_at)


def last_log_id() -> ScalarSelect[int]:
    """The id of the newest recorded log of the customer in the enclosing query: one probe of
    ix_follow_ups_customer per customer, instead of ranking every log of every customer."""
    return (select(FollowUp.id).where(FollowUp.customer_id == Customer.id,
                                      FollowUp.status == "recorded")
            .order_by(contact_time().desc(), FollowUp.id.desc()).limit(1)
            .correlate(Customer).scalar_subquery())


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
            FollowUp.status == "recorded").order_by(contact_time().desc(),
                                                   FollowUp.id.desc()).limit(limit)).all()

    def texts_since(self, customer_id: int, since: datetime) -> Sequence[tuple[datetime, str]]:
        """A customer's recorded logs from `since` on, newest first: when, and what was typed."""
        rows = self.s.execute(
            select(FollowUp.created_at, FollowUp.raw_text)
            .where(FollowUp.customer_id == customer_id, FollowUp.status == "recorded",
                   FollowUp.created_at >= since)
            .order_by(FollowUp.created_at.desc(), FollowUp.id.desc()))
        return [(at, text) for at, text in rows]

    def newest_for_customers(self, customer_ids: Sequence[int]) -> dict[int, FollowUp]:
        """Each customer's newest recorded log (its last contact), by customer id."""
        if not customer_ids:
            return {}
        newest = (select(Customer.id.label("customer_id"), last_log_id().label("id"))
                  .where(Customer.id.in_(customer_ids)).subquery())
        rows = self.s.scalars(select(FollowUp).join(newest, newest.c.id == FollowUp.id)).all()
        return {row.customer_id: row for row in rows if row.customer_id is not None}

    def recorded_by_authors(self, authors: Sequence[str], since: datetime, until: datetime
                            ) -> Sequence[tuple[FollowUp, str | None]]:
        """Logs these people recorded in [since, until), oldest first, with the customer's
        name."""
        if not authors:
            return []
        name = (select(Customer.name).where(Customer.id == FollowUp.customer_id)
                .correlate(FollowUp).scalar_subquery())  # by primary key, per log
        rows = self.s.execute(
            select(FollowUp, name)
            .where(FollowUp.author_id.in_(authors), FollowUp.status == "recorded",
                   FollowUp.created_at >= since, FollowUp.created_at < until)
            .order_by(FollowUp.created_at, FollowUp.id))
        return [(row, name) for row, name in rows]

    def waiting_for_customer(self, authors: Sequence[str]) -> Sequence[FollowUp]:
        """These people's logs still asking "which customer?", newest first (found through
        ix_follow_ups_author: a rep's own logs, once a day)."""
        if not authors:
            return []
        return self.s.scalars(select(FollowUp).where(
            FollowUp.author_id.in_(authors), FollowUp.status == "needs_customer")
            .order_by(FollowUp.author_id, FollowUp.created_at.desc(), FollowUp.id.desc())).all()

    def authors_waiting_outside(self, members: Collection[str]
                                ) -> Sequence[tuple[str, str, str | None]]:
        """(workspace, author, the author's known zone) for everyone but `members` whose logs
        still ask "which customer?" (ix_follow_ups_waiting: only the waiting logs are read)."""
        query = (select(FollowUp.workspace_id, FollowUp.author_id, Person.tz).distinct()
                 .outerjoin(Person, and_(Person.workspace_id == FollowUp.workspace_id,
                                         Person.user_id == FollowUp.author_id))
                 .where(FollowUp.status == "needs_customer"))
        if members:
            query = query.where(FollowUp.author_id.not_in(sorted(members)))
        return [(ws, author, tz) for ws, author, tz in self.s.execute(query)]

    def by_source_key(self, workspace_id: str, source_key: str) -> FollowUp | None:
        return self.s.scalars(select(FollowUp).where(
            FollowUp.workspace_id == workspace_id, FollowUp.source_key == source_key)).first()

    def claim_received(self, now: datetime, lease: timedelta, limit: int) -> Sequence[int]:
        """Lease up to `limit` stored-but-unread logs to this worker; returns their ids."""
        return claim_leased(self.s, FollowUp, FollowUp.created_at, now, lease, limit,
                      FollowUp.status == "received")

    def any_received(self, now: datetime) -> bool:
        """Whether claim_received would find a log to read now (a read)."""
        return any_ready(self.s, FollowUp, now, FollowUp.status == "received")

    def insert_unless_seen(self, values: dict[str, Any]) -> int | None:
        """Insert a record in one statement; None when its source key is already stored
        (a Slack retry, a double submission, or a concurrent delivery that won the race)."""
        return NEW_LOGS.insert(self.s.connection(), [values])[0]


# The acknowledgement's INSERT: a log stored once per Slack message.
NEW_LOGS = NewRows(cast(Table, FollowUp.__table__), ("workspace_id", "source_key"))
