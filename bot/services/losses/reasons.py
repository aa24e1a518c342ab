"""The loss reason form: opened from the button under "why was it lost?" (after a move to
lost) or under a win-back task's reminder, from the request itself (a trigger lives 3 s);
its submission checked at once and stored to be recorded like a click."""

from __future__ import annotations

from datetime import datetime

from bot.domain.losses import LossError, check_reason
from bot.services.clicks import Click, receive_click
from bot.services.context import ServiceContext
from bot.services.forms import Form
from bot.services.interactions import Reply
from bot.services.language import answer_language, own_language
from bot.services.losses.recording import Subject, find_subject
from bot.services.losses.views import LossAnswer, answer_click
from bot.services.views import Outcome

LOSS_CLICK = "loss"  # the stored click that records a reason (bot/services/clicks.py)


def open_loss_form(ctx: ServiceContext, workspace_id: str, user: str, kind: str, record: int,
                   reply: Reply, now: datetime) -> Form | None:
    """The reason form for a move to lost or a win-back task (None: a refusal was queued
    instead, or there is no trigger)."""
    with ctx.uow() as uow:
        found = find_subject(ctx, uow, workspace_id, user, kind, record)
        name = found.customer.name if isinstance(found, Subject) else None
    if name is None:
        assert isinstance(found, LossAnswer)
        _refuse(ctx, workspace_id, user, reply, found, now)
        return None
    if not reply.trigger_id:
        return None
    return Form({"trigger_id": reply.trigger_id, "modal": "loss_reason",
                 "response_url": reply.response_url, "kind": kind, "record": record,
                 "customer": name, "lang": answer_language(ctx, user, name),
                 "reasons": list(ctx.directory.losses.reasons)})


def submit_loss_reason(ctx: ServiceContext, workspace_id: str, user: str, kind: str,
                       record: int, reason: str | None, text: str | None, form_key: str,
                       reply: Reply, now: datetime) -> Outcome:
    """Check the form (a problem comes back under its field at once), then store it to be
    recorded: the same form submitted twice is recorded once."""
    try:
        check_reason(reason or "", text, ctx.directory.losses)
    except LossError as problem:
        return Outcome(status="invalid", errors={"reason": problem.problem},
                       language=own_language(ctx, user))
    receive_click(ctx, Click(
        workspace_id=workspace_id, user_id=user, does=LOSS_CLICK, record=record,
        args=(kind, reason or "", text or ""), response_url=reply.response_url,
        source_key=f"loss_form:{form_key}"), now)
    return Outcome(status="stored")


def _refuse(ctx: ServiceContext, workspace_id: str, user: str, reply: Reply,
            refused: LossAnswer, now: datetime) -> None:
    # Queued once the reading unit of work has ended: SQLite has one writer at a time.
    with ctx.uow() as uow:
        answer_click(ctx, uow, workspace_id, user, reply, refused, now)
        uow.commit()
