"""Background work that gives way: on SQLite a log's reading ends, keeping nothing, when an
acknowledgement starts waiting for the writer it holds; on PostgreSQL nothing waits for it."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from store.engine import GaveWay, make_engine, make_session_factory, writer_queue
from store.migrate import upgrade
from store.models import Customer, FollowUp
from store.uow import OneInsert, UnitOfWork

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _log(source_key: str) -> dict[str, object]:
    return dict(workspace_id="T1", author_id="U1", source="slash", source_key=source_key,
                raw_text="Acme: called", status="received", summary="", confidence=0.0,
                reply_channel=None, reply_url=None, reply_thread_ts=None, source_ts=None,
                attempts=0, created_at=NOW, updated_at=NOW)


def _customer(name: str) -> Customer:
    return Customer(workspace_id="T1", name=name, name_key=name.lower(), owner_id="U1",
                    created_by="U1", created_at=NOW)


def _acknowledge_meanwhile(engine: Engine) -> threading.Thread:
    """An acknowledgement's INSERT from another thread; on SQLite, returned once it waits for
    the writer this thread holds."""
    single = make_session_factory(engine, autocommit=True)

    def acknowledge() -> None:
        with OneInsert(UnitOfWork(single)) as insert:
            assert insert.log(_log("slash:ack")) is not None
            insert.commit()

    thread = threading.Thread(target=acknowledge)
    thread.start()
    queue = writer_queue(engine)
    deadline = time.monotonic() + 10
    while queue is not None and queue.waiting()[0] == 0:
        assert time.monotonic() < deadline, "the acknowledgement never waited"
        time.sleep(0.001)
    return thread


def _two_customers_with_an_acknowledgement_between(
        uow: UnitOfWork, engine: Engine, acknowledgements: list[threading.Thread]) -> None:
    """Add two customers and commit, an acknowledgement (kept in `acknowledgements`, even if
    the unit gives way) arriving after the first."""
    uow.session.add(_customer("Acme"))
    uow.session.flush()  # on SQLite, holds the writer from here
    acknowledgements.append(_acknowledge_meanwhile(engine))
    uow.session.add(_customer("Globex"))
    uow.session.flush()
    uow.commit()


def _counts(engine: Engine) -> tuple[int, int]:
    with UnitOfWork(make_session_factory(engine)).reading() as uow:
        return (int(uow.session.scalar(select(func.count()).select_from(Customer)) or 0),
                int(uow.session.scalar(select(func.count()).select_from(FollowUp)) or 0))


def test_a_unit_that_gives_way_ends_for_an_acknowledgement_and_keeps_nothing(
        db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        factory = make_session_factory(engine)
        gave_way = False
        acknowledgements: list[threading.Thread] = []
        try:
            with UnitOfWork(factory).giving_way() as uow:
                _two_customers_with_an_acknowledgement_between(uow, engine, acknowledgements)
        except GaveWay:
            gave_way = True
        acknowledgements[0].join(10)
        sqlite = engine.dialect.name == "sqlite"
        assert gave_way is sqlite
        assert _counts(engine) == ((0, 1) if sqlite else (2, 1))
    finally:
        engine.dispose()


def test_a_unit_that_does_not_give_way_finishes_and_the_acknowledgement_follows(
        db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        acknowledgements: list[threading.Thread] = []
        with UnitOfWork(make_session_factory(engine)) as uow:
            _two_customers_with_an_acknowledgement_between(uow, engine, acknowledgements)
        acknowledgements[0].join(10)
        assert _counts(engine) == (2, 1)
    finally:
        engine.dispose()


def test_giving_way_inside_a_shared_unit_of_work_joins_it_and_does_not_give_way(
        tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/crm.db")
    try:
        upgrade(engine)
        factory = make_session_factory(engine)
        acknowledgements: list[threading.Thread] = []
        with UnitOfWork(factory) as outer, outer.shared():
            with UnitOfWork(factory).giving_way() as uow:
                _two_customers_with_an_acknowledgement_between(uow, engine, acknowledgements)
            outer.commit()
        acknowledgements[0].join(10)
        assert _counts(engine) == (2, 1)
    finally:
        engine.dispose()
