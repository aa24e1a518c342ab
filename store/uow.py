"""The unit of work: one session and one transaction per request or job run."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from datetime import datetime
from types import TracebackType
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from store import audit
from store.combined_inserts import CombinedInserts, Insert
from store.engine import ANSWER_WAITS, GIVES_WAY, READ_ONLY, base_engine, holds_writer
from store.own_connections import own_connections
from store.repositories import (
    Changes,
    Claims,
    ClassificationChanges,
    ComplaintClocks,
    Complaints,
    Customers,
    Duty,
    FileGaps,
    FollowUps,
    Inbox,
    Notifications,
    People,
    PeriodicRuns,
    ReviewThreads,
    Tasks,
)
from store.repositories.aftersale import CareDates, Losses
from store.repositories.briefs import Briefs
from store.repositories.customer_keys import MatchIndex
from store.repositories.customer_people import CustomerPeople, OwnershipEvents
from store.repositories.figures import FigureRows
from store.repositories.follow_ups import NEW_LOGS
from store.repositories.home import HomeRows
from store.repositories.inbox import NEW_REQUESTS
from store.repositories.pool import Pool
from store.repositories.revisits import Revisits
from store.repositories.send_pace import SendPaces

# The unit of work that units opened in this thread join while it is shared, with its thread:
# a context copied into another thread must not share its session (sessions never cross
# threads).
_SHARED: ContextVar[tuple[UnitOfWork, int] | None] = ContextVar("shared_unit_of_work",
                                                                default=None)


R = TypeVar("R")


class _Repository(Generic[R]):
    """A unit of work's repository, made over its session the first time it is used."""

    def __init__(self, make: Callable[[Session], R]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, uow: UnitOfWork, owner: type | None = None) -> R:
        repository = self._make(uow.session)
        uow.__dict__[self._name] = repository  # found there from now on, before this
        return repository


_WITH_OPTION: WeakKeyDictionary[sessionmaker[Session], dict[str, Engine]] = \
    WeakKeyDictionary()


def _engine_with(factory: sessionmaker[Session], option: str) -> Engine:
    """The factory's engine with the execution option set, made once per factory."""
    made = _WITH_OPTION.setdefault(factory, {})
    engine = made.get(option)
    if engine is None:
        bind = factory.kw["bind"]
        assert isinstance(bind, Engine)
        engine = made[option] = bind.execution_options(**{option: True})
    return engine


class UnitOfWork:
    """Repositories over one session; nothing is written unless commit() is called.

    Opened while another unit of work is shared in this thread (`shared()`), it joins that
    one instead of opening a transaction of its own: its commit releases a savepoint and
    leaving it without a commit rolls back to that savepoint, as if it were on its own, but
    nothing is written until the shared unit of work commits.
    """

    # Made on first use: a unit of work uses two or three of its repositories, and making
    # all twenty on every one was 4% of an acknowledgement's CPU (bench/ack_latency.py).
    people = _Repository(People)
    customers = _Repository(Customers)
    match_index = _Repository(MatchIndex)
    follow_ups = _Repository(FollowUps)
    tasks = _Repository(Tasks)
    notifications = _Repository(Notifications)
    periodic = _Repository(PeriodicRuns)
    changes = _Repository(Changes)
    classifications = _Repository(ClassificationChanges)
    review_threads = _Repository(ReviewThreads)
    complaints = _Repository(Complaints)
    clocks = _Repository(ComplaintClocks)
    duty = _Repository(Duty)
    file_gaps = _Repository(FileGaps)
    claims = _Repository(Claims)
    revisits = _Repository(Revisits)
    send_paces = _Repository(SendPaces)
    care_dates = _Repository(CareDates)
    briefs = _Repository(Briefs)
    losses = _Repository(Losses)
    pool = _Repository(Pool)
    inbox = _Repository(Inbox)
    figures = _Repository(FigureRows)
    home = _Repository(HomeRows)

    @property
    def customer_people(self) -> CustomerPeople:
        return self.pool.people

    @property
    def ownership(self) -> OwnershipEvents:
        return self.pool.events

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._after_commit: list[Callable[[], None]] = []
        self._joined: UnitOfWork | None = None
        self._savepoint: SessionTransaction | None = None
        self._read_only = False
        self._gives_way = False

    def giving_way(self) -> UnitOfWork:
        """This unit of work is background work that may be ended early: on SQLite, when an
        answer starts waiting for the writer it holds, its next statement raises GaveWay and
        nothing it did is kept (store/writer_queue.py). Inside a shared unit of work it joins
        that one, which does not give way."""
        self._gives_way = True
        return self

    def reading(self) -> UnitOfWork:
        """This unit of work only reads: on SQLite it does not wait for (or hold up) the one
        writer, and a write in it fails. Inside a shared unit of work it joins that one."""
        self._read_only = True
        return self

    def __enter__(self) -> UnitOfWork:
        shared = _SHARED.get()
        outer = shared[0] if shared is not None and shared[1] == threading.get_ident() else None
        if outer is not None:
            self.session: Session = outer.session
        elif self._read_only:
            self.session = self._factory(bind=_engine_with(self._factory, READ_ONLY))
        elif self._gives_way:
            self.session = self._factory(bind=_engine_with(self._factory, GIVES_WAY))
        else:
            self.session = self._factory()
        if outer is not None:
            self._joined, self._savepoint = outer, self.session.begin_nested()
        elif not self._read_only:
            _WRITING.units = getattr(_WRITING, "units", 0) + 1
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._joined is not None:
            if self._savepoint is not None and self._savepoint.is_active:
                self._savepoint.rollback()
            return
        if self._read_only:
            # Closing ends the transaction too; a rollback first would expire every row
            # read, one by one: 65 of a nightly review's 1,375 ms under cProfile
            # (bench/review.py), for rows no one reads again.
            self.session.close()
            return
        try:
            self.session.rollback()
        finally:
            self.session.close()
            _WRITING.units -= 1

    def commit(self) -> None:
        if self._joined is not None:
            assert self._savepoint is not None
            self._savepoint.commit()
            # Work done after this commit is undone alone if it is left uncommitted.
            self._savepoint = self.session.begin_nested()
            self._joined._after_commit += self._after_commit
            self._after_commit = []
            return
        self.session.commit()
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

    def act_as(self, actor: str, now: datetime) -> None:
        """Name who makes this unit of work's changes (the audit trail records it)."""
        audit.act_as(self.session, actor, now)

    @contextmanager
    def shared(self) -> Iterator[UnitOfWork]:
        """Units of work opened in this thread meanwhile join this one (see the class doc):
        several service calls then commit together, or not at all."""
        token = _SHARED.set((self, threading.get_ident()))
        try:
            yield self
        finally:
            _SHARED.reset(token)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run the callback once this unit of work has committed (e.g. wake the sender)."""
        self._after_commit.append(callback)

    def joins_shared(self) -> bool:
        """Whether, entered now, this unit of work would join one shared in this thread."""
        shared = _SHARED.get()
        return shared is not None and shared[1] == threading.get_ident()

    def connect(self) -> Connection:
        """A bare connection to this unit of work's database (OneInsert)."""
        return _connect_answering(self._engine())

    def combined_inserts(self) -> CombinedInserts | None:
        """Where the acknowledgements' INSERTs are written together (store/combined_inserts.py);
        None where this thread must write its own."""
        engine = self._engine()
        if self._in_a_transaction(engine):
            return None
        base = base_engine(engine)
        with _COMBINERS_LOCK:
            combiner = _COMBINERS.get(base)
            if combiner is None:
                combiner = _COMBINERS[base] = CombinedInserts(_batch_connection(base))
                if not event.contains(base, "engine_disposed", _forget_combiner):
                    event.listen(base, "engine_disposed", _forget_combiner)
            return combiner

    @staticmethod
    def _in_a_transaction(engine: Engine) -> bool:
        # Inside a transaction of its own, this thread could wait for a batch that waits for
        # it: for SQLite's one writer, or for a row with the same key that its own
        # transaction inserted. On a connection of the pool it is refused at once instead
        # (store/engine.py), or waits only for itself as it always did.
        return bool(getattr(_WRITING, "units", 0)) or holds_writer(engine.engine)

    def _engine(self) -> Engine:
        bind = self._factory.kw["bind"]
        assert isinstance(bind, Engine)
        return bind


