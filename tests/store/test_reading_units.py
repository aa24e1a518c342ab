"""A unit of work that only reads: on SQLite it neither waits for nor holds up the one
writer (an acknowledgement's INSERT), and cannot write; on PostgreSQL it reads as any."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from store.engine import make_engine, make_session_factory
from store.models import Customer
from store.uow import UnitOfWork

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def _customer(name: str) -> Customer:
    return Customer(workspace_id="T1", name=name, name_key=name.lower(), owner_id="U1",
                    created_by="U1", created_at=NOW)


def _count(uow: UnitOfWork) -> int:
    return int(uow.session.scalar(select(func.count()).select_from(Customer)) or 0)


def test_a_reader_reads_while_a_writer_holds_the_lock_and_sees_what_was_committed(
        db_url: str) -> None:
    factory = make_session_factory(make_engine(db_url))
    with UnitOfWork(factory) as uow:
        uow.session.add(_customer("Acme"))
        uow.commit()
    writing, read = threading.Event(), threading.Event()
    counts: list[int] = []

    def writer() -> None:
        with UnitOfWork(factory) as uow:
            uow.session.add(_customer("Globex"))
            uow.session.flush()  # holds the writer's turn from here
            writing.set()
            assert read.wait(10), "the reader waited for the writer"
            uow.commit()

    def reader() -> None:
        assert writing.wait(10)
        with UnitOfWork(factory).reading() as uow:
            counts.append(_count(uow))
        read.set()

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert counts == [1]  # the committed customer, not the one being written
    with UnitOfWork(factory).reading() as uow:
        assert _count(uow) == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_write_in_a_reading_unit_fails_and_the_connection_writes_again_after(
        db_url: str) -> None:
    factory = make_session_factory(make_engine(db_url))
    with UnitOfWork(factory).reading() as uow:
        uow.session.add(_customer("Acme"))
        with pytest.raises(OperationalError, match="readonly"):
            uow.session.flush()
    with UnitOfWork(factory) as uow:  # the same pooled connection, writing as before
        uow.session.add(_customer("Acme"))
        uow.commit()
    with UnitOfWork(factory).reading() as uow:
        assert _count(uow) == 1
