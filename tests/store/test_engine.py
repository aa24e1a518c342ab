"""Engines: a busy server keeps its PostgreSQL connections instead of opening new ones."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, event, insert, text

from bot.config import Settings
from bot.domain.teams import TeamDirectory
from bot.runtime import open_runtime
from store.engine import SQLITE_MAP_BYTES, checkpoint, make_engine, make_session_factory
from store.migrate import upgrade
from store.models import FollowUp
from store.uow import OneInsert, UnitOfWork
from tests.support import databases
from tests.support.fakes import FakeNotifier

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


def _follow_up(source_key: str) -> dict[str, object]:
    now = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    return dict(workspace_id="T1", author_id="U1", source="slash", source_key=source_key,
                raw_text="Acme: called", status="received", summary="", confidence=0.0,
                reply_channel=None, reply_url=None, reply_thread_ts=None, source_ts=None,
                attempts=0, created_at=now, updated_at=now)


def test_a_single_statement_unit_commits_by_itself_and_leaves_the_pool_transactional(
        db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with UnitOfWork(make_session_factory(engine, autocommit=True)) as uow:
            new_id = uow.follow_ups.insert_unless_seen(_follow_up("slash:1"))
            if engine.dialect.name == "postgresql":
                # Committed by the statement itself: no transaction is left holding an id,
                # so no BEGIN and COMMIT round trips were paid around it.
                assert uow.session.scalar(text("SELECT txid_current_if_assigned()")) is None
            uow.commit()
        with UnitOfWork(make_session_factory(engine)) as uow:
            stored = uow.follow_ups.by_source_key("T1", "slash:1")
            assert stored is not None and stored.id == new_id
            # The pooled connection came back transactional: an unfinished unit of work
            # still leaves nothing behind.
            uow.follow_ups.insert_unless_seen(_follow_up("slash:2"))
            if engine.dialect.name == "postgresql":
                assert uow.session.scalar(text("SELECT txid_current_if_assigned()")) is not None
        with UnitOfWork(make_session_factory(engine)) as uow:
            assert uow.follow_ups.by_source_key("T1", "slash:2") is None
    finally:
        engine.dispose()


def test_sqlite_writers_in_two_processes_queue_instead_of_failing(tmp_path: Path) -> None:
    """Two engines on one file stand for two processes (a worker beside `serve`): the second
    writer waits for the first one's commit on the shared lock file, even with SQLite's own
    busy wait turned off, where it would fail at once with "database is locked"."""
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    first, second = make_engine(url), make_engine(url)
    upgrade(first)
    event.listen(second, "connect",
                 lambda dbapi_conn, _record: dbapi_conn.execute("PRAGMA busy_timeout = 0"))
    trying, failures = threading.Event(), []

    def write_from_the_second() -> None:
        try:
            with UnitOfWork(make_session_factory(second)) as uow:
                trying.set()
                uow.follow_ups.insert_unless_seen(_follow_up("slash:second"))
                uow.commit()
        except Exception as exc:  # noqa: BLE001 - the test reports it below
            failures.append(exc)

    try:
        with UnitOfWork(make_session_factory(first)) as uow:
            uow.follow_ups.insert_unless_seen(_follow_up("slash:first"))
            other = threading.Thread(target=write_from_the_second)
            other.start()
            assert trying.wait(5)
            other.join(0.3)
            assert other.is_alive() and not failures, failures  # waiting, not failed
            uow.commit()
        other.join(5)
        assert not failures, failures
        with UnitOfWork(make_session_factory(first)) as uow:
            assert uow.follow_ups.by_source_key("T1", "slash:second") is not None
    finally:
        first.dispose()
        second.dispose()


def test_sqlite_commits_leave_the_log_to_the_background_checkpoint(tmp_path: Path) -> None:
    """A commit never copies the write-ahead log into the database (which made one answer
    in ~30 wait for it); checkpoint() does, off the request path."""
    database = tmp_path / "crm.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    checkpoint(engine)
    before = database.stat().st_size
    rows = [{**_follow_up(f"slash:{i}"), "raw_text": "x" * 1500} for i in range(4000)]
    try:
        with engine.begin() as conn:  # ~6 MB: past SQLite's own 1,000-page checkpoint
            conn.execute(insert(FollowUp), rows)
        assert database.stat().st_size - before < 1_000_000  # still only in the log
        checkpoint(engine)
        assert database.stat().st_size - before > 5_000_000
    finally:
        engine.dispose()


def test_the_running_bot_checkpoints_sqlite_every_second(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'crm.db'}", sweep_seconds=3600)
    runtime = open_runtime(settings, TeamDirectory(), workspace_id="T1")
    try:
        runtime.start_background(FakeNotifier())
        assert runtime.scheduler is not None
        job = runtime.scheduler.get_job("checkpoint")
        assert job is not None and job.trigger.interval.total_seconds() == 1
    finally:
        runtime.stop()


def test_one_insert_commits_by_itself_and_a_duplicate_leaves_nothing_held(db_url: str) -> None:
    """The acknowledgement's INSERT: committed on its own (on PostgreSQL in autocommit, on
    SQLite in the batch it was written with), a duplicate source key gives None, and leaving
    without a commit lets the next writer in."""
    engine = make_engine(db_url)
    try:
        single = make_session_factory(engine, autocommit=True)
        woken: list[int] = []
        with OneInsert(UnitOfWork(single)) as insert:
            first = insert.log(_follow_up("slash:1"))
            insert.after_commit(lambda: woken.append(1))
            assert woken == []  # only once committed
            insert.commit()
        assert first is not None and woken == [1]
        with OneInsert(UnitOfWork(single)) as insert:
            assert insert.log(_follow_up("slash:1")) is None  # a retry of the same request
        with OneInsert(UnitOfWork(single)) as insert:
            second = insert.log(_follow_up("slash:2"))  # would wait forever for the lock
        with UnitOfWork(make_session_factory(engine)) as uow:
            assert uow.follow_ups.by_source_key("T1", "slash:1").id == first
            # Left without a commit: the statement committed by itself, as a
            # single-statement unit of work does.
            kept = uow.follow_ups.by_source_key("T1", "slash:2")
            assert kept is not None and kept.id == second
    finally:
        engine.dispose()


def test_one_insert_inside_a_shared_unit_of_work_commits_with_it(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        factory = make_session_factory(engine)
        # Left without committing the shared unit of work: nothing may be written (and on
        # SQLite a second connection here would have waited for this thread's own lock).
        with UnitOfWork(factory) as outer, outer.shared(), \
                OneInsert(UnitOfWork(factory)) as insert:
            insert.log(_follow_up("slash:inside"))
            insert.commit()
        with UnitOfWork(factory) as uow:
            assert uow.follow_ups.by_source_key("T1", "slash:inside") is None
    finally:
        engine.dispose()


def test_sqlite_reads_the_file_through_a_memory_map(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/crm.db")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA mmap_size")).scalar() == SQLITE_MAP_BYTES
