"""Composing complaint messages at send time (from the complaint as it is then), and
recording the thread's ts once its first message is in the channel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.services.complaints.views import (
    ALERT,
    CHECK_BACK,
    KINDS,
    PAGE,
    REPLY,
    RESPOND,
    THREAD,
    complaint_view,
)
from bot.services.context import ServiceContext
from bot.services.ports import Receipt
from bot.services.views import to_payload
from store.models import Notification
from store.uow import UnitOfWork


def is_complaint_kind(kind: str) -> bool:
    """Whether the notification is one of the complaint messages."""
    return kind in KINDS


def compose(ctx: ServiceContext, uow: UnitOfWork, note: Notification, payload: dict[str, Any],
            now: datetime) -> dict[str, Any] | None:
    """The payload to send now; None when what it was about no longer holds (a page for a
    complaint someone already acknowledged)."""
    payload = dict(payload)
    if note.kind in (RESPOND, REPLY):
        return payload  # composed when queued: the answer to that very click or message
    c = uow.complaints.get(note.workspace_id, int(payload.get("complaint_id", 0)))
    if c is None:
        return None
    if note.kind == PAGE and c.status != "open":
        return None
    if note.kind == ALERT and (c.status == "resolved" or (
            payload.get("clock") == "answer" and c.answered_at is not None)):
        return None
    if note.kind == CHECK_BACK and (c.status != "resolved" or c.satisfied is not None):
        return None
    payload["complaint"] = to_payload(complaint_view(c))
    payload["ack_minutes"] = ctx.directory.complaints.ack_minutes.get(c.priority, 30)
    payload["check_back_hours"] = ctx.directory.complaints.check_back_hours
    return payload


def after_send(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
               receipt: Receipt) -> None:
    """The thread's first message is out: keep its ts with the complaint (its replies are
    held by the outbox until then, as notifications with a parent)."""
    if note.kind != THREAD or receipt.ts is None:
        return
    c = uow.complaints.get(note.workspace_id, int(note.payload.get("complaint_id", 0)))
    if c is None:
        return
    c.thread_ts = receipt.ts
    c.thread_channel = receipt.channel or c.thread_channel
