"""The acknowledgements' INSERTs written together: the rows that arrive while one batch is
being written go in the next batch, one statement per table and one commit for all of them.
The first caller writes every row waiting, and hands the next batch to the oldest row that
arrived meanwhile; the others only wait to hear their row's id.

SQLite has one writer. Each acknowledgement taking the writer's turn for its own row made a
flood a queue of hand-overs: every turn is a thread woken, scheduled and given the
interpreter before the row is written, and on a two-core virtual machine whose wake-ups were
slow that waiting, not the writing, set the pace (16 senders: 2-4 ms of CPU per answer
against 0.6 ms for the same answer alone, bench/ack_latency.py and cProfile, 2026-12-05).

PostgreSQL's batches are written on the writing thread's own connection, kept in autocommit
(store/own_connections.py): no pool lock and no pre-ping, one round trip and one commit for
the batch. Which way was faster depended on the machine. On session 15's, whose CPUs woke
each other slowly, each thread writing its own row alone answered 896 a second against 574
for batches on the pool's connections. On session 16's, the other way round, in two runs of
three rounds (bench/ack_latency.py, `bot`, 16 senders, medians, 2026-12-06): rows alone p99
53.2 and 53.3 ms, 669 and 654 answers a second; batches on the pool's connections 41.3 and
46.0 ms, 755 and 759; batches on the threads' own connections 37.9 and 47.5 ms, 820 and 760.

A batch that fails is written again row by row, so one bad row fails only its own request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

# Rows into one table: each row's new id, or None where its key was stored already.
Insert = Callable[[Connection, Sequence[dict[str, Any]]], "list[int | None]"]


@dataclass(eq=False)
class _Row:
    insert: Insert
    values: dict[str, Any]
    heard: threading.Event = field(default_factory=threading.Event)
    written: bool = False
    new_id: int | None = None
    error: BaseException | None = None


class CombinedInserts:
    """Writes single-row INSERTs (each returning its new id, or None when the row was there
    already) in batches, each on the connection `connect` lends it (each batch commits
    once)."""

    def __init__(self, connect: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._connect = connect
        self._lock = threading.Lock()
        self._waiting: list[_Row] = []
        self._writing = False  # a caller is writing a batch (or about to)

    def insert(self, insert: Insert, values: dict[str, Any]) -> int | None:
        """Write the row (with the rows waiting beside it) and commit; its new id or None."""
        row = _Row(insert, values)
        with self._lock:
            self._waiting.append(row)
            writes_now = not self._writing
            self._writing = True
        if not writes_now:
            row.heard.wait()  # written by another caller, or the turn to write handed to us
        if not row.written:
            with self._lock:
                batch, self._waiting = self._waiting, []
            try:
                self._write(batch)
            finally:
                self._hand_on()
        if row.error is not None:
            raise row.error
        return row.new_id

    def _hand_on(self) -> None:
        """Give the next batch to the oldest row waiting, or end the writing."""
        with self._lock:
            if not self._waiting:
                self._writing = False
                return
            following = self._waiting[0]
        following.heard.set()  # not written: it wakes to write the batch it heads

    def _write(self, batch: list[_Row]) -> None:
        try:
            ids = self._committed(batch)
        except BaseException as failed:
            if len(batch) == 1:
                batch[0].error = failed
                self._heard(batch)
                return
            for row in batch:  # one row's fault must not fail the others
                self._write([row])
            return
        for row, new_id in zip(batch, ids, strict=True):
            row.new_id = new_id
        self._heard(batch)

    def _committed(self, batch: list[_Row]) -> list[int | None]:
        """The batch written and committed: its new ids. A connection the server dropped
        since it last wrote (a restart of PostgreSQL) is replaced once, as the pool's check of
        a connection would have; written twice, a row is there once (its key), and its
        answer says "saved"."""
        try:
            return self._written_once(batch)
        except DBAPIError as failed:
            if not failed.connection_invalidated:
                raise
            return self._written_once(batch)

    def _written_once(self, batch: list[_Row]) -> list[int | None]:
        with self._connect() as connection:
            ids = self._insert_each_table(connection, batch)
            connection.commit()
            return ids

    @staticmethod
    def _insert_each_table(connection: Connection, batch: list[_Row]) -> list[int | None]:
        """The batch's new ids, its rows into one table written in one statement."""
        tables: dict[Insert, list[int]] = {}
        for index, row in enumerate(batch):
            tables.setdefault(row.insert, []).append(index)
        ids: list[int | None] = [None] * len(batch)
        for insert, indexes in tables.items():
            for index, new_id in zip(indexes, insert(connection, [batch[i].values
                                                                   for i in indexes]),
                                     strict=True):
                ids[index] = new_id
        return ids

    @staticmethod
    def _heard(batch: list[_Row]) -> None:
        for row in batch:
            row.written = True
            row.heard.set()
