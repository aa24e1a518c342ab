"""The audit trail and the history of classification moves. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, aliased

from store.models import (
    Change,
    ClassificationChange,
    Customer,
)


class Changes:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, change: Change) -> None:
        self.s.add(change)

    def for_customer(self, workspace_id: str, customer_id: int,
                     limit: int = 50) -> Sequence[Change]:
        """The newest changes to a customer and to its tasks and logs."""
        return self.s.scalars(select(Change).where(
            Change.workspace_id == workspace_id, Change.customer_id == customer_id)
            .order_by(Change.at.desc(), Change.id.desc()).limit(limit)).all()


    def newest_of_fields(self, workspace_ids: Sequence[str], customer_ids: Sequence[int],
                         fields: Sequence[str]) -> dict[int, datetime]:
        """When these fields of each customer (its file) last changed, by customer id."""
        if not customer_ids:
            return {}
        rows = self.s.execute(
            select(Change.customer_id, func.max(Change.at))
            .where(Change.workspace_id.in_(workspace_ids),  # the index's first column
                   Change.customer_id.in_(customer_ids), Change.entity == "customer",
                   Change.field.in_(fields))
            .group_by(Change.customer_id))
        return {customer_id: at for customer_id, at in rows if customer_id is not None}


class ClassificationChanges:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, change: ClassificationChange) -> None:
        self.s.add(change)

    def get(self, workspace_id: str, change_id: int) -> ClassificationChange | None:
        found = self.s.get(ClassificationChange, change_id)
        return found if found is not None and found.workspace_id == workspace_id else None

    def since(self, workspace_id: str, since: datetime, until: datetime,
              limit: int = 500) -> Sequence[tuple[ClassificationChange, str]]:
        """Moves in a workspace in [since, until), oldest first, with the customer's name."""
        rows = self.s.execute(
            select(ClassificationChange, Customer.name)
            .join(Customer, Customer.id == ClassificationChange.customer_id)
            .where(ClassificationChange.workspace_id == workspace_id,
                   ClassificationChange.at >= since, ClassificationChange.at < until)
            .order_by(ClassificationChange.at, ClassificationChange.id).limit(limit))
        return [(change, name) for change, name in rows]

    def of_log(self, workspace_id: str, follow_up_id: int) -> Sequence[ClassificationChange]:
        """The moves a log made, newest first (Undo withdraws them in that order)."""
        return self.s.scalars(select(ClassificationChange).where(
            ClassificationChange.workspace_id == workspace_id,
            ClassificationChange.follow_up_id == follow_up_id,
            ClassificationChange.source == "log")
            .order_by(ClassificationChange.id.desc())).all()

    def remove(self, change: ClassificationChange) -> None:
        self.s.delete(change)

    def stage_since(self, customer_ids: Sequence[int]) -> dict[int, datetime]:
        """When each customer's newest stage move was made (it entered its current stage)."""
        if not customer_ids:
            return {}
        rows = self.s.execute(
            select(ClassificationChange.customer_id, func.max(ClassificationChange.at))
            .where(ClassificationChange.customer_id.in_(customer_ids),
                   ClassificationChange.axis == "stage")
            .group_by(ClassificationChange.customer_id))
        return {customer_id: at for customer_id, at in rows}

    def last_moved_to(self, customer_ids: Sequence[int], axis: str, value: str
                      ) -> dict[int, datetime]:
        """When each customer last moved to this value on this axis (e.g. its last win)."""
        if not customer_ids:
            return {}
        rows = self.s.execute(
            select(ClassificationChange.customer_id, func.max(ClassificationChange.at))
            .where(ClassificationChange.customer_id.in_(customer_ids),
                   ClassificationChange.axis == axis, ClassificationChange.new == value)
            .group_by(ClassificationChange.customer_id))
        return {customer_id: at for customer_id, at in rows}

    def for_owners(self, owners: Sequence[str], since: datetime, until: datetime
                   ) -> Sequence[tuple[ClassificationChange, str, str]]:
        """Moves in [since, until) of customers these people own, oldest first, with the
        customer's name and owner (the nightly review)."""
        if not owners:
            return []
        in_window = (ClassificationChange.at >= since, ClassificationChange.at < until)
        if self.s.get_bind().dialect.name == "postgresql":
            # Each of the team's customers probes its own moves (customer, at); a plain join
            # lets PostgreSQL scan every move of the window, whoever owns the customer.
            found = (select(ClassificationChange)
                     .where(ClassificationChange.customer_id == Customer.id, *in_window)
                     .offset(0).lateral())  # OFFSET 0: kept a per-customer probe, not flattened
            move = aliased(ClassificationChange, found)
            stmt = select(move, Customer.name, Customer.owner_id).select_from(Customer) \
                .join(found, true()).where(Customer.owner_id.in_(owners)) \
                .order_by(move.at, move.id)
        else:  # SQLite already drives from the owner index into (customer, at)
            stmt = (select(ClassificationChange, Customer.name, Customer.owner_id)
                    .join(Customer, Customer.id == ClassificationChange.customer_id)
                    .where(Customer.owner_id.in_(owners), *in_window)
                    .order_by(ClassificationChange.at, ClassificationChange.id))
        return [(change, name, owner) for change, name, owner in self.s.execute(stmt)]
