"""The acknowledgements' INSERTs written together on SQLite (store/combined_inserts.py)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from store.combined_inserts import CombinedInserts
from store.engine import make_engine, make_session_factory
from store.migrate import upgrade
from store.uow import OneInsert, UnitOfWork
from tests.store.test_engine import _follow_up

WAIT = 10.0  # seconds a test waits for another thread before it fails


class Batches:
    """A stand-in database: each connection is one batch, recorded with the rows written on
    it once committed. The first batch can be held open until told to finish."""

    def __init__(self, hold_first: bool = False) -> None:
        self.committed: list[list[str]] = []
        self.first_open = threading.Event()
        self.finish_first = threading.Event()
        if not hold_first:
            self.finish_first.set()
        self._lock = threading.Lock()
        self._next_id = 0

    def connect(self) -> Batch:
        return Batch(self)

    def insert(self, batch: Batch, values: dict[str, Any]) -> int | None:
        if values["key"] == "bad":
            raise ValueError("a row the database refuses")
        if not self.first_open.is_set():
            self.first_open.set()
            assert self.finish_first.wait(WAIT)
        batch.rows.append(values["key"])
        with self._lock:
            self._next_id += 1
            return self._next_id


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


def test_the_caller_who_wrote_a_batch_is_not_kept_for_the_rows_after_it() -> None:
    db = Batches(hold_first=True)
    combiner = CombinedInserts(db.connect)  # type: ignore[arg-type]
    second_open, finish_second = threading.Event(), threading.Event()
    plain = db.insert

    def second_batch_held(batch: Batch, values: dict[str, Any]) -> int | None:
        second_open.set()
        assert finish_second.wait(WAIT)
        return plain(batch, values)

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


def test_sixteen_senders_each_get_their_own_row_and_a_retry_gets_none(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'crm.db'}")
    try:
        upgrade(engine)
        single = make_session_factory(engine, autocommit=True)

        def log(key: str) -> int | None:
            with OneInsert(UnitOfWork(single)) as insert:
                new_id = insert.log(_follow_up(key))
                insert.commit()
                return new_id

        keys = [f"slash:{i}" for i in range(160)]
        with ThreadPoolExecutor(16) as senders:
            ids = list(senders.map(log, keys))
            retried = list(senders.map(log, keys[:16]))

        assert None not in ids and len(set(ids)) == len(keys)
        assert retried == [None] * 16
        with UnitOfWork(make_session_factory(engine)) as uow:
            for key, new_id in zip(keys, ids, strict=True):
                stored = uow.follow_ups.by_source_key("T1", key)
                assert stored is not None and stored.id == new_id
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
