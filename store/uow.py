"""The unit of work: one session and one transaction per request or job run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

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
    Notifications,
    People,
    PeriodicRuns,
    ReviewThreads,
    Tasks,
)
from store.repositories.customer_keys import MatchIndex


class UnitOfWork:
    """Repositories over one session; nothing is written unless commit() is called."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._after_commit: list[Callable[[], None]] = []

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
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
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

    def act_as(self, actor: str, now: datetime) -> None:
        """Name who makes this unit of work's changes (the audit trail records it)."""
        audit.act_as(self.session, actor, now)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run the callback once this unit of work has committed (e.g. wake the sender)."""
        self._after_commit.append(callback)
