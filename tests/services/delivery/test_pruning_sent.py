"""Messages sent more than KEEP_SENT ago are deleted by the tick, a batch at a time; pending,
recent, kept kinds (a complaint's thread root) and parents of replies still there stay (both
databases)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.jobs import tick
from bot.services.complaints.views import NOTE, THREAD
from bot.services.context import ServiceContext
from bot.services.delivery import pruning
from bot.services.delivery.outbox import LOG_REPLY
from bot.services.delivery.pruning import KEEP_SENT, prune_sent
from store.models import Notification

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
OLD = NOW - KEEP_SENT - timedelta(minutes=1)


def _note(services: ServiceContext, key: str, *, status: str = "sent",
          sent: datetime | None = OLD, kind: str = LOG_REPLY,
          parent: str | None = None) -> None:
    with services.uow() as uow:
        parent_id = uow.notifications.by_key("T0TEST", parent).id if parent else None
        uow.notifications.add(Notification(
            workspace_id="T0TEST", kind=kind, recipient="U0REP", payload={}, due_at=OLD,
            status=status, attempts=1, sent_at=sent, dedupe_key=key, created_at=OLD,
            parent_id=parent_id))
        uow.commit()


def _keys(services: ServiceContext) -> set[str]:
    with services.uow() as uow:
        return set(uow.session.scalars(select(Notification.dedupe_key)))


def test_the_tick_deletes_only_messages_sent_long_ago(services: ServiceContext) -> None:
    _note(services, "old-sent")
    _note(services, "old-pending", status="pending", sent=None)  # never sent: still to send
    _note(services, "recent-sent", sent=NOW - KEEP_SENT + timedelta(days=1))
    _note(services, "complaint-root", kind=THREAD)  # its later events reply to it
    _note(services, "review-parent")
    _note(services, "review-reply", parent="review-parent")
    _note(services, "waiting-parent")
    _note(services, "waiting-reply", status="pending", sent=None, parent="waiting-parent")
    _note(services, "note-in-thread", kind=NOTE, parent="complaint-root")
    tick(services, lambda: NOW)
    # A parent goes only after its replies: the review's parent on the next tick.
    assert _keys(services) == {"old-pending", "recent-sent", "complaint-root",
                               "review-parent", "waiting-parent", "waiting-reply"}
    tick(services, lambda: NOW)
    assert _keys(services) == {"old-pending", "recent-sent", "complaint-root",
                               "waiting-parent", "waiting-reply"}


def test_a_backlog_is_pruned_a_batch_per_tick(services: ServiceContext, monkeypatch) -> None:
    monkeypatch.setattr(pruning, "_PRUNE_AT_ONCE", 3)
    for i in range(7):
        _note(services, f"old-{i}", sent=OLD - timedelta(minutes=i))
    assert [prune_sent(services, NOW) for _ in range(4)] == [3, 3, 1, 0]
    assert _keys(services) == set()