_COMBINERS: WeakKeyDictionary[Engine, CombinedInserts] = WeakKeyDictionary()
_COMBINERS_LOCK = threading.Lock()


def _batch_connection(engine: Engine) -> Callable[[], AbstractContextManager[Connection]]:
    """Where a batch is written: on PostgreSQL the writing thread's own kept connection
    (store/own_connections.py), on SQLite a connection of the pool whose transaction goes
    before background writers'."""
    if engine.dialect.name == "postgresql":
        return own_connections(engine).lent
    return lambda: _connect_answering(engine)


def _forget_combiner(engine: Engine) -> None:
    # Its connection source holds the engine: kept, the entry would keep every engine a
    # process (a test run) ever made.
    with _COMBINERS_LOCK:
        _COMBINERS.pop(engine, None)


# How many units of work that may write are open in this thread (joined ones not counted).
_WRITING = threading.local()


def _connect_answering(engine: Engine) -> Connection:
    return engine.connect().execution_options(**{ANSWER_WAITS: True})


class OneInsert:
    """One INSERT on a bare connection, no ORM session: the acknowledgement's (a log, a stored
    request). A session's transaction bookkeeping added a third to that INSERT's Python calls
    (115 more on SQLite, 206 on PostgreSQL; cProfile). The row is written and committed with
    the others arriving at the same moment (store/combined_inserts.py), unless this thread is
    inside a transaction of its own (then on a connection of the pool); inside a unit of work
    shared in this thread it joins that one instead, as any unit of work would."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._joined: UnitOfWork | None = None
        self._combined: CombinedInserts | None = None
        self._connection: Connection | None = None
        self._after_commit: list[Callable[[], None]] = []

    def __enter__(self) -> OneInsert:
        if self._uow.joins_shared():
            self._joined = self._uow.__enter__()
            self._connection = self._joined.session.connection()
        else:
            self._combined = self._uow.combined_inserts()
            if self._combined is None:
                self._connection = self._uow.connect()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._joined is not None:
            self._joined.__exit__(exc_type, exc, tb)
            return
        if self._connection is not None:
            self._connection.close()  # rolls back what was not committed

    def log(self, values: dict[str, Any]) -> int | None:
        """FollowUps.insert_unless_seen."""
        return self._insert(NEW_LOGS.insert, values)

    def request(self, values: dict[str, Any]) -> int | None:
        """Inbox.insert_unless_seen."""
        return self._insert(NEW_REQUESTS.insert, values)

    def _insert(self, insert: Insert, values: dict[str, Any]) -> int | None:
        if self._combined is not None:  # written and committed with the rows beside it
            return self._combined.insert(insert, values)
        assert self._connection is not None
        return insert(self._connection, [values])[0]

    def after_commit(self, callback: Callable[[], None]) -> None:
        self._after_commit.append(callback)

    def commit(self) -> None:
        callbacks, self._after_commit = self._after_commit, []
        if self._joined is not None:
            for callback in callbacks:
                self._joined.after_commit(callback)
            self._joined.commit()
            return
        if self._connection is not None:
            self._connection.commit()
        for callback in callbacks:
            callback()
