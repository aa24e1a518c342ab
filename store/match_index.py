"""Keeps the customer matching index (customer_match_keys) in step with the customers: every
session the factory makes rewrites a customer's name keys when it is created or renamed,
and adds a contact's keys when a file names one or a log attached to it does. Contacts are
never removed: a person a rep once logged stays findable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, delete, event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.name_keys import contact_keys, customer_keys
from store.models import Customer, CustomerMatchKey, FollowUp

_KEYS: Table = CustomerMatchKey.__table__  # type: ignore[assignment]


def install(factory: sessionmaker[Session]) -> None:
    """Maintain the index in every session the factory makes."""
    event.listen(factory, "after_flush", _after_flush)


def _after_flush(session: Session, _context: Any) -> None:
    renamed: list[Customer] = []
    contacts: list[tuple[str, int, str]] = []
    for row in list(session.new) + list(session.dirty):
        if isinstance(row, Customer):
            state = inspect(row)
            if row in session.new or state.attrs["name"].history.has_changes():
                renamed.append(row)
            if row.contact_person and (row in session.new or
                                       state.attrs["contact_person"].history.has_changes()):
                contacts.append((row.workspace_id, row.id, row.contact_person))
        elif isinstance(row, FollowUp) and row.customer_id and row.contact:
            state = inspect(row)
            if row in session.new or any(state.attrs[f].history.has_changes()
                                         for f in ("customer_id", "contact")):
                contacts.append((row.workspace_id, row.customer_id, row.contact))
    if renamed or contacts:
        connection = session.connection()
        index_names(connection, ((c.workspace_id, c.id, c.name) for c in renamed))
        index_contacts(connection, contacts)


def index_names(connection: Connection, customers: Iterable[tuple[str, int, str]]) -> None:
    """(Re)write the name keys of these (workspace, id, name) customers."""
    customers = list(customers)
    if not customers:
        return
    connection.execute(delete(_KEYS).where(_KEYS.c.customer_id.in_([c[1] for c in customers]),
                                           _KEYS.c.label.is_(None)))
    rows = [dict(workspace_id=ws, key=key, customer_id=cid, label=None)
            for ws, cid, name in customers for key in sorted(customer_keys(name))]
    if rows:
        connection.execute(insert(_KEYS), rows)


def index_contacts(connection: Connection, contacts: Iterable[tuple[str, int, str]]) -> None:
    """Add the keys of these (workspace, customer id, person) contacts, once each."""
    wanted = {(ws, cid, person.strip()[:200]) for ws, cid, person in contacts
              if person.strip()}
    if not wanted:
        return
    known = set(connection.execute(select(_KEYS.c.customer_id, _KEYS.c.label).where(
        _KEYS.c.customer_id.in_({cid for _, cid, _ in wanted}),
        _KEYS.c.label.is_not(None))).all())
    rows = [dict(workspace_id=ws, key=key, customer_id=cid, label=person)
            for ws, cid, person in sorted(wanted) if (cid, person) not in known
            for key in sorted(contact_keys(person))]
    if rows:
        connection.execute(insert(_KEYS), rows)


def rebuild(connection: Connection, workspace_id: str | None = None) -> int:
    """Index every customer (of one workspace, or all) from scratch: after a bulk load that
    went around the session, and by the migration that made the index. Returns how many."""
    where = [] if workspace_id is None else [_KEYS.c.workspace_id == workspace_id]
    connection.execute(delete(_KEYS).where(*where))
    table: Table = Customer.__table__  # type: ignore[assignment]
    query = select(table.c.workspace_id, table.c.id, table.c.name, table.c.contact_person)
    if workspace_id is not None:
        query = query.where(table.c.workspace_id == workspace_id)
    count = 0
    batch: list[tuple[str, int, str, str | None]] = []
    for ws, cid, name, contact in connection.execute(query.order_by(table.c.id)):
        batch.append((ws, cid, name, contact))
        if len(batch) >= 2000:
            count += _index_batch(connection, batch)
            batch = []
    return count + _index_batch(connection, batch)


def _index_batch(connection: Connection, batch: list[tuple[str, int, str, str | None]]) -> int:
    index_names(connection, ((ws, cid, name) for ws, cid, name, _ in batch))
    index_contacts(connection, ((ws, cid, c) for ws, cid, _, c in batch if c))
    return len(batch)
