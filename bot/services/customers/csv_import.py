"""Bring customer files in from a CSV file's rows, and hand them all out again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.care_dates import NAMED_FIELD
from bot.domain.classification import WON
from bot.domain.customer_file import (
    COLUMNS,
    CustomerRecord,
    DuplicateIndex,
    clean_row,
    tag_key,
)
from bot.domain.customers import name_key
from bot.domain.problems import Problem, problem
from bot.domain.revisit_plans import AFTER_PURCHASE
from bot.services.care.dates import apply_file_care_dates
from bot.services.context import ServiceContext
from bot.services.pool.terms import enrol
from bot.services.revisits.plans import start_plan
from bot.services.tasks.cadence import refresh_cadences
from store.models import Customer
from store.repositories import Customers


@dataclass(frozen=True)
class SkippedRow:
    """A row left out, with the line of the file it starts on and why."""

    line: int
    problems: tuple[Problem, ...]


@dataclass
class ImportReport:
    """What an import did: how many customers it created and which rows it left out."""

    imported: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)


def import_customers(ctx: ServiceContext, workspace_id: str,
                     rows: Iterable[tuple[int, dict[str, str]]], actor: str, now: datetime,
                     *, default_owner: str | None = None) -> ImportReport:
    """Create a customer for every good row; bad rows and duplicates are reported, not written.
    A customer imported as won starts its after-purchase revisits (once: importing the file
    again finds it a duplicate). A stage comes in as the customer's stage, not as a move: the
    nightly review does not list an import, and a customer imported lost has no loss date.

    Every row is checked, and checked against the existing customers and the rows before
    it, before anything is written; then all good rows are written in one transaction. So a
    row is either imported whole or not at all, and an error while writing leaves the
    database as it was.
    """
    report = ImportReport()
    created: list[Customer] = []
    with ctx.uow() as uow:
        uow.act_as(actor, now)
        known = DuplicateIndex(uow.customers.identities(workspace_id))
        for line, row in rows:
            checked = clean_row(row, default_owner)
            if isinstance(checked, list):
                report.skipped.append(SkippedRow(line, tuple(checked)))
                continue
            same = known.match(checked.name, checked.phone, checked.email)
            if same is not None:
                what, existing = same
                report.skipped.append(SkippedRow(line, (
                    problem("duplicate", name=existing[:80], field=what),)))
                continue
            known.add(checked.name, checked.phone, checked.email)
            customer = _create(uow.customers, workspace_id, checked, actor, now)
            apply_file_care_dates(ctx, uow, customer, checked.care_dates, source="import",
                                  actor=actor, now=now)
            created.append(customer)
            report.imported += 1
        for customer in created:
            if customer.stage == WON:  # bought already: its after-sale calls start now
                start_plan(ctx, uow, customer, AFTER_PURCHASE, now, actor, now, "import")
        refresh_cadences(ctx, uow, created, now)
        for customer in created:
            enrol(ctx, uow, customer, actor, now)
        uow.commit()
    return report


def _create(customers: Customers, workspace_id: str, record: CustomerRecord, actor: str,
            now: datetime) -> Customer:
    customer = customers.add(Customer(
        workspace_id=workspace_id, name=record.name, name_key=name_key(record.name),
        owner_id=record.owner, created_by=actor, created_at=now, phone=record.phone,
        email=record.email, kind=record.kind, industry=record.industry, size=record.size,
        occupation=record.occupation, contact_person=record.contact_person,
        contact_title=record.contact_title, needs=record.needs,
        source_channel=record.source_channel, first_contact=record.first_contact,
        stage=record.stage))
    customers.add_tags(customer, [(t, tag_key(t)) for t in record.tags])
    return customer


def export_customers(ctx: ServiceContext, workspace_id: str) -> list[dict[str, str]]:
    """Every customer of the workspace as a CSV row (English headers; no sensitive fields)."""
    with ctx.uow() as uow:
        tags = uow.customers.tags_by_customer(workspace_id)
        dates = uow.care_dates.file_dates(workspace_id)
        columns = export_columns(ctx)
        return [_row(c, tags.get(c.id, []), dates.get(c.id, {}), columns)
                for c in uow.customers.all_for_export(workspace_id)]


def export_columns(ctx: ServiceContext) -> list[str]:
    """The export's columns: the file's own, then one per named date the team configured."""
    return [f for f, _ in COLUMNS] + [NAMED_FIELD + n for n in ctx.directory.care.named]


def _row(customer: Customer, tags: list[str], dates: dict[str, str],
         columns: list[str]) -> dict[str, str]:
    # national_id is deliberately absent: it never leaves the database in a file.
    values: dict[str, str | None] = {
        "name": customer.name, "kind": customer.kind, "industry": customer.industry,
        "size": customer.size, "occupation": customer.occupation,
        "contact_person": customer.contact_person, "contact_title": customer.contact_title,
        "phone": customer.phone, "email": customer.email, "needs": customer.needs,
        "source_channel": customer.source_channel,
        "first_contact": customer.first_contact.isoformat() if customer.first_contact else None,
        "owner": customer.owner_id, "tags": "; ".join(tags), "stage": customer.stage,
        **dates,
    }
    return {f: values.get(f) or "" for f in columns}
