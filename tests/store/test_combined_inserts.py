"""The acknowledgements' INSERTs written together (store/combined_inserts.py) in one statement
per table (store/repositories/new_rows.py)."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from store.combined_inserts import CombinedInserts
from store.engine import make_engine, make_session_factory
from store.migrate import upgrade
from store.repositories.follow_ups import NEW_LOGS
from store.uow import OneInsert, UnitOfWork
from tests.store.test_engine import _follow_up

WAIT = 10.0  # seconds a test waits for another thread before it fails


class Batches:
    """A stand-in database: each connection is one batch, recorded with the rows written on
    it once committed, and each statement with the rows it wrote. The first batch can be held
    open until told to finish."""

    def __init__(self, hold_first: bool = False) -> None:
        self.committed: list[list[str]] = []
        self.statements: list[list[str]] = []
        self.first_open = threading.Event()
        self.finish_first = threading.Event()
        if not hold_first:
            self.finish_first.set()
        self._lock = threading.Lock()
        self._next_id = 0

    def connect(self) -> Batch:
        return Batch(self)

    def insert(self, batch: Batch, rows: list[dict[str, Any]]) -> list[int | None]:
        """One statement: it writes all its rows or, refusing one, none."""
        if any(values["key"] == "bad" for values in rows):
            raise ValueError("a row the database refuses")
        if not self.first_open.is_set():
            self.first_open.set()
            assert self.finish_first.wait(WAIT)
        keys = [values["key"] for values in rows]
        batch.rows += keys
        with self._lock:
            self.statements.append(keys)
            first, self._next_id = self._next_id + 1, self._next_id + len(rows)
        return list(range(first, first + len(rows)))


class Batch:
    def __init__(self, db: Batches) -> None:
        self.db = db
        self.rows: list[str] = []

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def commit(self) -> None:
        self.db.committed.append(list(self.rows))


def _queued(combiner: CombinedInserts, count: int) -> None:
    """Wait until `count` rows wait for the next batch."""
    for _ in range(int(WAIT / 0.01)):
        with combiner._lock:
            if len(combiner._waiting) >= count:
                return
        time.sleep(0.01)
    raise AssertionError(f"{count} rows never queued")


def _behind_a_held_batch(keys: list[str]) -> tuple[Batches, object, list[object]]:
    """Write "first" and hold its batch open until every key waits behind it; then
    (the database, first's outcome, each key's outcome: its id or what it raised)."""
    db = Batches(hold_first=True)
    combiner = CombinedInserts(db.connect)  # type: ignore[arg-type]

    def outcome(key: str) -> object:
        try:
            return combiner.insert(db.insert, {"key": key})  # type: ignore[arg-type]
        except ValueError as refused:
            return refused

    with ThreadPoolExecutor(1 + len(keys)) as callers:
        first = callers.submit(outcome, "first")
        assert db.first_open.wait(WAIT)
        later = [callers.submit(outcome, key) for key in keys]
        _queued(combiner, len(keys))
        db.finish_first.set()
        return db, first.result(WAIT), [f.result(WAIT) for f in later]


def test_rows_that_arrive_during_a_batch_are_written_together_in_the_next() -> None:
    db, first, ids = _behind_a_held_batch([f"r{i}" for i in range(8)])

    assert first == 1
    assert db.committed[0] == ["first"]
    assert sorted(db.committed[1]) == [f"r{i}" for i in range(8)]  # one batch, one commit
    assert len(db.committed) == 2
    assert sorted(ids) == list(range(2, 10))  # type: ignore[type-var]  # each its own id
    assert len(db.statements) == 2  # the eight rows in one statement


def test_rows_into_two_tables_go_in_one_statement_per_table() -> None:
    db = Batches(hold_first=True)
    combiner = CombinedInserts(db.connect)  # type: ignore[arg-type]
    other_table = Batches()

    def into_other(batch: Batch, rows: list[dict[str, Any]]) -> list[int | None]:
        return [100 + i for i in other_table.insert(batch, rows)]  # type: ignore[misc]

    with ThreadPoolExecutor(5) as callers:
        first = callers.submit(combiner.insert, db.insert, {"key": "first"})
        assert db.first_open.wait(WAIT)
        later = [callers.submit(combiner.insert, insert, {"key": key}) for insert, key in
                 ((db.insert, "log1"), (into_other, "req1"), (db.insert, "log2"),
                  (into_other, "req2"))]
        _queued(combiner, 4)
        db.finish_first.set()
        ids = [f.result(WAIT) for f in [first, *later]]

    assert db.committed == [["first"], ["log1", "log2", "req1", "req2"]]  # one commit
    assert sorted(db.statements[1:]) == [["log1", "log2"]]
    assert other_table.statements == [["req1", "req2"]]
    assert ids == [1, 2, 101, 3, 102]  # each caller its own row's id


def test_the_caller_who_wrote_a_batch_is_not_kept_for_the_rows_after_it() -> None:
    db = Batches(hold_first=True)
    combiner = CombinedInserts(db.connect)  # type: ignore[arg-type]
    second_open, finish_second = threading.Event(), threading.Event()
    plain = db.insert

    def second_batch_held(batch: Batch, rows: list[dict[str, Any]]) -> list[int | None]:
        second_open.set()
        assert finish_second.wait(WAIT)
        return plain(batch, rows)

    with ThreadPoolExecutor(2) as callers:
        first = callers.submit(combiner.insert, db.insert, {"key": "first"})
        assert db.first_open.wait(WAIT)
        second = callers.submit(combiner.insert, second_batch_held, {"key": "second"})
        _queued(combiner, 1)
        db.finish_first.set()
        # The first caller answers while the batch after its own is still being written.
        assert first.result(WAIT) == 1
        assert second_open.wait(WAIT)
        assert not second.done()
        finish_second.set()
        assert second.result(WAIT) == 2


def test_a_row_the_database_refuses_fails_only_its_own_caller() -> None:
    db, _, (a, bad, b) = _behind_a_held_batch(["a", "bad", "b"])

    assert isinstance(bad, ValueError) and "refuses" in str(bad)
    assert isinstance(a, int) and isinstance(b, int)
    assert sorted(row for batch in db.committed for row in batch) == ["a", "b", "first"]


def test_sixteen_senders_each_get_their_own_row_and_a_retry_gets_none(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        single = make_session_factory(engine, autocommit=True)

        def log(key: str) -> int | None:
            with OneInsert(UnitOfWork(single)) as insert:
                new_id = insert.log(_follow_up(key))
                insert.commit()
                return new_id

        keys = [f"slash:{i}" for i in range(160)]
        with ThreadPoolExecutor(16) as senders:
            ids = list(senders.map(log, keys))
            # Each retried twice at once: one of each pair may be in the same batch as the
            # other, and neither is stored again.
            retried = list(senders.map(log, keys[:16] + keys[:16]))

        assert None not in ids and len(set(ids)) == len(keys)
        assert retried == [None] * 32
        with UnitOfWork(make_session_factory(engine)) as uow:
            for key, new_id in zip(keys, ids, strict=True):
                stored = uow.follow_ups.by_source_key("T1", key)
                assert stored is not None and stored.id == new_id
    finally:
        engine.dispose()


def test_rows_written_together_each_get_their_own_id_or_none_when_seen(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            (stored,) = NEW_LOGS.insert(connection, [_follow_up("slash:stored")])
            # A NUL is stored as U+FFFD (store/engine.py): the row is still found by its key.
            ids = NEW_LOGS.insert(connection, [
                _follow_up("slash:a"), _follow_up("slash:stored"), _follow_up("slash:b\x00"),
                _follow_up("slash:a"), _follow_up("slash:c")])
            connection.commit()
        assert stored is not None
        a, seen, b, a_again, c = ids
        assert seen is None and a_again is None  # stored before; earlier in the same batch
        assert None not in (a, b, c) and len({stored, a, b, c}) == 4
        with UnitOfWork(make_session_factory(engine)) as uow:
            for key, new_id in (("slash:a", a), ("slash:b\ufffd", b), ("slash:c", c)):
                row = uow.follow_ups.by_source_key("T1", key)
                assert row is not None and row.id == new_id
    finally:
        engine.dispose()


def test_a_thread_inside_its_own_transaction_writes_its_row_alone(db_url: str) -> None:
    """A batch written by another caller could wait for a row this thread's transaction
    holds (SQLite's writer, or the same key inserted and not yet committed) while this thread
    waits for the batch: such a thread is never given a combined insert, but a connection of
    the pool."""
    engine = make_engine(db_url)
    try:
        single = make_session_factory(engine, autocommit=True)

        def writer() -> object:
            return UnitOfWork(single).combined_inserts()

        with UnitOfWork(make_session_factory(engine)):
            assert writer() is None
        with UnitOfWork(make_session_factory(engine)).reading():
            assert writer() is not None
        assert writer() is not None
    finally:
        engine.dispose()


def test_an_insert_from_a_thread_holding_the_writer_is_refused_not_left_waiting(
        tmp_path: Path) -> None:
    """Another caller's batch waits for the writer this thread holds: waiting for that batch
    would wait forever, so the insert is refused at once, as a nested transaction is."""
    engine = make_engine(f"sqlite:///{tmp_path / 'crm.db'}")
    try:
        upgrade(engine)
        single = make_session_factory(engine, autocommit=True)
        holding, go = threading.Event(), threading.Event()
        outcome: dict[str, object] = {}

        def log(key: str) -> int | None:
            with OneInsert(UnitOfWork(single)) as insert:
                new_id = insert.log(_follow_up(key))
                insert.commit()
                return new_id

        def insert_while_writing() -> None:
            try:
                with engine.begin():
                    holding.set()
                    assert go.wait(WAIT)
                    outcome["holder"] = log("slash:inside")
            except BaseException as refused:
                outcome["holder"] = refused

        def other_caller() -> None:
            outcome["other"] = log("slash:other")

        # Daemon threads: one left waiting fails the test instead of hanging the run.
        holder = threading.Thread(target=insert_while_writing, daemon=True)
        holder.start()
        assert holding.wait(WAIT)
        other = threading.Thread(target=other_caller, daemon=True)
        other.start()  # its batch now waits for the writer the holder has
        time.sleep(0.3)
        go.set()
        holder.join(WAIT)
        other.join(WAIT)

        assert not holder.is_alive(), "the insert waited for the writer its own thread holds"
        assert isinstance(outcome["holder"], RuntimeError)
        assert "inside another one" in str(outcome["holder"])
        assert isinstance(outcome.get("other"), int)  # written once the writer was let go
    finally:
        engine.dispose()


def test_a_disposed_engine_is_not_kept_alive_by_its_batches(db_url: str) -> None:
    """The batches' connection source holds its engine: forgotten when the engine is
    disposed, or every engine a process (a test run) made would stay in memory."""
    engine = make_engine(db_url)
    single = make_session_factory(engine, autocommit=True)
    with OneInsert(UnitOfWork(single)) as insert:
        assert insert.log(_follow_up("slash:kept")) is not None
        insert.commit()
    engine.dispose()
    gone = weakref.ref(engine)
    del engine, single, insert
    gc.collect()
    assert gone() is None
