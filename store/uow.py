"""The unit of work: one session and one transaction per request or job run."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from types import TracebackType

from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from store import audit
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
from store.repositories.customer_keys import MatchIndex
from store.repositories.pool import Pool
from store.repositories.revisits import Revisits

# The unit of work that units opened in this thread join while it is shared, with its thread:
# a context copied into another thread must not share its session (sessions never cross
# threads).
_SHARED: ContextVar[tuple[UnitOfWork, int] | None] = ContextVar("shared_unit_of_work",
                                                                default=None)


class UnitOfWork:
    """Repositories over one session; nothing is written unless commit() is called.

    Opened while another unit of work is shared in this thread (`shared()`), it joins that
    one instead of opening a transaction of its own: its commit releases a savepoint and
    leaving it without a commit rolls back to that savepoint, as if it were on its own, but
    nothing is written until the shared unit of work commits.
    """

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._after_commit: list[Callable[[], None]] = []
        self._joined: UnitOfWork | None = None
        self._savepoint: SessionTransaction | None = None

    def __enter__(self) -> UnitOfWork:
        shared = _SHARED.get()
        outer = shared[0] if shared is not None and shared[1] == threading.get_ident() else None
        self.session: Session = outer.session if outer is not None else self._factory()
        if outer is not None:
            self._joined, self._savepoint = outer, self.session.begin_nested()
        self.people = People(self.session)
        self.customers = Customers(self.session)
        self.match_index = MatchIndex(self.session)
        self.follow_ups = FollowUps(self.session)
        self.tasks = Tasks(self.session)
        self.notifications = Notifications(self.session)
        self.periodic = PeriodicRuns(self.session)
        self.changes = Changes(self.session)
        self.classifications = ClassificationChanges(self.session)
        self.review_threads = ReviewThreads(self.session)
        self.complaints = Complaints(self.session)
        self.clocks = ComplaintClocks(self.session)
        self.duty = Duty(self.session)
        self.file_gaps = FileGaps(self.session)
        self.claims = Claims(self.session)
        self.revisits = Revisits(self.session)
        self.care_dates = CareDates(self.session)
        self.losses = Losses(self.session)
        self.pool = Pool(self.session)
        self.customer_people = self.pool.people
        self.ownership = self.pool.events
        self.inbox = Inbox(self.session)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._joined is not None:
            if self._savepoint is not None and self._savepoint.is_active:
                self._savepoint.rollback()
            return
        try:
            self.session.rollback()
        finally:
            self.session.close()

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
