"""Requests finished more than a week ago are deleted by the tick; waiting and recent ones stay
(both databases)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.jobs import tick
from bot.services.context import ServiceContext
from bot.services.inbox import KEEP_FINISHED, store_request
from store.models import InboxRequest

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _store(services: ServiceContext, key: str, status: str, finished: datetime) -> None:
    assert store_request(services, workspace_id="T0TEST", kind="click", source_key=key,
                         user_id="U0REP", payload={}, now=finished)
    with services.uow() as uow:
        row = uow.session.scalars(select(InboxRequest).where(
            InboxRequest.source_key == key)).one()
        row.status, row.updated_at = status, finished
        uow.commit()


def _keys(services: ServiceContext) -> set[str]:
    with services.uow() as uow:
        return set(uow.session.scalars(select(InboxRequest.source_key)))


def test_the_tick_deletes_only_requests_finished_over_a_week_ago(
        services: ServiceContext) -> None:
    old = NOW - KEEP_FINISHED - timedelta(minutes=1)
    _store(services, "old-done", "done", old)
    _store(services, "old-failed", "failed", old)
    _store(services, "old-waiting", "received", old)  # never done: still to do
    _store(services, "recent-done", "done", NOW - timedelta(days=6))
    tick(services, lambda: NOW)
    assert _keys(services) == {"old-waiting", "recent-done"}
    # Its source key is free again only once pruned: within the week a retry is refused.
    assert not store_request(services, workspace_id="T0TEST", kind="click",
                             source_key="recent-done", user_id="U0REP", payload={}, now=NOW)
