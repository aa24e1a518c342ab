"""Care dates on customers, loss reasons and "lost?" proposals. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session

from store.aftersale_models import CustomerCareDate, LossProposal, LossRecord
from store.models import ClassificationChange, Customer, FollowUp
from store.pool_models import PoolState
from store.repositories.follow_ups import contact_time
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
                if (found.source, found.follow_up_id) != (row.source, row.follow_up_id):
                    # Another way in corrects it: what it was is kept for an Undo.
                    found.replaced = [*(found.replaced or ()), _was(found)]
                found.month, found.day, found.year = row.month, row.day, row.year
                found.source, found.follow_up_id = row.source, row.follow_up_id
                found.check_at, found.updated_at = row.check_at, row.updated_at
                return found
            if add_once(self.s, row):
                return row
        raise RuntimeError("the care date was written and removed meanwhile")

    def file_dates(self, workspace_id: str) -> dict[int, dict[str, str]]:
        """Each customer's own key dates (no label) and named dates as the CSV writes them,
        by column ("birthday", "named:<name>"): YYYY-MM-DD, or MM-DD without a year."""
        out: dict[int, dict[str, str]] = {}
        for row in self.s.scalars(select(CustomerCareDate).where(
                CustomerCareDate.workspace_id == workspace_id,
                (CustomerCareDate.label == "") | (CustomerCareDate.kind == "named"))):
            day = f"{row.month:02d}-{row.day:02d}"
            column = f"named:{row.label}" if row.kind == "named" else row.kind
            out.setdefault(row.customer_id, {})[column] = \
                f"{row.year:04d}-{day}" if row.year else day
        return out

    def given_by_log(self, customer_id: int, follow_up_id: int) -> Sequence[CustomerCareDate]:
        """The customer's dates a log gave: now, or before a later correction."""
        return [row for row in self.for_customer(customer_id)
                if row.follow_up_id == follow_up_id
                or any(w.get("follow_up_id") == follow_up_id for w in row.replaced or ())]

    def delete(self, row: CustomerCareDate) -> None:
        self.s.delete(row)

    def remove(self, customer_id: int, kind: str, label: str) -> bool:
        """Forget a date (a field cleared in the form); whether there was one."""
        found = self.find(customer_id, kind, label)
        if found is not None:
            self.s.delete(found)
        return found is not None

    def due(self, now: datetime, limit: int = 200) -> Sequence[CustomerCareDate]:
        """Dates whose next check has come (the sweep; rows locked are another bot's)."""
        return self.s.scalars(
            select(CustomerCareDate).where(CustomerCareDate.check_at.is_not(None),
                                           CustomerCareDate.check_at <= now)
            .order_by(CustomerCareDate.check_at).limit(limit)
            .with_for_update(skip_locked=True)).all()

    def replaced_untouched(self, before: datetime, limit: int) -> Sequence[CustomerCareDate]:
        """Dates that keep what corrections replaced and were not touched since `before`,
        least recently first (the tick's pruning; rows locked are another bot's)."""
        return self.s.scalars(
            select(CustomerCareDate).where(CustomerCareDate.replaced.is_not(None),
                                           CustomerCareDate.updated_at <= before)
            .order_by(CustomerCareDate.updated_at).limit(limit)
            .with_for_update(skip_locked=True)).all()


def _was(row: CustomerCareDate) -> dict[str, Any]:
    return {"month": row.month, "day": row.day, "year": row.year, "source": row.source,
            "follow_up_id": row.follow_up_id}


