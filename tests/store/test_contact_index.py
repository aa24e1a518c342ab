"""A customer's newest contact is one probe of ix_follow_ups_contact, in the order the
contact happened, on both databases: reading a log looks it up, and a key account's history
grows for years. And it is the newest by when the contact happened, not by when it was
logged ("visited Acme yesterday", typed today after a call logged this morning)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select, text

from bot.domain.customers import name_key
from store.engine import make_engine, make_session_factory
from store.models import Customer, FollowUp
from store.repositories.follow_ups import last_log_id
from store.uow import UnitOfWork

NOW = datetime(2026, 12, 4, 8, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _plan(engine: Engine) -> str:
    statement = select(Customer.id, last_log_id()).where(Customer.id.in_([1, 2]))
    sql = str(statement.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))  # a tiny table would be scanned
            rows = conn.execute(text("EXPLAIN " + sql)).scalars().all()
        else:
            rows = [r[3] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]
    return "\n".join(rows)


def test_the_newest_contact_is_read_through_the_contact_index_without_a_sort(engine) -> None:
    plan = _plan(engine)
    assert "ix_follow_ups_contact" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan


def test_the_newest_contact_is_the_latest_that_happened_not_the_latest_logged(engine) -> None:
    factory = make_session_factory(engine)
    with UnitOfWork(factory) as uow:
        acme = Customer(workspace_id="T1", name="Acme", name_key=name_key("Acme"),
                        owner_id="U1", created_by="U1", created_at=NOW - timedelta(days=30))
        uow.session.add(acme)
        uow.session.flush()
        uow.act_as("U1", NOW)

        def log(key: str, logged: datetime, happened: datetime | None) -> FollowUp:
            row = FollowUp(workspace_id="T1", author_id="U1", source="slash", source_key=key,
                           raw_text=key, status="recorded", summary=key, confidence=1.0,
                           customer_id=acme.id, attempts=1, created_at=logged,
                           updated_at=logged, happened_at=happened)
            uow.session.add(row)
            return row

        log("call this morning", NOW - timedelta(hours=2), None)
        log("visited yesterday", NOW, NOW - timedelta(days=1))
        log("an old one", NOW - timedelta(days=9), None)
        uow.commit()
    with UnitOfWork(factory) as uow:
        newest = uow.follow_ups.newest_for_customers([acme.id])[acme.id]
        assert newest.raw_text == "call this morning"
