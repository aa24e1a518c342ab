"""Buttons and menus answered first: a click is stored (one INSERT), Slack gets its answer,
and the background worker does what it asks (bot/services/inbox.py); the answer replaces
the clicked message through its response_url, as before. A control that opens a form is not
one of these: its trigger lives 3 seconds, so the form is opened from the request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from bot.services.complaints.clicks import click as complaint_click
from bot.services.complaints.clicks import triage
from bot.services.context import ServiceContext
from bot.services.customers.edit import classify_by_button
from bot.services.delivery.outbox import RESPOND, queue
from bot.services.inbox import Work, process_inbox, store_request
from bot.services.interactions import (
    Reply,
    act_on_log,
    act_on_task,
    open_customer,
    refuse_unknown,
)
from bot.services.losses.proposals import answer_proposal
from bot.services.losses.recording import record_loss_reason
from bot.services.pool.asking import warning_button
from bot.services.pool.assigning import assign_by_button, give_more_time
from bot.services.pool.claiming import claim_from_pool
from bot.services.revisits.clicks import act_on_revisit
from bot.services.views import Outcome, to_payload
from store.uow import UnitOfWork

CLICK = "click"
FAILED = "click_failed"  # said by the blocks in the reader's language (refusals.py)


@dataclass(frozen=True)
class Click:
    """A click as Slack sent it: who, which control (`does`, a key of DOES), the record its
    value names (None: no valid record) and the rest of its value."""

    workspace_id: str
    user_id: str
    does: str
    record: int | None
    args: tuple[str, ...]
    response_url: str | None
    source_key: str  # the click itself (its action_ts): a redelivery is stored once
    keep_message: bool = False  # answer below the clicked message (it holds more than this)


def receive_click(ctx: ServiceContext, click: Click, now: datetime) -> bool:
    """Store the click to do (one INSERT); False if this click was stored already."""
    if click.does not in DOES:
        raise ValueError(f"no click called {click.does!r}")
    return store_request(ctx, workspace_id=click.workspace_id, kind=CLICK,
                         source_key=click.source_key, user_id=click.user_id,
                         payload=asdict(click), now=now)


def process_received_clicks(ctx: ServiceContext, now: datetime, *, batch: int = 20) -> int:
    """Do every click stored and not yet done; how many were claimed."""
    return process_inbox(ctx, {CLICK: _WORK}, now, batch=batch)


def _do(ctx: ServiceContext, payload: dict[str, Any], received: datetime) -> None:
    c = _click(payload)
    reply = Reply(response_url=c.response_url, keep_message=c.keep_message)
    if c.record is None:
        refuse_unknown(ctx, c.workspace_id, c.user_id, reply, received)
    else:
        # As of when it was clicked: a snooze of "1 hour" counts from the click.
        DOES[c.does](ctx, c, c.record, reply, received)


def _give_up(ctx: ServiceContext, uow: UnitOfWork, payload: dict[str, Any],
             received: datetime, now: datetime) -> None:
    c = _click(payload)
    if c.response_url:  # told under the message, which is left as it was
        queue(ctx, uow, workspace_id=c.workspace_id, kind=RESPOND, recipient=c.user_id,
              now=now, payload={"response_url": c.response_url, "render": "task",
                                "replace": False, "outcome": to_payload(
                                    Outcome(status="invalid", message=FAILED))})


def _click(payload: dict[str, Any]) -> Click:
    return Click(**{**payload, "args": tuple(payload.get("args") or ())})


Does = Callable[[ServiceContext, Click, int, Reply, datetime], object]
DOES: dict[str, Does] = {
    "log": lambda ctx, c, r, reply, now: act_on_log(
        ctx, c.workspace_id, c.user_id, r, c.args[0], c.args[1], reply, now),
    "task": lambda ctx, c, r, reply, now: act_on_task(
        ctx, c.workspace_id, c.user_id, r, c.args[0], reply, now),
    "open_customer": lambda ctx, c, r, reply, now: open_customer(
        ctx, c.workspace_id, c.user_id, r, reply, now),
    "classify": lambda ctx, c, r, reply, now: classify_by_button(
        ctx, c.workspace_id, c.user_id, r, c.args[0], c.args[1], reply, now),
    "complaint": lambda ctx, c, r, reply, now: complaint_click(
        ctx, c.workspace_id, c.user_id, r, c.args[0], reply, now),
    "triage": lambda ctx, c, r, reply, now: triage(
        ctx, c.workspace_id, c.user_id, r, c.args[0], c.args[1], reply, now),
    "revisit": lambda ctx, c, r, reply, now: act_on_revisit(
        ctx, c.workspace_id, c.user_id, r, c.args, c.source_key, reply, now),
    "loss": lambda ctx, c, r, reply, now: record_loss_reason(
        ctx, c.workspace_id, c.user_id, r, c.args, reply, now),
    "loss_proposal": lambda ctx, c, r, reply, now: answer_proposal(
        ctx, c.workspace_id, c.user_id, r, c.args[0], reply, now),
    "pool_claim": lambda ctx, c, r, reply, now: claim_from_pool(
        ctx, c.workspace_id, c.user_id, r, reply, now),
    "pool_warning": lambda ctx, c, r, reply, now: warning_button(
        ctx, c.workspace_id, c.user_id, r, c.args[0], reply, now),
    "pool_give_time": lambda ctx, c, r, reply, now: give_more_time(
        ctx, c.workspace_id, c.user_id, r, reply, now),
    "pool_assign": lambda ctx, c, r, reply, now: assign_by_button(
        ctx, c.workspace_id, c.user_id, r, c.args[0], reply, now),
}
_WORK = Work(do=_do, give_up=_give_up)
