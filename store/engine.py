"""Engines and sessions; built when asked for, never at import time."""

from __future__ import annotations

import os
import threading
from typing import Any
from weakref import WeakKeyDictionary

try:
    import fcntl
except ImportError:  # Windows: SQLite's own busy_timeout arbitrates between processes
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.storable import storable
from store.writer_queue import WriterQueue

POSTGRES_POOL_SIZE = 28
SAFETY_CHECKPOINT_PAGES = 25_000  # ~100 MB of write-ahead log
SQLITE_MAP_BYTES = 256 * 1024 * 1024
# An execution option: someone waits for this transaction's answer (the acknowledgement's
# INSERT); on SQLite it goes before background writers waiting at the same moment.
ANSWER_WAITS = "answer_waits"
# A unit of work that only reads (store.uow.UnitOfWork.reading): on SQLite it takes no writer
# lock and cannot write.
READ_ONLY = "read_only"
# A unit of work whose transaction may be ended early (store.uow.UnitOfWork.giving_way): on
# SQLite, when an answer starts waiting for the one writer it holds, its next statement raises
# GaveWay and the caller does the work again later. Nothing changes elsewhere.
GIVES_WAY = "gives_way"


class GaveWay(Exception):
    """A transaction that gives way was ended so that an answer could write first; nothing it
    did was kept."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout and write-ahead locking."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # Statement parameters are customers' data and people's words: never in error messages.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        _tune_sqlite(engine)
        _keep_unstorable_text(engine)
        return engine
    # SQLAlchemy keeps 5 connections by default and closes any extra one when it is given back:
    # with waitress's threads (16, bot/web.py) and the background workers (reader, sender, its
    # 8 sending threads, lease keeper, tick), requests then paid for a new PostgreSQL
    # connection (a server process fork) under load. Keep enough for all of them.
    kwargs.setdefault("pool_size", POSTGRES_POOL_SIZE)
    kwargs.setdefault("max_overflow", 10)
    engine = create_engine(url, pool_pre_ping=True, **kwargs)
    _keep_unstorable_text(engine)
    return engine


def _keep_unstorable_text(engine: Engine) -> None:
    """Every text parameter reaches the database in a form it can store (NUL and lone
    surrogates become U+FFFD, bot/domain/storable.py), on both databases alike.

    Raw words are stored in many places (logs, complaints, customer fields, tags, audit
    rows, thread replies); PostgreSQL refused a NUL in any of them and the request or the
    event was lost. Here is the one place they all pass, including ones added later."""

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _clean(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
               executemany: bool) -> tuple[str, Any]:
        if executemany and isinstance(parameters, list):
            return statement, [_clean_row(row) for row in parameters]
        return statement, _clean_row(parameters)


def _clean_row(row: Any) -> Any:
    if isinstance(row, dict):
        if any(isinstance(v, str) and storable(v) is not v for v in row.values()):
            return {k: storable(v) if isinstance(v, str) else v for k, v in row.items()}
        return row
    if isinstance(row, tuple | list) and any(
            isinstance(v, str) and storable(v) is not v for v in row):
        return type(row)(storable(v) if isinstance(v, str) else v for v in row)
    return row


# Per SQLite engine, whether the calling thread holds its one writer (`holder.busy`).
_WRITERS: WeakKeyDictionary[Engine, threading.local] = WeakKeyDictionary()


# Per SQLite engine, the queue for its one writer within this process.
_QUEUES: WeakKeyDictionary[Engine, WriterQueue] = WeakKeyDictionary()


def writer_queue(engine: Engine) -> WriterQueue | None:
    """The queue for this SQLite file's writer in this process (None on other databases)."""
    return _QUEUES.get(engine)


