"""Periodic work recorded as done per period. They never commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import (
    PeriodicRun,
)


class PeriodicRuns:
    def __init__(self, session: Session) -> None:
        self.s = session

    def is_done(self, job: str, period: str) -> bool:
        """Whether the job is recorded as done for the period (a cheap look before work)."""
        return self.s.get(PeriodicRun, (job, period)) is not None

    def claim(self, job: str, period: str, now: datetime) -> bool:
        """Record the job as done for the period; False when it already was (by anyone)."""
        if self.s.get(PeriodicRun, (job, period)) is not None:
            return False
        try:
            with self.s.begin_nested():
                self.s.add(PeriodicRun(job=job, period=period, done_at=now))
        except IntegrityError:
            return False
        return True
