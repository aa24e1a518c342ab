"""A customer's people (its owner and whom it is shared with) and the append-only history of
who owned and shared it. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.domain.pool_figures import CLAIM, REASSIGN
from store.aftersale_models import Revisit
from store.models import Customer, Task
from store.pool_models import OWNER, SHARED, CustomerPerson, OwnershipEvent
from store.repositories.revisits import OPEN_STATUSES, add_once

OPEN_TASK_STATUSES = ("open", "snoozed")


class CustomerPeople:
    def __init__(self, session: Session) -> None:
        self.s = session

    def of(self, customer_id: int) -> Sequence[CustomerPerson]:
        """The customer's list: its owner first, then the others in the order they joined."""
        return self.s.scalars(select(CustomerPerson).where(
            CustomerPerson.customer_id == customer_id)
            .order_by(case((CustomerPerson.role == OWNER, 0), else_=1), CustomerPerson.since,
                      CustomerPerson.id)).all()

    def owners(self, customer_ids: Sequence[int]) -> dict[int, CustomerPerson]:
        """The owner row of each of these customers that has one (a pooled one has none)."""
        if not customer_ids:
            return {}
        rows = self.s.scalars(select(CustomerPerson).where(
            CustomerPerson.customer_id.in_(customer_ids), CustomerPerson.role == OWNER))
        return {row.customer_id: row for row in rows}

    def user_ids(self, customer_id: int) -> set[str]:
        """Everyone on the customer's list (what replaces the derived people_on)."""
        return set(self.s.scalars(select(CustomerPerson.user_id).where(
            CustomerPerson.customer_id == customer_id)))

    def customer_ids(self, workspace_id: str, users: Sequence[str]) -> set[int]:
        """The customers these people are on (owner or shared): an index probe per person."""
        if not users:
            return set()
        return set(self.s.scalars(select(CustomerPerson.customer_id).where(
            CustomerPerson.workspace_id == workspace_id, CustomerPerson.user_id.in_(users))))

    def share(self, customer: Customer, user: str, why: str, by: str, now: datetime) -> bool:
        """Put someone on the customer's list; False when they are on it already."""
        return add_once(self.s, CustomerPerson(
            workspace_id=customer.workspace_id, customer_id=customer.id, user_id=user,
            role=SHARED, since=now, why=why, added_by=by))

    def unshare(self, customer_id: int, user: str) -> bool:
        """Take someone who is not the owner off the list; False when they were not on it."""
        row = self.s.scalar(select(CustomerPerson).where(
            CustomerPerson.customer_id == customer_id, CustomerPerson.user_id == user,
            CustomerPerson.role == SHARED))
        if row is None:
            return False
        self.s.delete(row)
        self.s.flush()
        return True

    def set_owner(self, customer: Customer, user: str, why: str, by: str, now: datetime,
                  keep_previous: bool) -> str | None:
        """Make `user` the owner, on the list and on the customer (so the audit trail records
        it); the previous owner stays on the list as shared, or leaves it. Returns the
        previous owner on the list (None: nobody owned it, e.g. it was pooled)."""
        previous = self.drop_owner(customer.id, keep=keep_previous and customer.owner_id != user,
                                   now=now, by=by)
        mine = self.s.scalar(select(CustomerPerson).where(
            CustomerPerson.customer_id == customer.id, CustomerPerson.user_id == user))
        # Another transaction may be giving the same customer the same owner row at this
        # moment (the enrolment walk and a log's reading, both on a customer made before the
        # pool): on PostgreSQL this insert then waits for it and, without the savepoint,
        # failed the whole reading of the log. The row that won is the one updated.
        if mine is None and not add_once(self.s, CustomerPerson(
                workspace_id=customer.workspace_id, customer_id=customer.id, user_id=user,
                role=OWNER, since=now, why=why, added_by=by)):
            mine = self.s.scalar(select(CustomerPerson).where(
                CustomerPerson.customer_id == customer.id, CustomerPerson.user_id == user))
        if mine is not None:
            mine.role, mine.since, mine.why, mine.added_by = OWNER, now, why, by
        customer.owner_id = user
        self.s.flush()
        return previous

    def drop_owner(self, customer_id: int, keep: bool = False, now: datetime | None = None,
                   by: str = "bot") -> str | None:
        """Take the owner off the list (a return to the pool), or make them shared (`keep`).
        Returns who it was. Flushed at once: the one-owner index must see it go first."""
        row = self.s.scalar(select(CustomerPerson).where(
            CustomerPerson.customer_id == customer_id, CustomerPerson.role == OWNER))
        if row is None:
            return None
        if keep:
            row.role, row.why, row.added_by = SHARED, "was_owner", by
            row.since = now or row.since
        else:
            self.s.delete(row)
        self.s.flush()
        return row.user_id

    def owned_ids(self, workspace_id: str, user: str) -> list[int]:
        """The customers `user` owns, in id order (a handover moves them all)."""
        return list(self.s.scalars(select(CustomerPerson.customer_id).where(
            CustomerPerson.workspace_id == workspace_id, CustomerPerson.user_id == user,
            CustomerPerson.role == OWNER).order_by(CustomerPerson.customer_id)))

    def owned_count(self, workspace_id: str, user: str) -> int:
        """How many customers `user` owns (a service team's load after the sale)."""
        return int(self.s.scalar(select(func.count()).select_from(CustomerPerson).where(
            CustomerPerson.workspace_id == workspace_id, CustomerPerson.user_id == user,
            CustomerPerson.role == OWNER)) or 0)

    def held(self, workspace_id: str, user: str, not_stages: Sequence[str]) -> int:
        """How many customers `user` owns outside these stages (the prospects they hold)."""
        return int(self.s.scalar(select(func.count()).select_from(CustomerPerson).join(
            Customer, Customer.id == CustomerPerson.customer_id).where(
            CustomerPerson.workspace_id == workspace_id, CustomerPerson.user_id == user,
            CustomerPerson.role == OWNER,
            Customer.stage.is_(None) | Customer.stage.not_in(not_stages))) or 0)

    def move_open_tasks(self, customer_id: int, old: str, new: str, now: datetime) -> int:
        """Hand the previous owner's open and snoozed tasks on the customer to the new owner
        (row by row, so the audit trail records each), and the revisits out with them (whose
        task they held: the new owner makes them, and they are on the new owner's list)."""
        tasks = self.s.scalars(select(Task).where(
            Task.customer_id == customer_id, Task.owner_id == old,
            Task.status.in_(OPEN_TASK_STATUSES))).all()
        for task in tasks:
            task.owner_id, task.updated_at = new, now
        for revisit in self.s.scalars(select(Revisit).where(
                Revisit.customer_id == customer_id, Revisit.owner_id == old,
                Revisit.status.in_(OPEN_STATUSES))):
            revisit.owner_id, revisit.updated_at = new, now
        return len(tasks)


