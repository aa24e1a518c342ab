"""A log's reading stops for an acknowledgement that waits for SQLite's writer, is read again
after it, and is recorded once; after GIVES_WAY_AT_MOST stops it finishes whatever waits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from itertools import count
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.logs import intake
from bot.services.logs.intake import GIVES_WAY_AT_MOST, LogRequest, read_log, receive_log
from store.engine import make_engine, make_session_factory, writer_queue
from store.models import FollowUp, Notification, Task
from store.uow import UnitOfWork
from tests.services.logs.test_logs import REP, WS, _customer
from tests.support.concurrency import until


@pytest.fixture
def sqlite(tmp_path: Any, directory: TeamDirectory) -> Iterator[tuple[ServiceContext, Engine]]:
    from store.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path}/crm.db")
    upgrade(engine)
    factory = make_session_factory(engine)
    autocommit = make_session_factory(engine, autocommit=True)
    yield ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                         default_tz="UTC",
                         single_statement_uow=lambda: UnitOfWork(autocommit)), engine
    engine.dispose()


def _receive(services: ServiceContext, clock: Any, text: str, key: str) -> int:
    out = receive_log(services, LogRequest(WS, REP, text, "slash", key,
                                           reply_url=f"https://hooks.example/{key}"),
                      clock.now())
    assert out.status == "received" and out.follow_up is not None
    return out.follow_up.id


def _an_acknowledgement_in_each_write(services: ServiceContext, engine: Engine, clock: Any
                                      ) -> list[threading.Thread]:
    """From now on, each writing transaction of this thread is joined, at its first statement,
    by a `/log` acknowledgement from another thread that waits for the writer it holds."""
    reading, keys = threading.get_ident(), count()
    acknowledgements: list[threading.Thread] = []
    queue = writer_queue(engine)
    assert queue is not None

    def first_statement(conn: Any, *_args: Any) -> None:
        if threading.get_ident() != reading or not conn.info.get("holds_writer") or \
                conn.info.get("acknowledged"):
            return
        conn.info["acknowledged"] = True
        ack = threading.Thread(target=_receive, args=(services, clock, "Globex: called",
                                                      f"ack{next(keys)}"))
        acknowledgements.append(ack)
        ack.start()
        until(lambda: queue.waiting()[0] > 0)

    def ended(conn: Any) -> None:
        conn.info.pop("acknowledged", None)

    event.listen(engine, "before_cursor_execute", first_statement)
    for name in ("commit", "rollback"):
        event.listen(engine, name, ended)
    return acknowledgements


def test_a_reading_gives_way_to_acknowledgements_then_finishes_and_is_recorded_once(
        sqlite: tuple[ServiceContext, Engine], clock: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    services, engine = sqlite
    _customer(services, "Acme Corp")
    follow_up_id = _receive(services, clock, "Acme Corp: send quote by Friday 3pm", "log")
    tries: list[bool] = []
    write = intake._write_reading

    def counted(*args: Any, gives_way: bool, **kwargs: Any) -> Any:
        tries.append(gives_way)
        return write(*args, gives_way=gives_way, **kwargs)

    monkeypatch.setattr(intake, "_write_reading", counted)
    acknowledgements = _an_acknowledgement_in_each_write(services, engine, clock)
    outcome = read_log(services, follow_up_id, clock.now())
    for ack in acknowledgements:
        ack.join(10)
    assert outcome.status == "recorded"
    # An acknowledgement came in each try: each that might gave way, the last did not.
    assert tries == [True] * GIVES_WAY_AT_MOST + [False]
    with services.uow().reading() as uow:
        assert uow.session.get(FollowUp, follow_up_id).status == "recorded"
        assert uow.session.scalar(select(func.count()).select_from(Task)) == 1
        replies = uow.session.scalars(select(Notification).where(
            Notification.kind == "respond")).all()
        assert [r.payload["response_url"] for r in replies] == ["https://hooks.example/log"]
        # Every acknowledgement's log was stored (none was lost to a reading that gave way).
        assert uow.session.scalar(select(func.count()).select_from(FollowUp).where(
            FollowUp.status == "received")) == len(acknowledgements)
