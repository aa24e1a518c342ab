"""PostgreSQL's acknowledgements are written on the batch writer's own connection
(store/own_connections.py): kept between batches, one per thread, closed when the writer ends
and with the engine, and made anew when the server dropped it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from store.engine import make_engine, make_session_factory
from store.own_connections import own_connections
from store.uow import OneInsert, UnitOfWork
from tests.store.test_engine import _follow_up
from tests.support import databases


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """PostgreSQL only: SQLite writes the acknowledgements together (test_combined_inserts.py).
    """
    server = request.getfixturevalue("_postgres")
    if isinstance(server, str):
        databases.unavailable(server)
    for _ in databases.empty_postgres(server.url):
        made = make_engine(server.url)
        yield made
        made.dispose()


def _log(engine: Engine, key: str) -> tuple[int | None, int]:
    """Insert a log the way an acknowledgement does: its id, and the server process of the
    connection its INSERT was written on."""
    written_by: list[int] = []

    def seen(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO follow_ups"):
            written_by.append(conn.connection.dbapi_connection.info.backend_pid)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        single = make_session_factory(engine, autocommit=True)
        with OneInsert(UnitOfWork(single)) as insert:
            new_id = insert.log(_follow_up(key))
            insert.commit()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return new_id, written_by[-1]  # the last try's (a dropped connection's is tried again)


def _own_pid(engine: Engine) -> int:
    with own_connections(engine).lent() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_batches_are_written_on_the_writers_own_connection_kept_between_them(
        engine: Engine) -> None:
    first, pid = _log(engine, "a")
    again, same_pid = _log(engine, "b")
    assert first is not None and again is not None
    assert same_pid == pid  # kept: no connection made, none taken from the pool
    assert pid != _own_pid(engine)  # the writer's, not the caller's
    assert _log(engine, "a")[0] is None  # a retry: stored already


def test_each_thread_has_a_connection_of_its_own(engine: Engine) -> None:
    mine = _own_pid(engine)
    assert _own_pid(engine) == mine
    other: list[int] = []
    thread = threading.Thread(target=lambda: other.append(_own_pid(engine)))
    thread.start()
    thread.join(10)
    assert other and other[0] != mine


def test_a_writer_that_ends_closes_its_connection(engine: Engine,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Ended after a while with nothing to write; its connection is not left open behind it,
    and the next row starts a writer with a connection of its own."""
    monkeypatch.setattr("store.combined_inserts.WRITER_IDLE_FOR", 0.05)
    engine.dispose()  # a combiner made after the patch
    _, pid = _log(engine, "a")
    deadline = time.monotonic() + 10
    while pid in _server_pids(engine) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert pid not in _server_pids(engine)
    new_id, new_pid = _log(engine, "b")
    assert new_id is not None and new_pid != pid


def _server_pids(engine: Engine) -> list[int]:
    watcher = make_engine(str(engine.url.render_as_string(hide_password=False)))
    try:
        with watcher.connect() as conn:
            return list(conn.execute(text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))
                .scalars())
    finally:
        watcher.dispose()


def test_disposing_the_engine_closes_every_threads_connection(engine: Engine) -> None:
    pids = {_log(engine, "a")[1], _own_pid(engine)}
    thread = threading.Thread(target=lambda: pids.add(_own_pid(engine)))
    thread.start()
    thread.join(10)
    assert len(pids) == 3
    engine.dispose()
    alive = set(_server_pids(engine)) & pids
    assert alive == set()


def test_a_connection_the_server_dropped_is_replaced_and_the_row_still_written(
        engine: Engine) -> None:
    _, pid = _log(engine, "a")
    with engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        admin.commit()
    new_id, new_pid = _log(engine, "b")  # as after a restart of PostgreSQL
    assert new_id is not None and new_pid != pid
