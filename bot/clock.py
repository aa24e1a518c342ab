"""The only place that reads the current time."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current moment as an aware UTC datetime."""
    return datetime.now(UTC)
