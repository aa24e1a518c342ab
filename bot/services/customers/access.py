"""The permission checks every command and button makes on the server, read from the
customer's explicit list (bot/domain/access.py) in the caller's unit of work."""

from __future__ import annotations

from datetime import datetime

from bot.domain import access
from bot.services.context import ServiceContext
from store.models import Customer
from store.uow import UnitOfWork


def may_see(ctx: ServiceContext, uow: UnitOfWork, viewer: str, customer: Customer) -> bool:
    """Whether `viewer` may see (and so work) the customer."""
    return access.may_see(ctx.directory, viewer, uow.customers.people_on(customer))


def may_see_contact(ctx: ServiceContext, uow: UnitOfWork, viewer: str,
                    customer: Customer) -> bool:
    """Whether `viewer` may see and change the customer's phone and e-mail."""
    return access.may_see_contact(ctx.directory, viewer, uow.customers.people_on(customer))


def note_worker(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, author: str,
                now: datetime) -> None:
    """An attached log makes its author someone who works the customer (docs/customers.md):
    a teammate who was not on its list goes on it, in its history too. Not while it is
    pooled: working a pooled prospect means claiming it."""
    people = uow.customers.people_on(customer)
    if people.owner is not None and author not in people.everyone:
        uow.pool.share(customer, author, author, now, reason="logged")
