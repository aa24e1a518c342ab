"""Customer files that may lack a required field, for the nightly review. They never commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from store.models import Customer


class FileRow(NamedTuple):
    """A file's required fields as stored (phone and e-mail only as "one of them is set":
    not null and not empty)."""

    id: int
    name: str
    owner_id: str
    created_at: datetime
    kind: str | None
    industry: str | None
    size: str | None
    occupation: str | None
    contact_person: str | None
    contact_title: str | None
    needs: str | None
    source_channel: str | None
    first_contact: date | None
    has_contact: bool

    def values(self) -> dict[str, Any]:
        out = self._asdict()
        out["phone"] = "set" if out.pop("has_contact") else None
        return out


class FileGaps:
    def __init__(self, session: Session) -> None:
        self.s = session

    def oldest_incomplete(self, workspace_id: str | None, owners: Sequence[str],
                          made_before: datetime, required: Mapping[str, Sequence[str]],
                          first: int) -> tuple[Sequence[FileRow], dict[str, int]]:
        """Of the files these people own, made before `made_before`, those in which a field
        `required` names for their kind is empty ("phone" meaning phone and e-mail), or
        whose kind is not one of them: each person's `first` oldest, and how many each has.
        """
        if not owners:
            return [], {}
        contact = or_(_given(Customer.phone), _given(Customer.email))
        by_kind = [and_(Customer.kind == kind, or_(*(_empty(f) for f in fields)))
                   for kind, fields in required.items()]
        owner_files = (Customer.owner_id,)
        oldest = (Customer.created_at, Customer.id)
        incomplete = select(
            Customer.id, Customer.name, Customer.owner_id, Customer.created_at, Customer.kind,
            Customer.industry, Customer.size, Customer.occupation, Customer.contact_person,
            Customer.contact_title, Customer.needs, Customer.source_channel,
            Customer.first_contact, contact.label("has_contact"),
            func.row_number().over(partition_by=owner_files, order_by=oldest).label("place"),
            func.count().over(partition_by=owner_files).label("files"),
        ).where(Customer.owner_id.in_(owners), Customer.created_at < made_before,
                or_(Customer.kind.is_(None), Customer.kind.not_in(list(required)), *by_kind))
        if workspace_id is not None:
            incomplete = incomplete.where(Customer.workspace_id == workspace_id)
        found = incomplete.subquery()
        rows = self.s.execute(select(found).where(found.c.place <= first)
                              .order_by(found.c.created_at, found.c.id)).all()
        counts = {row.owner_id: int(row.files) for row in rows}
        return [FileRow._make((*row[:13], bool(row[13]))) for row in rows], counts


def _given(column: InstrumentedAttribute[str | None]) -> ColumnElement[bool]:
    return and_(column.is_not(None), column != "")


def _empty(field: str) -> ColumnElement[bool]:
    if field == "phone":
        return and_(or_(Customer.phone.is_(None), Customer.phone == ""),
                    or_(Customer.email.is_(None), Customer.email == ""))
    column = getattr(Customer, field)  # a required field is always a column of the file
    if field == "first_contact":
        return column.is_(None)  # type: ignore[no-any-return]
    return or_(column.is_(None), column == "")
