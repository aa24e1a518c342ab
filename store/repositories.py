"""Repositories: every query the services need, scoped to one workspace. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer

from store.models import (
    Change,
    ClassificationChange,
    Customer,
    CustomerTag,
    FollowUp,
    Notification,
    PeriodicRun,
    Person,
    Task,
)


class People:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, workspace_id: str, user_id: str) -> Person | None:
        return self.s.get(Person, (workspace_id, user_id))

    def save_tz(self, workspace_id: str, user_id: str, tz: str | None, name: str | None,
                now: datetime) -> Person:
        person = self.get(workspace_id, user_id)
        if person is None:
            person = Person(workspace_id=workspace_id, user_id=user_id)
            self.s.add(person)
        person.tz, person.display_name, person.tz_checked_at = tz, name, now
        return person


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


class ClassificationChanges:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, change: ClassificationChange) -> None:
        self.s.add(change)

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

    def for_owners(self, owners: Sequence[str], since: datetime, until: datetime
                   ) -> Sequence[tuple[ClassificationChange, str, str]]:
        """Moves in [since, until) of customers these people own, oldest first, with the
        customer's name and owner (the nightly review)."""
        if not owners:
            return []
        rows = self.s.execute(
            select(ClassificationChange, Customer.name, Customer.owner_id)
            .join(Customer, Customer.id == ClassificationChange.customer_id)
            .where(Customer.owner_id.in_(owners), ClassificationChange.at >= since,
                   ClassificationChange.at < until)
            .order_by(ClassificationChange.at, ClassificationChange.id))
        return [(change, name, owner) for change, name, owner in rows]


