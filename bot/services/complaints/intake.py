"""Taking in a complaint: stored before Slack gets its answer, raised by the worker after
(bot/services/inbox.py), its answer queued with the complaint itself."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from bot.domain.storable import storable
from bot.services.complaints.raising import ComplaintRequest, answer_refusal, raise_complaint
from bot.services.complaints.views import ComplaintOutcome
from bot.services.context import ServiceContext
from bot.services.inbox import Work, process_inbox, store_request
from store.uow import UnitOfWork

COMPLAINT = "complaint"


def receive_complaint(ctx: ServiceContext, request: ComplaintRequest, now: datetime) -> bool:
    """Store the complaint to raise (one INSERT); False if this request was stored already."""
    # Kept in the form every database stores (a NUL made PostgreSQL refuse the row).
    kept = ComplaintRequest(**{**asdict(request), "text": storable(request.text),
                               "body": storable(request.body) if request.body else None})
    return store_request(ctx, workspace_id=request.workspace_id, kind=COMPLAINT,
                         source_key=request.source_key, user_id=request.user_id,
                         payload=asdict(kept), now=now)


def process_received_complaints(ctx: ServiceContext, now: datetime, *, batch: int = 20,
                                max_attempts: int = 3) -> int:
    """Raise every complaint stored and not yet raised; how many were claimed."""
    return process_inbox(ctx, {COMPLAINT: _WORK}, now, batch=batch, max_attempts=max_attempts)


def _raise(ctx: ServiceContext, payload: dict[str, Any], received: datetime) -> None:
    # Raised as of when it was received: its clocks run from when the person raised it.
    raise_complaint(ctx, ComplaintRequest(**payload), received)


def _give_up(ctx: ServiceContext, uow: UnitOfWork, payload: dict[str, Any],
             received: datetime, now: datetime) -> None:
    request = ComplaintRequest(**payload)
    typed = (request.body or request.text).strip()
    answer_refusal(ctx, uow, request, ComplaintOutcome("failed", message="failed"), now,
                   typed=typed or None)


_WORK = Work(do=_raise, give_up=_give_up)
