"""Reads that several steps of one unit of work repeat (reading a log asks for the same
customer's list and pool place up to four times) answered once, until rows of their kinds are
written: every statement of reading a log runs while SQLite's one writer lock is held, and
every /log acknowledgement waits for that lock."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

T = TypeVar("T")
_KEY = "remembered"


def install(factory: sessionmaker[Session]) -> None:
    """Forget what sessions of this factory remembered when they write those rows or end."""
    event.listen(factory, "after_flush", _forget_flushed)
    for name in ("after_commit", "after_rollback", "after_soft_rollback"):
        event.listen(factory, name, _forget)
    event.listen(factory, "do_orm_execute", _forget_on_write)


def remembered(session: Session, key: Hashable, read: Callable[[], T],
               watch: tuple[type, ...]) -> T:
    """`read()`, or what it returned before in this unit of work: no `watch` row has been
    written since. A pending change to one is read through the database (its autoflush)."""
    if _touches(session, watch):
        return read()
    memo: dict[Hashable, tuple[Any, tuple[type, ...]]] = session.info.get(_KEY, {})
    if key in memo:
        return memo[key][0]  # type: ignore[no-any-return]
    value = read()  # its autoflush may forget: remember in the memo that follows it
    session.info.setdefault(_KEY, {})[key] = (value, watch)
    return value


def _touches(session: Session, watch: tuple[type, ...]) -> bool:
    return any(isinstance(row, watch)
               for row in chain(session.new, session.dirty, session.deleted))


def _forget_flushed(session: Session, _context: Any) -> None:
    # Still listed as new, dirty or deleted here: what this flush wrote.
    memo = session.info.get(_KEY)
    if memo:
        for key in [k for k, (_, watch) in memo.items() if _touches(session, watch)]:
            del memo[key]


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_KEY, None)


def _forget_on_write(state: ORMExecuteState) -> None:
    # An UPDATE or DELETE statement may change anything remembered; a locking read that
    # refreshes rows (populate_existing) may find one this unit of work saw absent.
    if not state.is_select or state.execution_options.get("populate_existing"):
        _forget(state.session)
