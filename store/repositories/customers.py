"""Customers, their tags and the people who work them. They never commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, true, union
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, defer

from bot.domain.access import OnList
from store.memo import remembered
from store.models import (
    Customer,
    CustomerTag,
    FollowUp,
)
from store.pool_models import SHARED, CustomerPerson, PoolState
from store.repositories.follow_ups import contact_time, last_log_id
from store.repositories.pool_places import pool_states


def open_deal(closed: Sequence[str]) -> ColumnElement[bool]:
    """bot.domain.review.is_open_deal in SQL: a stage outside `closed`, or no stage but a
    close likelihood (docs/figures.md, "Open deal")."""
    return or_(and_(Customer.stage.is_not(None), Customer.stage.not_in(closed)),
               and_(Customer.stage.is_(None), Customer.likelihood.is_not(None)))


class DealRow(NamedTuple):
    """An open deal and its last contact (the newest recorded log), for the nightly review."""

    id: int
    name: str
    owner_id: str
    stage: str | None
    likelihood: str | None
    value_tier: str | None
    created_at: datetime
    last_contact: datetime | None
    next_step: str | None
    due_at: datetime | None


@dataclass(frozen=True)
class ListQuery:
    """A filtered list of customers: tag keys all required; `seen_by` None means everyone's."""

    workspace_id: str
    tag_keys: Sequence[str] = ()
    stage: str | None = None
    likelihood: str | None = None
    tier: str | None = None
    owner: str | None = None
    seen_by: Sequence[str] | None = None
    limit: int = 20


