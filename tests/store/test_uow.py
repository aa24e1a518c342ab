"""Shared units of work (both databases): units opened inside one join its transaction as
savepoints, so everything commits together, once, or not at all."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from store.engine import make_engine, make_session_factory
from store.models import Customer
from store.uow import UnitOfWork

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _add(uow: UnitOfWork, name: str) -> None:
    uow.customers.add(Customer(workspace_id="T1", name=name, name_key=name.lower(),
                               owner_id="U1", created_by="U1", created_at=T0))


def _names(factory: sessionmaker[Session]) -> list[str]:
    with UnitOfWork(factory) as uow:
        return list(uow.session.scalars(select(Customer.name).order_by(Customer.name)))


def test_inner_units_commit_only_with_the_shared_one(factory: sessionmaker[Session]) -> None:
    told: list[str] = []
    with UnitOfWork(factory) as outer, outer.shared():
        with UnitOfWork(factory) as inner:
            _add(inner, "Acme")
            inner.after_commit(lambda: told.append("acme"))
            inner.commit()
        assert told == []  # nothing is committed yet: nobody may be told
        with UnitOfWork(factory) as left:
            _add(left, "Beta")  # left without a commit: undone alone
        outer.commit()
    assert _names(factory) == ["Acme"]
    assert told == ["acme"]


def test_a_failure_after_an_inner_commit_undoes_it(factory: sessionmaker[Session]) -> None:
    with pytest.raises(RuntimeError), UnitOfWork(factory) as outer, outer.shared():
        with UnitOfWork(factory) as inner:
            _add(inner, "Acme")
            inner.commit()
        raise RuntimeError("crash before the answer")
    assert _names(factory) == []


def test_units_opened_after_the_shared_one_are_their_own(
        factory: sessionmaker[Session]) -> None:
    with UnitOfWork(factory) as outer, outer.shared():
        pass
    with UnitOfWork(factory) as alone:
        _add(alone, "Gamma")
        alone.commit()
    assert _names(factory) == ["Gamma"]


def test_another_thread_never_joins_the_shared_unit(factory: sessionmaker[Session]) -> None:
    """Even with this thread's context copied into it, a thread opens its own unit of work:
    a session never crosses threads."""
    sessions: list[Session] = []

    def open_one() -> None:
        with UnitOfWork(factory) as other:
            sessions.append(other.session)

    with UnitOfWork(factory) as outer, outer.shared():
        thread = threading.Thread(target=contextvars.copy_context().run, args=(open_one,))
        thread.start()
        thread.join()
        assert sessions and sessions[0] is not outer.session
