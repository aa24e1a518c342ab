"""The inbox: requests stored before Slack is answered, claimed by a worker after. Never
commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from store.models import InboxRequest
from store.repositories.claims import any_ready, claim_leased
from store.repositories.new_rows import NewRows


class Inbox:
    """Requests waiting for the work they ask for."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def insert_unless_seen(self, values: dict[str, Any]) -> int | None:
        """Store a request in one statement; None when its source key is already stored (a
        Slack retry, a double submission, or a concurrent delivery that won the race)."""
        return NEW_REQUESTS.insert(self.s.connection(), [values])[0]

    def claim_received(self, kinds: Sequence[str], now: datetime, lease: timedelta,
                       limit: int) -> Sequence[int]:
        """Lease up to `limit` stored requests of these kinds not yet done to this worker;
        their ids."""
        return claim_leased(self.s, InboxRequest, InboxRequest.created_at, now, lease, limit,
                            InboxRequest.status == "received", InboxRequest.kind.in_(kinds))

    def any_received(self, kinds: Sequence[str], now: datetime) -> bool:
        """Whether claim_received would find a request of these kinds now (a read)."""
        return any_ready(self.s, InboxRequest, now, InboxRequest.status == "received",
                         InboxRequest.kind.in_(kinds))

    def prune_finished(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` requests done or given up before `before`; how many."""
        finished = select(InboxRequest.id).where(
            InboxRequest.status.in_(("done", "failed")), InboxRequest.updated_at < before
        ).order_by(InboxRequest.id).limit(limit)
        ids = list(self.s.scalars(finished))
        if ids:
            self.s.execute(delete(InboxRequest).where(InboxRequest.id.in_(ids)))
        return len(ids)

    def get(self, request_id: int) -> InboxRequest | None:
        """One stored request by id."""
        return self.s.get(InboxRequest, request_id)


# The acknowledgement's INSERT: a request stored once per Slack request.
NEW_REQUESTS = NewRows(cast(Table, InboxRequest.__table__),
                       ("workspace_id", "kind", "source_key"))
