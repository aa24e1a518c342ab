"""Queueing what must be said in Slack: stored with the change it reports, sent after commit.
Each payload is stamped with the version of its kind's shape (bot/services/delivery/kinds.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.services.context import ServiceContext
from store.models import Notification
from store.uow import UnitOfWork

LOG_REPLY = "log_reply"
RESPOND = "respond"
OPEN_MODAL = "open_modal"
UPDATE_VIEW = "update_view"  # an open form replaced (views.update), e.g. after "Checking…"
OVERDUE_OWNER = "overdue_owner"
OVERDUE_LEAD = "overdue_lead"
# A row due this soon gets a wake-up of its own; later ones are found by the tick's sweep.
SOON = timedelta(minutes=1)


def queue(ctx: ServiceContext, uow: UnitOfWork, *, workspace_id: str, kind: str, recipient: str,
          payload: dict[str, Any], now: datetime, due_at: datetime | None = None,
          task_id: int | None = None, dedupe_key: str | None = None,
          parent_id: int | None = None) -> bool:
    """Store a notification in this unit of work; wake the sender after commit if it is due.
    With `parent_id` it is a reply in that message's thread, sent once the parent is out."""
    added = uow.notifications.add(Notification(
        workspace_id=workspace_id, kind=kind, recipient=recipient, payload=_stamped(kind, payload),
        due_at=due_at or now, task_id=task_id, dedupe_key=dedupe_key, created_at=now,
        status="pending", attempts=0, parent_id=parent_id))
    if added is not None and (due_at is None or due_at <= now):
        uow.after_commit(ctx.wake_sender)
    elif added is not None and due_at is not None and due_at - now <= SOON:
        uow.after_commit(lambda: ctx.wake_sender_at(due_at))
    return added is not None


def queue_once_each(ctx: ServiceContext, uow: UnitOfWork, *, workspace_id: str, kind: str,
                    recipients: Mapping[str, str], payload: dict[str, Any],
                    now: datetime) -> int:
    """Queue a notification of this kind, due now, for each dedupe key (key -> recipient)
    not queued already: a few statements however many (a sweep's batch). How many."""
    added = uow.notifications.add_all_once([Notification(
        workspace_id=workspace_id, kind=kind, recipient=recipient,
        payload=_stamped(kind, payload), due_at=now, dedupe_key=key, created_at=now,
        status="pending", attempts=0) for key, recipient in recipients.items()])
    if added:
        uow.after_commit(ctx.wake_sender)
    return len(added)


def queue_view_update(ctx: ServiceContext, uow: UnitOfWork, *, workspace_id: str,
                      recipient: str, payload: dict[str, Any], received: datetime,
                      now: datetime) -> bool:
    """Queue the result of a form whose submit was answered "Checking…": its views.update
    waits until Slack has applied that answer (ANSWER_WINDOW after the submit; the shell,
    which applies it at once, waits for nothing)."""
    return queue(ctx, uow, workspace_id=workspace_id, kind=UPDATE_VIEW, recipient=recipient,
                 payload=payload, now=now, due_at=max(now, received + ctx.answer_window))


def queue_thread(ctx: ServiceContext, uow: UnitOfWork, *, workspace_id: str, kind: str,
                 channel: str, payload: dict[str, Any], reply_kind: str,
                 replies: list[dict[str, Any]], now: datetime, dedupe_key: str) -> int | None:
    """Queue a channel message and its thread replies; a reply is sent only after its
    parent has Slack's ts (see Notifications.claim_due). None when the key was queued."""
    parent = uow.notifications.add(Notification(
        workspace_id=workspace_id, kind=kind, recipient=channel,
        payload=_stamped(kind, payload), due_at=now,
        dedupe_key=dedupe_key, created_at=now, status="pending", attempts=0))
    if parent is None:
        return None
    uow.session.flush()  # the replies name their parent by id
    for reply in replies:
        uow.notifications.add(Notification(
            workspace_id=workspace_id, kind=reply_kind, recipient=channel,
            payload=_stamped(reply_kind, reply),
            due_at=now, parent_id=parent.id, created_at=now, status="pending", attempts=0))
    uow.after_commit(ctx.wake_sender)
    return parent.id


def _stamped(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    # Imported here: the registry names the composers of every area, and those areas queue
    # through this module.
    from bot.services.delivery.kinds import VERSION, version_of

    return {**payload, VERSION: version_of(kind)}
