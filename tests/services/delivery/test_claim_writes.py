"""A background round with nothing of a kind to do writes nothing for it: a claim is an
UPDATE, on SQLite a turn of the one writer that every acknowledgement waits for, and on
PostgreSQL a round trip. The sender claims only the lanes with something due; the inbox is
looked at before it is claimed (both databases)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, event

from bot.domain.pacing import Lane
from bot.domain.reminders import AT_DUE
from bot.services.commands import process_received_commands
from bot.services.context import ServiceContext
from bot.services.delivery.dispatch import Dispatcher
from bot.services.delivery.lanes import lane_filter
from bot.services.delivery.outbox import RESPOND
from bot.services.inbox import store_request
from store.models import Notification
from tests.support.fakes import FakeNotifier

WS = "T0TEST"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@contextmanager
def claims_made() -> Iterator[list[str]]:
    """The claiming statements (the leasing UPDATE with its `pick`) run meanwhile."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("WITH PICK"):
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def _queue(services: ServiceContext, kind: str, due: datetime = NOW,
           lease_until: datetime | None = None) -> None:
    with services.uow() as uow:
        uow.notifications.add(Notification(
            workspace_id=WS, kind=kind, recipient="U0REP", payload={"text": kind},
            due_at=due, created_at=due, status="pending", attempts=0, lease_until=lease_until))
        uow.commit()


def _round(services: ServiceContext) -> FakeNotifier:
    notifier = FakeNotifier()
    dispatcher = Dispatcher(services, notifier, clock=lambda: NOW, monotonic=lambda: 0.0)
    try:
        dispatcher.step()
    finally:
        dispatcher.close()
    return notifier


def test_the_sender_claims_only_the_lane_with_something_due(services: ServiceContext) -> None:
    with claims_made() as claims:
        _round(services)
    assert claims == []  # nothing due: one read, no write

    _queue(services, RESPOND)
    with claims_made() as claims:
        notifier = _round(services)
    assert len(claims) == 1  # the person lane's, not one per lane
    assert [m.kind for m in notifier.sent] == [RESPOND]


def test_the_lanes_due_are_those_with_a_pending_unleased_row_whose_moment_came(
        services: ServiceContext) -> None:
    lanes = {lane: lane_filter(lane) for lane in Lane}
    _queue(services, AT_DUE, due=NOW + timedelta(minutes=5))  # not yet
    _queue(services, "review_rep", lease_until=NOW + timedelta(minutes=1))  # being sent
    with services.uow().reading() as uow:
        assert uow.notifications.due_lanes(NOW, lanes) == set()

    _queue(services, AT_DUE)
    _queue(services, RESPOND)
    with services.uow().reading() as uow:
        assert uow.notifications.due_lanes(NOW, lanes) == {Lane.PERSON, Lane.REMINDER}
        assert uow.notifications.due_lanes(NOW, {Lane.REMINDER: lanes[Lane.REMINDER]}) == \
            {Lane.REMINDER}
        assert uow.notifications.due_lanes(
            NOW + timedelta(minutes=2), lanes) == set(Lane)  # its lease ran out


def test_the_inbox_is_claimed_only_when_a_request_of_its_kinds_waits(
        services: ServiceContext) -> None:
    with claims_made() as claims:
        assert process_received_commands(services, NOW) == 0
    assert claims == []

    assert store_request(services, workspace_id=WS, kind="click", source_key="k1",
                         user_id="U0REP", payload={}, now=NOW)
    with claims_made() as claims:
        assert process_received_commands(services, NOW) == 0  # a click is not a command
    assert claims == []
