"""What a person's Home tab lists that no other repository reads: their open A deals and
their prospects about to return to the pool. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.review import CLOSED_STAGES
from store.models import Complaint, Customer, Notification
from store.pool_models import PoolState
from store.repositories.customers import open_deal


class HomeRows:
    def __init__(self, session: Session) -> None:
        self.s = session

    def a_deals(self, workspace_id: str, owner: str) -> list[tuple[int, str, str | None,
                                                                   datetime]]:
        """The owner's open A deals: id, name, stage, and when the file was made."""
        rows = self.s.execute(
            select(Customer.id, Customer.name, Customer.stage, Customer.created_at).where(
                Customer.workspace_id == workspace_id, Customer.owner_id == owner,
                Customer.likelihood == "A", open_deal(CLOSED_STAGES))
            .order_by(Customer.name, Customer.id))
        return [(cid, name, stage, made) for cid, name, stage, made in rows]

    def returning(self, workspace_id: str, owner: str, until: datetime
                  ) -> list[tuple[int, str, datetime]]:
        """The owner's prospects whose protection ends by `until`, soonest first."""
        rows = self.s.execute(
            select(Customer.id, Customer.name, PoolState.protected_until)
            .join(PoolState, PoolState.customer_id == Customer.id)
            .where(Customer.workspace_id == workspace_id, Customer.owner_id == owner,
                   PoolState.in_pool_since.is_(None), PoolState.protected_until.is_not(None),
                   PoolState.protected_until <= until)
            .order_by(PoolState.protected_until, Customer.id))
        return [(cid, name, at) for cid, name, at in rows if at is not None]

    def open_complaints(self, workspace_id: str, owner: str) -> Sequence[Complaint]:
        """Complaints the person owns that are not resolved, oldest first."""
        return self.s.scalars(select(Complaint).where(
            Complaint.workspace_id == workspace_id, Complaint.owner_id == owner,
            Complaint.status != "resolved").order_by(Complaint.created_at)).all()

    def latest_chart_file(self, workspace_id: str, channel: str, kind: str) -> str | None:
        """The Slack file id of the latest chart uploaded into this channel, if any."""
        payloads = self.s.scalars(
            select(Notification.payload)
            .where(Notification.workspace_id == workspace_id, Notification.kind == kind,
                   Notification.recipient == channel, Notification.status == "sent")
            .order_by(Notification.sent_at.desc(), Notification.id.desc()).limit(5))
        return next((str(p["file_id"]) for p in payloads if p and p.get("file_id")), None)
