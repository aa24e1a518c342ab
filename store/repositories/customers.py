"""Customers, their tags and the people who work them. They never commit."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from store.models import (
    Customer,
    CustomerTag,
    FollowUp,
    Task,
)


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
