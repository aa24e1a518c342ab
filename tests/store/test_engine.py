"""Engines: a busy server keeps its PostgreSQL connections instead of opening new ones."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, event, text

from store.engine import make_engine
from tests.support import databases

# waitress's 8 request threads, the log reader, the sender and the scheduler's tick.
BUSY_THREADS = 12


def _round_of_busy_threads(engine: Engine) -> None:
    start = threading.Barrier(BUSY_THREADS)

    def work() -> None:
        start.wait()
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_sleep(0.05)"))

    threads = [threading.Thread(target=work) for _ in range(BUSY_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_postgres_connections_are_reused_under_concurrency(_postgres) -> None:
    if isinstance(_postgres, str):
        databases.unavailable(_postgres)
    engine = make_engine(_postgres.url)
    opened: list[object] = []
    event.listen(engine, "connect", lambda conn, _record: opened.append(conn))
    try:
        _round_of_busy_threads(engine)
        first = len(opened)
        _round_of_busy_threads(engine)
        assert first == BUSY_THREADS
        assert len(opened) == first, "connections were closed and opened again"
    finally:
        engine.dispose()