class OwnershipEvents:
    def __init__(self, session: Session) -> None:
        self.s = session

    def record(self, event: OwnershipEvent) -> OwnershipEvent:
        """Append an event (claim, reassign, share…) to the customer's history."""
        self.s.add(event)
        self.s.flush()
        return event

    def record_once(self, event: OwnershipEvent) -> bool:
        """Append a keyed event (a warning, a return); False when its key was recorded
        already, by this bot earlier or another copy at the same moment."""
        return add_once(self.s, event)

    def history(self, customer_id: int) -> Sequence[OwnershipEvent]:
        """The customer's ownership history, oldest first (`/customer X history`)."""
        return self.s.scalars(select(OwnershipEvent).where(
            OwnershipEvent.customer_id == customer_id)
            .order_by(OwnershipEvent.at, OwnershipEvent.id)).all()

    def between(self, workspace_id: str, start: datetime, end: datetime
                ) -> Sequence[OwnershipEvent]:
        """A workspace's events from `start` up to `end` (the figures' period)."""
        return self.s.scalars(select(OwnershipEvent).where(
            OwnershipEvent.workspace_id == workspace_id, OwnershipEvent.at >= start,
            OwnershipEvent.at < end).order_by(OwnershipEvent.at, OwnershipEvent.id)).all()

    def moved(self, workspace_id: str, reason: str, from_user: str, actor: str, at: datetime
              ) -> list[tuple[int, str]]:
        """(customer id, to whom) of the reassignments `actor` made from `from_user` for
        `reason` at `at`, in customer order: what one handover moved, over all its batches."""
        rows = self.s.execute(select(OwnershipEvent.customer_id, OwnershipEvent.to_user).where(
            OwnershipEvent.workspace_id == workspace_id, OwnershipEvent.kind == REASSIGN,
            OwnershipEvent.reason == reason, OwnershipEvent.from_user == from_user,
            OwnershipEvent.actor == actor, OwnershipEvent.at == at)
            .order_by(OwnershipEvent.customer_id))
        return [(int(c), str(to)) for c, to in rows if to is not None]

    def claims_since(self, workspace_id: str, user: str, since: datetime) -> int:
        """How many claims `user` made since `since` (their local day's start)."""
        return int(self.s.scalar(select(func.count()).select_from(OwnershipEvent).where(
            OwnershipEvent.workspace_id == workspace_id, OwnershipEvent.kind == CLAIM,
            OwnershipEvent.to_user == user, OwnershipEvent.at >= since)) or 0)
