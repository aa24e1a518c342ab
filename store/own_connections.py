"""Each thread's own PostgreSQL connection for writing the acknowledgements' INSERTs: the
thread that writes a batch (store/combined_inserts.py) writes it on its own connection, kept
between batches in autocommit. No pool lock and no pre-ping (a round trip) for each batch,
one round trip for the INSERT and its commit.

A connection is made on a thread's first batch and kept. One that failed is closed and the
next call makes another; all of them are closed when the engine is disposed (the server's
shutdown, a test's end).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event


class OwnConnections:
    """One engine's connections, one per thread that asked."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Connection] = []

    def get(self) -> Connection:
        """This thread's connection, made if it has none (or its last one failed)."""
        held: Connection | None = getattr(self._local, "connection", None)
        if held is not None and not held.closed and not held.invalidated:
            return held
        made = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self._local.connection = made
        with self._lock:
            self._all.append(made)
        return made

    @contextlib.contextmanager
    def lent(self) -> Iterator[Connection]:
        """This thread's connection for one write: kept after it, closed if the write
        failed (in whatever state the failure left it)."""
        connection = self.get()
        try:
            yield connection
        except BaseException:
            self.drop()
            raise
        if connection.in_transaction():
            connection.rollback()  # nothing to keep: autocommit wrote it

    def drop(self) -> None:
        """Close this thread's connection (a statement on it failed)."""
        held: Connection | None = getattr(self._local, "connection", None)
        self._local.connection = None
        if held is None:
            return
        with self._lock, contextlib.suppress(ValueError):
            self._all.remove(held)
        _close(held)

    def close_all(self) -> None:
        with self._lock:
            connections, self._all = self._all, []
        for connection in connections:
            _close(connection)


def _close(connection: Connection) -> None:
    """Close the database connection itself: given back to the pool, it would stay open in
    a pool already disposed (engine_disposed comes after the pool's dispose), or be reused in
    whatever state a failure left it."""
    with contextlib.suppress(Exception):  # a broken connection may fail to close
        connection.invalidate()
        connection.close()


_BY_ENGINE: WeakKeyDictionary[Engine, OwnConnections] = WeakKeyDictionary()
_BY_ENGINE_LOCK = threading.Lock()


def own_connections(engine: Engine) -> OwnConnections:
    """The per-thread connections of this engine (its base engine, not a copy with options)."""
    with _BY_ENGINE_LOCK:
        found = _BY_ENGINE.get(engine)
        if found is None:
            found = _BY_ENGINE[engine] = OwnConnections(engine)
            if not event.contains(engine, "engine_disposed", _forget):
                event.listen(engine, "engine_disposed", _forget)
        return found


def _forget(engine: Engine) -> None:
    with _BY_ENGINE_LOCK:
        found = _BY_ENGINE.pop(engine, None)
    if found is not None:
        found.close_all()