class Losses:
    def __init__(self, session: Session) -> None:
        self.s = session

    def record(self, row: LossRecord) -> bool:
        """Keep a loss reason; False when the move or win-back task it answers has one."""
        return add_once(self.s, row)

    def for_customer(self, customer_id: int) -> Sequence[LossRecord]:
        return self.s.scalars(select(LossRecord).where(LossRecord.customer_id == customer_id)
                              .order_by(LossRecord.at, LossRecord.id)).all()

    def answering(self, *, change_id: int | None = None, task_id: int | None = None
                  ) -> LossRecord | None:
        """The reason recorded for this move to lost, or this win-back task."""
        column = LossRecord.classification_change_id if change_id is not None \
            else LossRecord.task_id
        return self.s.scalar(select(LossRecord).where(
            column == (change_id if change_id is not None else task_id)))

    def withdraw_move(self, change_id: int) -> None:
        """Forget the reason of a move to lost that was taken back (Undo of its log)."""
        self.s.execute(delete(LossRecord).where(
            LossRecord.classification_change_id == change_id))

    def quiet_candidates(self, owners: Sequence[str], lost: str, won: str, cutoff: datetime,
                         limit: int) -> Sequence[Customer]:
        """Customers of `owners`, not lost, made before `cutoff`, with no recorded log, no
        win, no "Still active" and no proposal since it: those the rules may propose (they
        decide, on all the facts). A customer whose older proposal is still unanswered comes
        last: its spell is most likely the one proposed already."""
        if not owners:
            return []
        logged = exists().where(FollowUp.customer_id == Customer.id,
                                FollowUp.status == "recorded", contact_time() >= cutoff)
        won_since = exists().where(ClassificationChange.customer_id == Customer.id,
                                   ClassificationChange.axis == "stage",
                                   ClassificationChange.new == won,
                                   ClassificationChange.at >= cutoff)
        asked = exists().where(LossProposal.customer_id == Customer.id, or_(
            LossProposal.proposed_at >= cutoff, LossProposal.answered_at >= cutoff))
        unanswered = exists().where(LossProposal.customer_id == Customer.id,
                                    LossProposal.answer.is_(None))
        # A pooled prospect's column still names its previous owner, who may not move it.
        pooled = exists().where(PoolState.customer_id == Customer.id,
                                PoolState.in_pool_since.is_not(None))
        return self.s.scalars(select(Customer).where(
            Customer.owner_id.in_(owners), or_(Customer.stage.is_(None), Customer.stage != lost),
            Customer.created_at <= cutoff, ~logged, ~won_since, ~asked, ~pooled)
            .order_by(unanswered, Customer.id).limit(limit)).all()

    def owners_besides(self, known: Sequence[str]) -> Sequence[str]:
        """Everyone who owns a customer but is not in `known` (the reps in no team), sorted."""
        return self.s.scalars(select(Customer.owner_id).distinct()
                              .where(Customer.owner_id.not_in(known))
                              .order_by(Customer.owner_id)).all()

    def reasons_between(self, workspace_id: str, start: datetime,
                        end: datetime) -> Sequence[str]:
        """The reasons recorded from `start` up to `end` (the figures)."""
        return self.s.scalars(select(LossRecord.reason).where(
            LossRecord.workspace_id == workspace_id, LossRecord.at >= start,
            LossRecord.at < end)).all()

    def propose(self, row: LossProposal) -> bool:
        """Record a proposal; False when this quiet spell was proposed already."""
        return add_once(self.s, row)

    def proposal(self, workspace_id: str, proposal_id: int, *, lock: bool = False
                 ) -> LossProposal | None:
        """A proposal of the workspace; `lock`: held until commit (PostgreSQL), so two clicks
        answering it at once are answered one after the other."""
        query = select(LossProposal).where(LossProposal.id == proposal_id,
                                           LossProposal.workspace_id == workspace_id)
        return self.s.scalar(query.with_for_update() if lock else query)

    def kept_active(self, customer_ids: Sequence[int]) -> dict[int, datetime]:
        """When each customer's owner last answered "Still active" (a new quiet spell)."""
        if not customer_ids:
            return {}
        rows = self.s.execute(select(LossProposal.customer_id, func.max(LossProposal.answered_at))
                              .where(LossProposal.customer_id.in_(customer_ids),
                                     LossProposal.answer == "active")
                              .group_by(LossProposal.customer_id))
        return {cid: at for cid, at in rows if at is not None}
