"""Care dates on customers, loss reasons and "lost?" proposals. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.aftersale_models import CustomerCareDate, LossProposal, LossRecord
from store.repositories.revisits import add_once


class CareDates:
    def __init__(self, session: Session) -> None:
        self.s = session

    def for_customer(self, customer_id: int) -> Sequence[CustomerCareDate]:
        return self.s.scalars(select(CustomerCareDate).where(
            CustomerCareDate.customer_id == customer_id)
            .order_by(CustomerCareDate.month, CustomerCareDate.day, CustomerCareDate.id)).all()

    def find(self, customer_id: int, kind: str, label: str) -> CustomerCareDate | None:
        return self.s.scalar(select(CustomerCareDate).where(
            CustomerCareDate.customer_id == customer_id, CustomerCareDate.kind == kind,
            CustomerCareDate.label == label))

    def put(self, row: CustomerCareDate) -> CustomerCareDate:
        """Store the date, or change the one of the same kind and label (a birthday given
        again is corrected, not doubled); a race with another writer changes the winner's."""
        for _ in range(2):
            found = self.find(row.customer_id, row.kind, row.label)
            if found is not None:
                found.month, found.day, found.year = row.month, row.day, row.year
                found.source, found.follow_up_id = row.source, row.follow_up_id
                found.check_at, found.updated_at = row.check_at, row.updated_at
                return found
            if add_once(self.s, row):
                return row
        raise RuntimeError("the care date was written and removed meanwhile")

    def due(self, now: datetime, limit: int = 200) -> Sequence[CustomerCareDate]:
        """Dates whose next check has come (the sweep; rows locked are another bot's)."""
        return self.s.scalars(
            select(CustomerCareDate).where(CustomerCareDate.check_at.is_not(None),
                                           CustomerCareDate.check_at <= now)
            .order_by(CustomerCareDate.check_at).limit(limit)
            .with_for_update(skip_locked=True)).all()


class Losses:
    def __init__(self, session: Session) -> None:
        self.s = session

    def record(self, row: LossRecord) -> bool:
        """Keep a loss reason; False when the move or win-back task it answers has one."""
        return add_once(self.s, row)

    def for_customer(self, customer_id: int) -> Sequence[LossRecord]:
        return self.s.scalars(select(LossRecord).where(LossRecord.customer_id == customer_id)
                              .order_by(LossRecord.at, LossRecord.id)).all()

    def reasons_between(self, workspace_id: str, start: datetime,
                        end: datetime) -> Sequence[str]:
        """The reasons recorded from `start` up to `end` (the figures)."""
        return self.s.scalars(select(LossRecord.reason).where(
            LossRecord.workspace_id == workspace_id, LossRecord.at >= start,
            LossRecord.at < end)).all()

    def propose(self, row: LossProposal) -> bool:
        """Record a proposal; False when this quiet spell was proposed already."""
        return add_once(self.s, row)

    def proposal(self, workspace_id: str, proposal_id: int) -> LossProposal | None:
        found = self.s.get(LossProposal, proposal_id)
        return found if found is not None and found.workspace_id == workspace_id else None

    def kept_active(self, customer_ids: Sequence[int]) -> dict[int, datetime]:
        """When each customer's owner last answered "Still active" (a new quiet spell)."""
        if not customer_ids:
            return {}
        rows = self.s.execute(select(LossProposal.customer_id, func.max(LossProposal.answered_at))
                              .where(LossProposal.customer_id.in_(customer_ids),
                                     LossProposal.answer == "active")
                              .group_by(LossProposal.customer_id))
        return {cid: at for cid, at in rows if at is not None}
