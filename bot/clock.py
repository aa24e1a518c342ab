"""The only place that reads the current time."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now() -> datetime:
    """The current moment as an aware UTC datetime."""
    return datetime.now(UTC)


def epoch_seconds() -> float:
    """The current moment in seconds since the epoch: a clock every process shares (the
    send pace kept in the database)."""
    return time.time()


def monotonic() -> float:
    """Seconds on a clock that never goes back, for waits and deadlines within a process."""
    return time.monotonic()
