"""PostgreSQL's acknowledgements are written on the writing thread's own connection
(store/own_connections.py): kept between batches, one per thread, closed with the engine, and
made anew when the server dropped it."""

from __future__ import annotations

import threading
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
    """Insert a log the way an acknowledgement does, alone (so this thread writes it): its
    id, and the server process of this thread's own connection once it was written."""
    single = make_session_factory(engine, autocommit=True)
    with OneInsert(UnitOfWork(single)) as insert:
        new_id = insert.log(_follow_up(key))
        insert.commit()
    with own_connections(engine).lent() as connection:
        pid = int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())
    return new_id, pid


def test_a_batch_is_written_on_its_writing_threads_own_connection(engine: Engine) -> None:
    written_on: list[object] = []

    def seen(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO follow_ups"):
            written_on.append(conn.connection.dbapi_connection)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        _log(engine, "a")
        _log(engine, "b")
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    own = own_connections(engine).get().connection.dbapi_connection
    assert written_on == [own, own]


def test_a_thread_keeps_its_connection_and_another_thread_has_its_own(engine: Engine) -> None:
    first, pid = _log(engine, "a")
    again, same_pid = _log(engine, "b")
    assert first is not None and again is not None and same_pid == pid
    assert _log(engine, "a")[0] is None  # a retry: stored already
    other: list[int] = []
    thread = threading.Thread(target=lambda: other.append(_log(engine, "c")[1]))
    thread.start()
    thread.join(10)
    assert other and other[0] != pid


def test_disposing_the_engine_closes_every_threads_connection(engine: Engine) -> None:
    pids = {_log(engine, "a")[1]}
    thread = threading.Thread(target=lambda: pids.add(_log(engine, "b")[1]))
    thread.start()
    thread.join(10)
    assert len(pids) == 2
    engine.dispose()
    watcher = make_engine(str(engine.url.render_as_string(hide_password=False)))
    try:
        with watcher.connect() as conn:
            alive = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE pid = ANY(:p)"),
                                 {"p": list(pids)}).scalars().all()
        assert alive == []
    finally:
        watcher.dispose()


def test_a_connection_the_server_dropped_is_replaced_and_the_row_still_written(
        engine: Engine) -> None:
    _, pid = _log(engine, "a")
    with engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        admin.commit()
    new_id, new_pid = _log(engine, "b")  # as after a restart of PostgreSQL
    assert new_id is not None and new_pid != pid
