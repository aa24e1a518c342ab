"""Every SQL statement a piece of work runs, for tests that hold a count or a shape."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from bot.services.context import ServiceContext


@contextmanager
def statements(services: ServiceContext) -> Iterator[list[str]]:
    """Every SQL statement run meanwhile, whitespace folded."""
    with services.uow() as uow:
        engine = uow.session.get_bind().engine
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