def holds_writer(engine: Engine) -> bool:
    """Whether this thread is inside a writing transaction on this SQLite database."""
    holder = _WRITERS.get(engine)
    return holder is not None and getattr(holder, "busy", False)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (below) instead of pysqlite's deferred one.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 10000")
        if is_sqlite_file(engine):
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            # SQLite copies the write-ahead log into the database in whichever commit
            # crosses 1,000 pages, which made one sweep or answer in ~30 wait 15 ms for it.
            # The bot checkpoints in the background every second (checkpoint() below); this
            # only bounds the log if nothing does.
            cur.execute(f"PRAGMA wal_autocheckpoint = {SAFETY_CHECKPOINT_PAGES}")
            # Reads go straight to the OS's copy of the file, shared by every connection,
            # instead of through each connection's 2 MB page cache: one query that reads a
            # whole table (a list, an export) evicted the matching index's pages, and the
            # next log's probe at 100,000 customers took 3-5 ms instead of 1
            # (bench/customer_match.py). Pages past the first 256 MB are read as before.
            cur.execute(f"PRAGMA mmap_size = {SQLITE_MAP_BYTES}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    # SQLite lets one writer in at a time and makes the others poll, sleeping up to 100 ms
    # between tries: under load that polling, not the work, made the slowest answers. Within
    # one process the writers queue instead and start the moment it is free, an answer someone
    # waits for before background work (store/writer_queue.py); across
    # processes (a worker beside `serve`, a CLI command beside the bot) they queue on an OS
    # lock on a file beside the database. busy_timeout remains for anything else that
    # writes to the file (the sqlite3 shell).
    writer = _QUEUES[engine] = WriterQueue()
    other_processes = _ProcessLock.beside(engine.url.database)
    holder = _WRITERS[engine] = threading.local()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY, False):
            # A reader: WAL lets it read beside the writer, so it need not queue for the
            # writer's turn. Background reads (what a message shows, whether anything is due)
            # held that turn for 3-15 ms each while acknowledgements waited behind them
            # (bench/ack_latency.py). `query_only` makes a stray write fail, not slip past
            # the queue.
            driver = conn.connection.dbapi_connection
            driver.execute("PRAGMA query_only = ON")
            driver.execute("BEGIN")
            conn.info["reads_only"] = True
            return
        if getattr(holder, "busy", False):
            # A second transaction in the same thread would wait for its own lock forever.
            raise RuntimeError("a SQLite transaction was opened inside another one in the "
                               "same thread; finish the first unit of work before the next")
        options = conn.get_execution_options()
        gives_way = options.get(GIVES_WAY, False)
        writer.acquire(urgent=options.get(ANSWER_WAITS, False), gives_way=gives_way)
        holder.busy = True
        try:
            other_processes.acquire()
            try:
                # IMMEDIATE takes the write lock up front, so a transaction never fails with
                # "database is locked" when it upgrades a read to a write. Sent on the driver's
                # connection: through SQLAlchemy's execute, BEGIN and COMMIT cost a tenth of
                # an acknowledgement's CPU (bench/ack_latency.py).
                conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE")
            except BaseException:
                other_processes.release()
                raise
        except BaseException:
            holder.busy = False
            writer.release()
            raise
        conn.info["holds_writer"] = True
        if gives_way:
            conn.info["gives_way"] = True

    @event.listens_for(engine, "before_cursor_execute")
    def _give_way(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                  executemany: bool) -> None:
        if writer.must_give_way() and conn.info.get("gives_way", False):
            raise GaveWay("an answer is waiting for SQLite's writer")

    def _finish(conn: Any, statement: str) -> None:
        # These events come before SQLAlchemy's own commit/rollback, so end the transaction
        # here (the DB-API call after it then finds none open) and only then let the next
        # writer in.
        if conn.info.pop("reads_only", False):
            driver = conn.connection.dbapi_connection
            if driver.in_transaction:
                driver.execute("ROLLBACK")  # it wrote nothing: nothing to keep
            driver.execute("PRAGMA query_only = OFF")
            return
        conn.info.pop("gives_way", None)
        if not conn.info.pop("holds_writer", False):
            return
        try:
            driver = conn.connection.dbapi_connection
            if driver.in_transaction:
                driver.execute(statement)
        finally:
            other_processes.release()
            holder.busy = False
            writer.release()

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Any) -> None:
        _finish(conn, "COMMIT")

    @event.listens_for(engine, "rollback")
    def _on_rollback(conn: Any) -> None:
        _finish(conn, "ROLLBACK")


def is_sqlite_file(engine: Engine) -> bool:
    """A SQLite database in a file (not in memory): the one with a write-ahead log."""
    return engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")


def checkpoint(engine: Engine) -> None:
    """Copy SQLite's write-ahead log into the database, off the request path. PASSIVE: it
    neither waits for nor blocks readers and writers. Nothing to do on PostgreSQL."""
    if not is_sqlite_file(engine):
        return
    raw = engine.raw_connection()
    try:
        # On the DB-API connection in autocommit, so it opens no transaction (and takes no
        # writer lock) around the checkpoint.
        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # type: ignore[union-attr]
    finally:
        raw.close()


class _ProcessLock:
    """An exclusive lock shared by every process that opens the same SQLite file (flock on
    `<database>-writer.lock`); waiting on it sleeps in the kernel and wakes on release.
    Held by one thread at a time (the in-process lock is taken first)."""

    def __init__(self, path: str | None) -> None:
        self._path = path
        self._fd: int | None = None

    @classmethod
    def beside(cls, database: str | None) -> _ProcessLock:
        if not database or database == ":memory:" or database.startswith("file:") \
                or fcntl is None:
            return cls(None)
        return cls(f"{os.path.abspath(database)}-writer.lock")

    def acquire(self) -> None:
        if self._path is None or fcntl is None:
            return
        # Opened per transaction (a few microseconds) so no descriptor outlives the engine.
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases its lock


# The engine each autocommit copy (make_session_factory) was made from.
_BASES: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()


def base_engine(bind: Engine) -> Engine:
    """The engine `bind` is a copy of with other options, or `bind` itself."""
    return _BASES.get(bind, bind)


def make_session_factory(engine: Engine, *, autocommit: bool = False) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (results are rendered after it) and
    write the audit trail of every change they save.

    `autocommit` (PostgreSQL only) makes each statement its own transaction: for a unit of
    work of one statement it saves the BEGIN and COMMIT round trips. SQLite keeps its
    transactions, because its writers queue on the lock taken when one begins."""
    from store import audit, match_index, memo

    bind = engine
    if autocommit and engine.dialect.name == "postgresql":
        bind = engine.execution_options(isolation_level="AUTOCOMMIT")
        _BASES[bind] = engine
    factory = sessionmaker(bind, expire_on_commit=False)
    audit.install(factory)
    match_index.install(factory)
    memo.install(factory)
    return factory
