"""The audit trail, written by the unit of work itself: no change to a customer, task or log
can be saved without its Change rows (who, when, field, from, to).

The rows go in as one multi-row INSERT at the end of each flush, not as ORM objects: nothing
reads them back in the same unit of work, and as objects each was an INSERT ... RETURNING of
its own (ten for one log read, on SQLite inside the write lock every acknowledgement waits
for)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from store.models import Change, Customer, CustomerTag, FollowUp, Task

SYSTEM = "bot"  # the actor for changes the bot makes by itself (overdue, snooze ending)
FIELDS: dict[type, tuple[str, ...]] = {
    Task: ("status", "title", "due_at", "owner_id", "customer_id", "snoozed_until",
           "overdue_since"),
    FollowUp: ("status", "customer_id", "summary", "next_step", "due_at", "contact"),
    # The whole customer file (domain.md section 11), but never the encrypted national id.
    Customer: ("name", "owner_id", "phone", "email", "value_tier", "stage", "likelihood",
               "kind", "industry", "size", "occupation", "contact_person", "contact_title",
               "needs", "source_channel", "first_contact"),
    CustomerTag: ("tag",),
}
ENTITY = {Task: "task", FollowUp: "log", Customer: "customer", CustomerTag: "customer"}
_NEW = "audit_new"
_ROWS = "audit_rows"


def install(factory: sessionmaker[Session]) -> None:
    """Record changes for every session the factory makes."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush_postexec", _after_flush_postexec)


def act_as(session: Session, actor: str, now: datetime) -> None:
    """Name who is making this unit of work's changes, and when."""
    session.info["actor"], session.info["at"] = actor, now


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    # Rows left by a flush that failed describe changes that never happened.
    rows: list[dict[str, Any]] = []
    session.info[_ROWS] = rows
    for row in session.dirty:
        fields = FIELDS.get(type(row))
        if fields is None or not session.is_modified(row):
            continue
        state = inspect(row)
        for name in fields:
            history = state.attrs[name].history
            if history.has_changes():
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                if old != new:
                    rows.append(_change(session, row, name, old, new))
    for row in session.deleted:
        if isinstance(row, CustomerTag):  # a removed tag: "tag: urgent -> (none)"
            rows.append(_change(session, row, "tag", row.tag, None))
    # New rows get their ids in this flush: their "created" entries are written after it.
    session.info.setdefault(_NEW, []).extend(r for r in session.new if type(r) in FIELDS)


def _after_flush_postexec(session: Session, _context: Any) -> None:
    created, session.info[_NEW] = session.info.get(_NEW, []), []
    rows, session.info[_ROWS] = session.info.get(_ROWS, []), []
    for row in created:
        if not inspect(row).persistent:
            continue  # its insert failed and was rolled back (a savepoint): nothing happened
        for name in FIELDS[type(row)]:
            value = getattr(row, name)
            if value is not None:
                rows.append(_change(session, row, name, None, value))
    if rows:
        session.connection().execute(insert(Change), rows)


def _change(session: Session, row: Any, name: str, old: Any, new: Any) -> dict[str, Any]:
    at = (session.info.get("at") or getattr(row, "updated_at", None)
          or getattr(row, "created_at", None))
    if at is None:
        raise RuntimeError("say who changes what and when: call uow.act_as(actor, now) first")
    customer_id = row.id if isinstance(row, Customer) else row.customer_id
    entity_id = customer_id if isinstance(row, CustomerTag) else row.id
    return dict(workspace_id=row.workspace_id, entity=ENTITY[type(row)], entity_id=entity_id,
                customer_id=customer_id, actor=session.info.get("actor", SYSTEM), at=at,
                field=name, old=_text(old), new=_text(new))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)[:2000]
