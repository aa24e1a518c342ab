"""Composing complaint messages at send time (from the complaint as it is then), and
recording the thread's ts once its first message is in the channel (declared for each kind
in bot/services/delivery/kinds.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.domain.language import person_language
from bot.services.complaints import clocks
from bot.services.complaints.views import complaint_view
from bot.services.context import ServiceContext
from bot.services.language import answer_language, own_language
from bot.services.ports import Composed, Receipt
from bot.services.views import to_payload
from store.models import Complaint, Notification
from store.uow import UnitOfWork

Holds = Callable[[Complaint, dict[str, Any]], bool]
Compose = Callable[[ServiceContext, UnitOfWork, Notification, dict[str, Any], datetime],
                   Composed | None]


def about_complaint(holds: Holds | None = None, reader: str = "own") -> Compose:
    """A composer that puts the complaint as it is now in the payload, and the language it
    is read in: a DM's reader's own (`reader="own"`), the raiser's answer follows what they
    typed ("typed"), the thread the team's ("team"). The message is dropped when the
    complaint is gone or `holds` says it no longer applies (a page for a complaint someone
    already acknowledged)."""

    def compose(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                payload: dict[str, Any], now: datetime) -> Composed | None:
        c = uow.complaints.get(note.workspace_id, int(payload.get("complaint_id", 0)))
        if c is None or (holds is not None and not holds(c, payload)):
            return None
        payload["complaint"] = to_payload(complaint_view(c))
        payload["ack_minutes"] = ctx.directory.complaints.ack_minutes.get(c.priority, 30)
        payload["check_back_hours"] = ctx.directory.complaints.check_back_hours
        payload["lang"] = _language(ctx, uow, c, note.recipient, reader)
        return Composed(payload)

    return compose


def _language(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, recipient: str,
              reader: str) -> str:
    if reader == "team":
        team = clocks.team_of(ctx, c)
        return person_language(None, None, team.language if team else None)
    if reader == "typed":
        return answer_language(ctx, recipient, c.raw_text, uow=uow)
    return own_language(ctx, recipient, uow)


def page_holds(c: Complaint, payload: dict[str, Any]) -> bool:
    """A page asks someone to act: only while nobody has acknowledged the complaint."""
    return c.status == "open"


def alert_holds(c: Complaint, payload: dict[str, Any]) -> bool:
    """An SLA alert holds until the complaint is resolved (or answered, for that clock)."""
    return c.status != "resolved" and not (
        payload.get("clock") == "answer" and c.answered_at is not None)


def check_back_holds(c: Complaint, payload: dict[str, Any]) -> bool:
    """The check-back asks once, after the resolution, while nobody has answered it."""
    return c.status == "resolved" and c.satisfied is None


def record_thread_ts(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                     receipt: Receipt, now: datetime) -> None:
    """The thread's first message is out: keep its ts with the complaint (its replies are
    held by the outbox until then, as notifications with a parent)."""
    if receipt.ts is None:
        return
    c = uow.complaints.get(note.workspace_id, int(note.payload.get("complaint_id", 0)))
    if c is None:
        return
    c.thread_ts = receipt.ts
    c.thread_channel = receipt.channel or c.thread_channel