class Customers:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, workspace_id: str, customer_id: int) -> Customer | None:
        found = self.s.get(Customer, customer_id)
        return found if found is not None and found.workspace_id == workspace_id else None

    def by_key(self, workspace_id: str, name_key: str) -> Customer | None:
        return self.s.scalars(select(Customer).where(
            Customer.workspace_id == workspace_id, Customer.name_key == name_key)).first()

    def people_on(self, workspace_id: str, customer_id: int) -> set[str]:
        """Everyone who works this customer: its owner and whoever logged or holds a task."""
        loggers = select(FollowUp.author_id).where(
            FollowUp.workspace_id == workspace_id, FollowUp.customer_id == customer_id)
        holders = select(Task.owner_id).where(
            Task.workspace_id == workspace_id, Task.customer_id == customer_id)
        found = set(self.s.scalars(loggers.union(holders)).all())
        customer = self.get(workspace_id, customer_id)
        return found | ({customer.owner_id} if customer else set())

    def names(self, workspace_id: str) -> Sequence[tuple[int, str, str]]:
        """(id, name, name_key) of every customer in the workspace."""
        rows = self.s.execute(select(Customer.id, Customer.name, Customer.name_key).where(
            Customer.workspace_id == workspace_id).order_by(Customer.id))
        return [(r[0], r[1], r[2]) for r in rows]

    def add(self, customer: Customer) -> Customer:
        self.s.add(customer)
        self.s.flush()
        return customer

    def identities(self, workspace_id: str) -> Sequence[tuple[str, str | None, str | None]]:
        """(name, phone, email) of every customer in the workspace, to spot duplicates."""
        rows = self.s.execute(select(Customer.name, Customer.phone, Customer.email).where(
            Customer.workspace_id == workspace_id).order_by(Customer.id))
        return [(r[0], r[1], r[2]) for r in rows]

    def all_for_export(self, workspace_id: str) -> Sequence[Customer]:
        """Every customer of the workspace, oldest first; the encrypted national id is left
        unloaded, so an export neither needs the key nor can leak it."""
        return self.s.scalars(select(Customer).where(Customer.workspace_id == workspace_id)
                              .options(defer(Customer.national_id, raiseload=True))
                              .order_by(Customer.id)).all()

    def tags_by_customer(self, workspace_id: str) -> dict[int, list[str]]:
        """Each customer's tags, sorted (tags are a set: the order they were given is not kept).
        """
        rows = self.s.execute(select(CustomerTag.customer_id, CustomerTag.tag).where(
            CustomerTag.workspace_id == workspace_id))
        found: dict[int, list[str]] = {}
        for customer_id, tag in rows:
            found.setdefault(customer_id, []).append(tag)
        # Sorted here, not in SQL: PostgreSQL's collation would order Chinese tags differently.
        return {k: sorted(v, key=lambda t: (t.casefold(), t)) for k, v in found.items()}

    def deals_for_owners(self, owners: Sequence[str], closed: Sequence[str]
                         ) -> Sequence[Customer]:
        """Customers these people own that have a stage outside `closed` (open deals)."""
        if not owners:
            return []
        return self.s.scalars(select(Customer).where(
            Customer.owner_id.in_(owners), Customer.stage.is_not(None),
            Customer.stage.not_in(closed))
            .options(defer(Customer.national_id, raiseload=True))
            .order_by(Customer.id)).all()

    def add_tags(self, customer: Customer, tags: Sequence[tuple[str, str]]) -> None:
        """Tag a customer with (tag, tag_key) pairs; the keys must be distinct."""
        self.s.add_all(CustomerTag(customer_id=customer.id, workspace_id=customer.workspace_id,
                                   tag=tag, tag_key=key) for tag, key in tags)


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
        rank = func.row_number().over(
            partition_by=FollowUp.customer_id,
            order_by=(FollowUp.created_at.desc(), FollowUp.id.desc())).label("rank")
        ranked = (select(FollowUp.id, rank).where(
            FollowUp.customer_id.in_(customer_ids), FollowUp.status == "recorded")
            .subquery())
        rows = self.s.scalars(select(FollowUp).join(ranked, ranked.c.id == FollowUp.id)
                              .where(ranked.c.rank == 1)).all()
        return {row.customer_id: row for row in rows if row.customer_id is not None}

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
        return _claim(self.s, FollowUp, FollowUp.created_at, now, lease, limit,
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


def _claim(session: Session, model: type[Notification] | type[FollowUp], order: Any,
           now: datetime, lease: timedelta, limit: int, *ready: Any) -> Sequence[int]:
    """Lease up to `limit` ready rows to this worker; returns their ids.

    One UPDATE both picks and leases, so two workers can never hold the same row: on
    PostgreSQL the picking subquery skips rows another worker has locked, on SQLite the
    write lock serialises the statement.
    """
    free = or_(model.lease_until.is_(None), model.lease_until <= now)
    pick = (select(model.id).where(*ready, free).order_by(order, model.id).limit(limit)
            .with_for_update(skip_locked=True))
    stmt = (update(model)
            .where(model.id.in_(pick.scalar_subquery()), free, *ready)
            .values(lease_until=now + lease, attempts=model.attempts + 1)
            .returning(model.id)
            .execution_options(synchronize_session=False))
    return sorted(session.scalars(stmt).all())


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
        return self.s.scalars(select(Task).where(Task.follow_up_id == follow_up_id)).first()

    def add(self, task: Task) -> Task:
        self.s.add(task)
        self.s.flush()
        return task

    def open_for_owner(self, workspace_id: str, owner_id: str) -> Sequence[Task]:
        return self.s.scalars(select(Task).where(
            Task.workspace_id == workspace_id, Task.owner_id == owner_id,
            Task.status.in_(("open", "snoozed"))).order_by(Task.due_at, Task.id)).all()

    def overdue_for_owners(self, owners: Sequence[str], now: datetime) -> Sequence[Task]:
        """Open tasks of these people that are past their overdue moment, oldest first."""
        if not owners:
            return []
        return self.s.scalars(select(Task).where(
            Task.owner_id.in_(owners), Task.status == "open", Task.overdue_at <= now)
            .order_by(Task.overdue_at, Task.id)).all()

    def done_for_owners(self, owners: Sequence[str], since: datetime, until: datetime
                        ) -> Sequence[tuple[Task, str | None]]:
        """Tasks these people finished in [since, until), oldest first, with the customer's
        name."""
        if not owners:
            return []
        rows = self.s.execute(
            select(Task, Customer.name).outerjoin(Customer, Customer.id == Task.customer_id)
            .where(Task.owner_id.in_(owners), Task.status == "done",
                   Task.done_at >= since, Task.done_at < until)
            .order_by(Task.done_at, Task.id))
        return [(task, name) for task, name in rows]

    def overdue_with_customers(self, owners: Sequence[str], now: datetime
                               ) -> Sequence[tuple[Task, str | None]]:
        """Open tasks of these people past their overdue moment, oldest first, with the
        customer's name."""
        if not owners:
            return []
        rows = self.s.execute(
            select(Task, Customer.name).outerjoin(Customer, Customer.id == Task.customer_id)
            .where(Task.owner_id.in_(owners), Task.status == "open", Task.overdue_at <= now)
            .order_by(Task.overdue_at, Task.id))
        return [(task, name) for task, name in rows]

    def open_for_customers(self, customer_ids: Sequence[int]) -> Sequence[Task]:
        """Open or snoozed tasks on these customers, soonest due first."""
        if not customer_ids:
            return []
        return self.s.scalars(select(Task).where(
            Task.customer_id.in_(customer_ids), Task.status.in_(("open", "snoozed")))
            .order_by(Task.due_at, Task.id)).all()

    def becoming_overdue(self, now: datetime, limit: int) -> Sequence[Task]:
        """Open tasks whose overdue moment has passed and that are not yet marked, locked."""
        stmt = (select(Task).where(Task.status == "open", Task.overdue_since.is_(None),
                                   Task.overdue_at <= now)
                .order_by(Task.overdue_at).limit(limit).with_for_update(skip_locked=True))
        return self.s.scalars(stmt).all()


class Notifications:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, note: Notification) -> Notification | None:
        """Queue a notification; None when one with the same dedupe key exists already."""
        if note.dedupe_key is not None:
            exists = self.s.scalar(select(Notification.id).where(
                Notification.workspace_id == note.workspace_id,
                Notification.dedupe_key == note.dedupe_key))
            if exists is not None:
                return None
            try:
                with self.s.begin_nested():
                    self.s.add(note)
            except IntegrityError:
                return None
            return note
        self.s.add(note)  # written with the rest at commit, in one batch
        return note

    def claim_due(self, now: datetime, lease: timedelta, limit: int) -> Sequence[int]:
        """Lease up to `limit` due, unleased notifications to this worker; returns their ids."""
        return _claim(self.s, Notification, Notification.due_at, now, lease, limit,
                      Notification.status == "pending", Notification.due_at <= now)

    def get_many(self, ids: Sequence[int]) -> Sequence[Notification]:
        if not ids:
            return []
        return self.s.scalars(select(Notification).where(Notification.id.in_(ids))
                              .order_by(Notification.due_at, Notification.id)).all()

    def pending_for_task(self, task_id: int) -> Sequence[Notification]:
        return self.s.scalars(select(Notification).where(
            Notification.task_id == task_id, Notification.status == "pending")).all()

    def cancel_pending_for_task(self, task_id: int, kinds: Sequence[str]) -> int:
        result = self.s.execute(update(Notification).where(
            and_(Notification.task_id == task_id, Notification.status == "pending",
                 Notification.kind.in_(kinds))).values(status="cancelled")
            .execution_options(synchronize_session=False))
        return int(getattr(result, "rowcount", 0) or 0)

    def sent_to(self, workspace_id: str, recipient: str) -> Sequence[Notification]:
        return self.s.scalars(select(Notification).where(
            Notification.workspace_id == workspace_id, Notification.recipient == recipient,
            Notification.status == "sent").order_by(Notification.sent_at)).all()


class PeriodicRuns:
    def __init__(self, session: Session) -> None:
        self.s = session

    def claim(self, job: str, period: str, now: datetime) -> bool:
        """Record the job as done for the period; False when it already was (by anyone)."""
        if self.s.get(PeriodicRun, (job, period)) is not None:
            return False
        try:
            with self.s.begin_nested():
                self.s.add(PeriodicRun(job=job, period=period, done_at=now))
        except IntegrityError:
            return False
        return True
