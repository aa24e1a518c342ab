"""Customer files that may lack a required field, for the nightly review. They never commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from store.models import Customer


class FileRow(NamedTuple):
    """A file's required fields as stored (phone and e-mail only as "one of them is set")."""

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

    def possibly_incomplete(self, workspace_id: str | None, owners: Sequence[str],
                            made_before: datetime,
                            required: Mapping[str, Sequence[str]]) -> Sequence[FileRow]:
        """Files these people own, made before `made_before`, in which a field `required`
        names for their kind is empty ("phone" meaning phone or e-mail). Complete files are
        not read: a team owns thousands."""
        if not owners:
            return []
        contact = or_(Customer.phone.is_not(None), Customer.email.is_not(None))
        by_kind = [and_(Customer.kind == kind, or_(*(_empty(f) for f in fields)))
                   for kind, fields in required.items()]
        stmt = select(
            Customer.id, Customer.name, Customer.owner_id, Customer.created_at, Customer.kind,
            Customer.industry, Customer.size, Customer.occupation, Customer.contact_person,
            Customer.contact_title, Customer.needs, Customer.source_channel,
            Customer.first_contact, contact,
        ).where(Customer.owner_id.in_(owners), Customer.created_at < made_before,
                or_(Customer.kind.is_(None), Customer.kind.not_in(list(required)), *by_kind))
        if workspace_id is not None:
            stmt = stmt.where(Customer.workspace_id == workspace_id)
        rows = self.s.execute(stmt.order_by(Customer.created_at, Customer.id))
        return [FileRow._make((*row[:-1], bool(row[-1]))) for row in rows]


def _empty(field: str) -> ColumnElement[bool]:
    if field == "phone":
        return and_(or_(Customer.phone.is_(None), Customer.phone == ""),
                    or_(Customer.email.is_(None), Customer.email == ""))
    column = getattr(Customer, field)  # a required field is always a column of the file
    if field == "first_contact":
        return column.is_(None)  # type: ignore[no-any-return]
    return or_(column.is_(None), column == "")
