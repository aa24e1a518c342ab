"""Queueing what must be said in Slack: stored with the change it reports, sent after commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.services.context import ServiceContext
from store.models import Notification
from store.uow import UnitOfWork

LOG_REPLY = "log_reply"
RESPOND = "respond"
OPEN_MODAL = "open_modal"
OVERDUE_OWNER = "overdue_owner"
OVERDUE_LEAD = "overdue_lead"


def queue(ctx: ServiceContext, uow: UnitOfWork, *, workspace_id: str, kind: str, recipient: str,
          payload: dict[str, Any], now: datetime, due_at: datetime | None = None,
          task_id: int | None = None, dedupe_key: str | None = None) -> bool:
    """Store a notification in this unit of work; wake the sender after commit if it is due."""
    added = uow.notifications.add(Notification(
        workspace_id=workspace_id, kind=kind, recipient=recipient, payload=payload,
        due_at=due_at or now, task_id=task_id, dedupe_key=dedupe_key, created_at=now,
        status="pending", attempts=0))
    if added is not None and (due_at is None or due_at <= now):
        uow.after_commit(ctx.wake_sender)
    return added is not None
