"""Rows carrying a unique key, added many at a time (a sweep's batch)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

Row = TypeVar("Row")


def add_all_once(session: Session, fresh: Sequence[Row], add_one: Callable[[Row], bool]
                 ) -> list[Row]:
    """Insert rows whose unique keys a look beforehand found free, in one savepoint and one
    flush; when another writer took one meanwhile (a second copy of the bot) the flush fails
    and each is tried alone with `add_one`. The rows added."""
    if not fresh:
        return []
    try:
        with session.begin_nested():
            session.add_all(fresh)
    except IntegrityError:
        return [row for row in fresh if add_one(row)]
    return list(fresh)
