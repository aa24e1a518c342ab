"""Text a database cannot store (NUL, a lone surrogate) is kept as U+FFFD wherever it is
written, on SQLite and PostgreSQL alike (PostgreSQL refused it: issue 11)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, select

from store.models import Change, Customer, CustomerTag
from store.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 2, tzinfo=UTC)


def test_customer_fields_tags_and_their_audit_rows_keep_the_text(services) -> None:
    with services.uow() as uow:
        uow.act_as("U0REP", NOW)
        customer = Customer(workspace_id="T1", name="Acme\x00 Corp", name_key="acme\x00 corp",
                            owner_id="U0REP", created_by="U0REP", created_at=NOW,
                            needs="20 seats\x00\ud83d")
        uow.customers.add(customer)
        uow.session.flush()
        uow.session.add(CustomerTag(customer_id=customer.id, tag_key="ur\x00gent",
                                    workspace_id="T1", tag="Ur\x00gent"))
        uow.commit()
    with services.uow() as uow:
        stored = uow.session.scalars(select(Customer)).one()
        assert (stored.name, stored.needs) == ("Acme\ufffd Corp", "20 seats\ufffd\ufffd")
        assert uow.session.scalar(select(CustomerTag.tag)) == "Ur\ufffdgent"
        # Looked up by the words as typed, it is still found.
        assert uow.customers.by_key("T1", "acme\x00 corp") is not None
        uow.act_as("U0REP", NOW)
        stored.needs = "30\x00 seats"
        uow.commit()
    with services.uow() as uow:
        assert uow.session.scalars(select(Change.new).where(Change.field == "needs")
                                   .order_by(Change.id)).all() == [
            "20 seats\ufffd\ufffd", "30\ufffd seats"]


def test_many_rows_in_one_statement_are_kept_too(services) -> None:
    rows = [dict(workspace_id="T1", name=f"N\x00{i}", name_key=f"n{i}", owner_id="U",
                 created_by="U", created_at=NOW) for i in range(3)]
    with services.uow() as uow:
        assert isinstance(uow, UnitOfWork)
        uow.session.execute(insert(Customer), rows)
        uow.commit()
    with services.uow() as uow:
        assert sorted(uow.session.scalars(select(Customer.name))) == [
            "N\ufffd0", "N\ufffd1", "N\ufffd2"]