class Customers:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, workspace_id: str, customer_id: int) -> Customer | None:
        found = self.s.get(Customer, customer_id)
        return found if found is not None and found.workspace_id == workspace_id else None

    def by_key(self, workspace_id: str, name_key: str) -> Customer | None:
        return self.s.scalars(select(Customer).where(
            Customer.workspace_id == workspace_id, Customer.name_key == name_key)).first()

    def people_on(self, customer: Customer) -> OnList:
        """The customer's list: its owner (none while it is pooled) and whom it is shared
        with. The owner is the customer's column, which every change of owner keeps equal to
        the list's owner row, so a customer not enrolled yet still has its creator."""
        shared = remembered(self.s, ("shared", customer.id), lambda: frozenset(self.s.scalars(
            select(CustomerPerson.user_id).where(
                CustomerPerson.workspace_id == customer.workspace_id,
                CustomerPerson.customer_id == customer.id, CustomerPerson.role == SHARED))),
            watch=(CustomerPerson,))
        state = pool_states(self.s, [customer.id]).get(customer.id)
        pooled = state is not None and state.in_pool_since is not None
        owner = None if pooled else customer.owner_id
        return OnList(owner=owner, shared=frozenset(shared) - {owner},
                      pool_team=state.team if pooled and state else None)

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
        return _grouped(rows)

    def deals_for_owners(self, owners: Sequence[str], closed: Sequence[str]
                         ) -> Sequence[DealRow]:
        """Customers these people own that are open deals (`open_deal(closed)`), each with its
        last contact: plain rows, not entities (a team has thousands of deals)."""
        if not owners:
            return []
        columns = (Customer.id, Customer.name, Customer.owner_id, Customer.stage,
                   Customer.likelihood, Customer.value_tier, Customer.created_at)
        if self.s.get_bind().dialect.name == "postgresql":
            # A lateral join probes each deal's newest log; joining on the correlated id
            # instead makes PostgreSQL hash the whole follow_ups table.
            newest = (select(contact_time().label("contact_at"), FollowUp.next_step,
                             FollowUp.due_at)
                      .where(FollowUp.customer_id == Customer.id, FollowUp.status == "recorded")
                      .order_by(contact_time().desc(), FollowUp.id.desc()).limit(1)
                      .lateral())
            stmt = select(*columns, newest.c.contact_at, newest.c.next_step,
                          newest.c.due_at).outerjoin(newest, true())
        else:  # SQLite has no LATERAL; it probes the primary key with the correlated id
            last = aliased(FollowUp)
            stmt = select(*columns, func.coalesce(last.happened_at, last.created_at),
                          last.next_step, last.due_at).outerjoin(
                last, last.id == last_log_id())
        # Sorted here, not in SQL: ORDER BY id would walk the primary key of every customer.
        rows = self.s.execute(stmt.where(
            Customer.owner_id.in_(owners), open_deal(closed)))
        return sorted((DealRow._make(row) for row in rows), key=lambda d: d.id)

    def cadence_due(self, now: datetime, limit: int) -> Sequence[Customer]:
        """Customers whose cadence look has come, soonest first, locked for this sweep (another
        copy of the bot skips them); searched through the partial index, not scanned."""
        return self.s.scalars(select(Customer).where(
            Customer.cadence_due_at.is_not(None), Customer.cadence_due_at <= now)
            .options(defer(Customer.national_id, raiseload=True))
            .order_by(Customer.cadence_due_at, Customer.id).limit(limit)
            .with_for_update(skip_locked=True)).all()

    def by_ids(self, ids: Sequence[int]) -> Sequence[Customer]:
        """These customers (any workspace: for sweeps), in id order."""
        if not ids:
            return []
        return self.s.scalars(select(Customer).where(Customer.id.in_(ids))
                              .options(defer(Customer.national_id, raiseload=True))
                              .order_by(Customer.id)).all()

    def all_ids(self, after: int, limit: int) -> Sequence[int]:
        """Customer ids above `after`, in order: a batch of a walk over every customer."""
        return self.s.scalars(select(Customer.id).where(Customer.id > after)
                              .order_by(Customer.id).limit(limit)).all()

    def add_tags(self, customer: Customer, tags: Sequence[tuple[str, str]]) -> None:
        """Tag a customer with (tag, tag_key) pairs; the keys must be distinct."""
        self.s.add_all(CustomerTag(customer_id=customer.id, workspace_id=customer.workspace_id,
                                   tag=tag, tag_key=key) for tag, key in tags)

    def add_if_name_free(self, customer: Customer) -> Customer | None:
        """Insert the customer, or None when its name is already taken (a concurrent double
        submission loses here, on the unique name key, instead of failing the request)."""
        try:
            with self.s.begin_nested():
                self.s.add(customer)
                self.s.flush()
        except IntegrityError:
            return None
        return customer

    def tags_of(self, workspace_id: str, customer_id: int) -> Sequence[CustomerTag]:
        """A customer's tags, in no particular order."""
        return self.s.scalars(select(CustomerTag).where(
            CustomerTag.workspace_id == workspace_id,
            CustomerTag.customer_id == customer_id)).all()

    def remove_tags(self, tags: Sequence[CustomerTag]) -> None:
        """Delete tag rows (one by one, so the audit trail records each removal)."""
        for tag in tags:
            self.s.delete(tag)
        self.s.flush()

    def tags_for(self, workspace_id: str, customer_ids: Sequence[int]) -> dict[int, list[str]]:
        """The tags of these customers, sorted, by customer id."""
        if not customer_ids:
            return {}
        rows = self.s.execute(select(CustomerTag.customer_id, CustomerTag.tag).where(
            CustomerTag.workspace_id == workspace_id,
            CustomerTag.customer_id.in_(customer_ids)))
        return _grouped(rows)

    def tagged_with(self, customer_ids: Sequence[int], tag_keys: Sequence[str]) -> set[int]:
        """Which of these customers (ids read from one workspace) carry any of these tags."""
        if not customer_ids or not tag_keys:
            return set()
        return set(self.s.scalars(select(CustomerTag.customer_id).where(
            CustomerTag.customer_id.in_(customer_ids), CustomerTag.tag_key.in_(tag_keys))))

    def owned_tagged_with(self, owners: Sequence[str], tag_keys: Sequence[str]) -> set[int]:
        """Which customers these people own carry any of these tags: found from the owners,
        not from a list of a team's thousands of ids (with 10,000 of them PostgreSQL took
        0.2 s, bench/review.py)."""
        if not owners or not tag_keys:
            return set()
        owned = select(Customer.id).where(Customer.owner_id.in_(owners))
        return set(self.s.scalars(select(CustomerTag.customer_id).where(
            CustomerTag.customer_id.in_(owned), CustomerTag.tag_key.in_(tag_keys))))

    def listing(self, q: ListQuery) -> tuple[int, Sequence[tuple[Customer, datetime | None]]]:
        """How many customers match, and the first `limit` with their last contact: close
        likelihood A first, then the most recently contacted, then by name."""
        where = self.matching(q)
        total = int(self.s.scalar(select(func.count()).select_from(Customer).where(*where))
                    or 0)
        # Correlated per matching customer: one probe of ix_follow_ups_customer
        # (customer_id, status, created_at), not a scan of the logs.
        last = (select(func.max(contact_time())).where(
            FollowUp.customer_id == Customer.id, FollowUp.status == "recorded")
            .correlate(Customer).scalar_subquery())
        grade = case((Customer.likelihood == "A", 0), (Customer.likelihood == "B", 1),
                     (Customer.likelihood == "C", 2), else_=3)
        rows = self.s.execute(
            select(Customer, last.label("last")).where(*where)
            .options(defer(Customer.national_id, raiseload=True))
            .order_by(grade, case((last.is_(None), 1), else_=0), last.desc(),
                      Customer.name_key, Customer.id)
            .limit(q.limit))
        return total, [(row[0], row[1]) for row in rows]

    def matching(self, q: ListQuery) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [Customer.workspace_id == q.workspace_id]
        for key in q.tag_keys:  # each tag: an index probe on ix_customer_tags_key
            where.append(Customer.id.in_(select(CustomerTag.customer_id).where(
                CustomerTag.workspace_id == q.workspace_id, CustomerTag.tag_key == key)))
        for column, value in ((Customer.stage, q.stage), (Customer.likelihood, q.likelihood),
                              (Customer.value_tier, q.tier), (Customer.owner_id, q.owner)):
            if value is not None:
                where.append(column == value)
        if q.seen_by is not None:
            # The list as SQL: owned and not pooled (ix_customers_owner_stage, then the pool
            # state's primary key), or shared with one of them (ix_customer_people_user): a
            # rep's list grows with their own customers, not with the workspace.
            people = list(q.seen_by)
            owned = aliased(Customer)
            where.append(Customer.id.in_(union(
                select(owned.id).where(
                    owned.workspace_id == q.workspace_id, owned.owner_id.in_(people),
                    ~exists().where(PoolState.customer_id == owned.id,
                                    PoolState.in_pool_since.is_not(None))),
                select(CustomerPerson.customer_id).where(
                    CustomerPerson.workspace_id == q.workspace_id,
                    CustomerPerson.user_id.in_(people), CustomerPerson.role == SHARED))))
        return where


def _grouped(rows: Iterable[Any]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for customer_id, tag in rows:
        found.setdefault(customer_id, []).append(tag)
    # Sorted here, not in SQL: PostgreSQL's collation would order Chinese tags differently.
    return {k: sorted(v, key=lambda t: (t.casefold(), t)) for k, v in found.items()}
