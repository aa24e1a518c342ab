"""Tasks: open, done, overdue. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import ScalarSelect, func, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from store.models import (
    Customer,
    Task,
)
from store.repositories.keyed import add_all_once


def _customer_name() -> ScalarSelect[str]:
    """The task's customer's name, looked up by primary key per task: a join lets
    PostgreSQL hash every customer of the database for a few thousand tasks."""
    return (select(Customer.name).where(Customer.id == Task.customer_id)
            .correlate(Task).scalar_subquery())


@dataclass(frozen=True)
class OverdueTask:
    """An overdue task as a list shows it (the lead's digest)."""

    id: int
    owner_id: str
    title: str
    tz: str
    due_at: datetime | None
    due_precision: str | None
    origin: str
    customer: str | None


class TaskRow(NamedTuple):
    """A task as the nightly review lists it: plain values, not an entity (a team of 50 reps
    has thousands of overdue tasks; loading them as entities was a tenth of the review)."""

    id: int
    owner_id: str
    title: str
    due_at: datetime | None
    done_at: datetime | None
    customer: str | None


_TASK_ROW = (Task.id, Task.owner_id, Task.title, Task.due_at, Task.done_at)


class Tasks:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, workspace_id: str, task_id: int) -> Task | None:
        found = self.s.get(Task, task_id)
        return found if found is not None and found.workspace_id == workspace_id else None

    def open_for_customer(self, workspace_id: str, customer_id: int) -> Sequence[Task]:
        return self.s.scalars(select(Task).where(
            Task.workspace_id == workspace_id, Task.customer_id == customer_id,
            Task.status.in_(("open", "snoozed"))).order_by(Task.due_at, Task.id)).all()

    def for_follow_up(self, follow_up_id: int) -> Task | None:
        """The log's first promise (its next step)."""
        return self.s.scalars(select(Task).where(Task.follow_up_id == follow_up_id)
                              .order_by(Task.step)).first()

    def all_for_follow_up(self, follow_up_id: int) -> Sequence[Task]:
        """Every promise of a log, in the order written."""
        return self.s.scalars(select(Task).where(Task.follow_up_id == follow_up_id)
                              .order_by(Task.step)).all()

    def add(self, task: Task) -> Task:
        self.s.add(task)
        self.s.flush()
        return task

    def add_once(self, task: Task) -> Task | None:
        """Add a task carrying a cadence key; None when one with that key exists (made by
        this sweep earlier, or by another copy of the bot at the same moment)."""
        if self.s.scalar(select(Task.id).where(Task.workspace_id == task.workspace_id,
                                               Task.cadence_key == task.cadence_key)):
            return None
        try:
            with self.s.begin_nested():
                self.s.add(task)
        except IntegrityError:
            return None
        return task

    def add_all_once(self, tasks: Sequence[Task]) -> tuple[list[Task], dict[str, int]]:
        """Add tasks carrying cadence keys (one workspace's), each whose key is not taken:
        one read of the keys and one flush for the lot, whatever their number (a sweep's
        batch). Returns the tasks added and, by key, the ids of those made before. A key
        taken meanwhile by another copy of the bot fails the flush: then one at a time."""
        if not tasks:
            return [], {}
        workspace_id = tasks[0].workspace_id
        assert all(t.workspace_id == workspace_id for t in tasks), "one workspace at a time"
        taken = self.ids_by_keys(workspace_id, [t.cadence_key or "" for t in tasks])
        fresh = list({t.cadence_key: t for t in tasks if t.cadence_key not in taken}.values())
        added = add_all_once(self.s, fresh, lambda t: self.add_once(t) is not None)
        if len(added) < len(fresh):
            mine = {t.cadence_key for t in added}
            taken |= self.ids_by_keys(
                workspace_id, [k for t in fresh if (k := t.cadence_key) and k not in mine])
        return added, taken

    def ids_by_keys(self, workspace_id: str, cadence_keys: Sequence[str]) -> dict[str, int]:
        """The ids of the tasks carrying these cadence keys, by key (those that exist)."""
        if not cadence_keys:
            return {}
        rows = self.s.execute(select(Task.cadence_key, Task.id).where(
            Task.workspace_id == workspace_id, Task.cadence_key.in_(set(cadence_keys))))
        return {key: task_id for key, task_id in rows if key is not None}

    def by_key(self, workspace_id: str, cadence_key: str) -> Task | None:
        """The task carrying this cadence key (a revisit's try made by another sweep)."""
        return self.s.scalar(select(Task).where(Task.workspace_id == workspace_id,
                                                Task.cadence_key == cadence_key))

    def newest_done_keyed(self, customer_ids: Sequence[int], prefix: str
                          ) -> dict[int, datetime]:
        """When each customer's newest done task whose cadence key starts with `prefix` was
        done (a periodic row's last task done)."""
        if not customer_ids:
            return {}
        rows = self.s.execute(
            select(Task.customer_id, func.max(Task.done_at))
            .where(Task.customer_id.in_(customer_ids), Task.status == "done",
                   Task.cadence_key.startswith(prefix), Task.done_at.is_not(None))
            .group_by(Task.customer_id))
        return {customer_id: at for customer_id, at in rows
                if customer_id is not None and at is not None}

    def newest_keys(self, customer_ids: Sequence[int], prefix: str) -> dict[int, str]:
        """Each customer's newest cadence key starting with `prefix`, whatever its task's
        status (keys of one row and customer end with their day, so they sort by it)."""
        if not customer_ids:
            return {}
        rows = self.s.execute(
            select(Task.customer_id, func.max(Task.cadence_key))
            .where(Task.customer_id.in_(customer_ids), Task.cadence_key.startswith(prefix))
            .group_by(Task.customer_id))
        return {customer_id: key for customer_id, key in rows
                if customer_id is not None and key is not None}

    def open_for_owner(self, workspace_id: str, owner_id: str) -> Sequence[Task]:
        return self.s.scalars(select(Task).where(
            Task.workspace_id == workspace_id, Task.owner_id == owner_id,
            Task.status.in_(("open", "snoozed"))).order_by(Task.due_at, Task.id)).all()

    def overdue_totals(self, owners: Sequence[str], now: datetime) -> dict[str, int]:
        """How many open tasks past their overdue moment these people have, by workspace."""
        if not owners:
            return {}
        rows = self.s.execute(
            select(Task.workspace_id, func.count())
            .where(Task.owner_id.in_(owners), Task.status == "open", Task.overdue_at <= now)
            .group_by(Task.workspace_id))
        return {workspace: int(n) for workspace, n in rows}

    def overdue_listed(self, workspace_id: str, owners: Sequence[str], now: datetime,
                       limit: int) -> list[OverdueTask]:
        """The `limit` oldest open tasks of these people past their overdue moment: the
        columns a list shows and the customer's name, in one statement (not each task's
        customer read one by one)."""
        if not owners:
            return []
        rows = self.s.execute(
            select(Task.id, Task.owner_id, Task.title, Task.tz, Task.due_at,
                   Task.due_precision, Task.origin, _customer_name())
            .where(Task.workspace_id == workspace_id, Task.owner_id.in_(owners),
                   Task.status == "open", Task.overdue_at <= now)
            .order_by(Task.overdue_at, Task.id).limit(limit))
        return [OverdueTask(*row) for row in rows]

    def overdue_counts(self, workspace_id: str, owners: Sequence[str], now: datetime
                       ) -> list[tuple[str, int]]:
        """How many open tasks past their overdue moment each of these people has, most
        first (counted here: the Home tab read every such task of a team to count them)."""
        if not owners:
            return []
        n = func.count()
        rows = self.s.execute(
            select(Task.owner_id, n).where(
                Task.workspace_id == workspace_id, Task.owner_id.in_(owners),
                Task.status == "open", Task.overdue_at <= now)
            .group_by(Task.owner_id).order_by(n.desc(), Task.owner_id))
        return [(owner, int(count)) for owner, count in rows]

    def done_for_owners(self, owners: Sequence[str], since: datetime, until: datetime
                        ) -> Sequence[TaskRow]:
        """Tasks these people finished in [since, until), oldest first, with the customer's
        name."""
        if not owners:
            return []
        rows = self.s.execute(
            select(*_TASK_ROW, _customer_name())
            .where(Task.owner_id.in_(owners), Task.status == "done",
                   Task.done_at >= since, Task.done_at < until)
            .order_by(Task.done_at, Task.id))
        return [TaskRow._make(row) for row in rows]

    def overdue_with_customers(self, owners: Sequence[str], now: datetime
                               ) -> Sequence[TaskRow]:
        """Open tasks of these people past their overdue moment, oldest first, with the
        customer's name."""
        if not owners:
            return []
        rows = self.s.execute(
            select(*_TASK_ROW, _customer_name())
            .where(Task.owner_id.in_(owners), Task.status == "open", Task.overdue_at <= now)
            .order_by(Task.overdue_at, Task.id))
        return [TaskRow._make(row) for row in rows]

    def open_on_deals_of(self, owners: Sequence[str], likelihood: str) -> Sequence[Task]:
        """Open or snoozed tasks on customers these people own with this close likelihood,
        soonest due first: found from the team's customers, not from a list of ids (which
        PostgreSQL answers by scanning every task once the list is long)."""
        if not owners:
            return []
        deals = (Customer.owner_id.in_(owners), Customer.likelihood == likelihood)
        still_open = Task.status.in_(("open", "snoozed"))
        if self.s.get_bind().dialect.name == "postgresql":
            # Each deal probes (customer, status); OFFSET 0 keeps PostgreSQL from turning
            # it back into a join that scans every task.
            found = select(Task).where(Task.customer_id == Customer.id, still_open) \
                .offset(0).lateral()
            task = aliased(Task, found)
            return self.s.scalars(select(task).select_from(Customer).join(found, true())
                                  .where(*deals).order_by(task.due_at, task.id)).all()
        return self.s.scalars(select(Task).join(Customer, Customer.id == Task.customer_id)
                              .where(*deals, still_open).order_by(Task.due_at, Task.id)).all()

    def becoming_overdue(self, now: datetime, limit: int) -> Sequence[Task]:
        """Open tasks whose overdue moment has passed and that are not yet marked, locked."""
        stmt = (select(Task).where(Task.status == "open", Task.overdue_since.is_(None),
                                   Task.overdue_at <= now)
                .order_by(Task.overdue_at).limit(limit).with_for_update(skip_locked=True))
        return self.s.scalars(stmt).all()
