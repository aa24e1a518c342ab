"""Answering a log that came as a reply in a review thread: a reaction on the message, and a
reply in the thread when there is more to say than the reaction can: why it could not be
fully read, what it moved (with Undo), or that it reads as a complaint (Raise complaint)."""

from __future__ import annotations

from datetime import datetime

from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.views import Outcome, to_payload
from store.models import FollowUp
from store.uow import UnitOfWork

REACTION = "reaction"
THREAD_REPLY = "thread_reply"
# The reaction that says how a reply was read: logged, needs its customer, not readable.
REACTIONS = {"recorded": "white_check_mark", "needs_customer": "question",
             "needs_share": "question", "failed": "x"}


def answer_in_thread(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, outcome: Outcome,
                     now: datetime) -> None:
    """React to the rep's message; in the thread, say what the reaction cannot."""
    assert row.reply_channel and row.reply_thread_ts
    react(ctx, uow, row, outcome.status, now)
    if _more_to_say(outcome):
        queue(ctx, uow, workspace_id=row.workspace_id, kind=THREAD_REPLY,
              recipient=row.reply_channel, now=now,
              payload={"channel": row.reply_channel, "thread_ts": row.reply_thread_ts,
                       "outcome": to_payload(outcome)})


def _more_to_say(outcome: Outcome) -> bool:
    if outcome.status != "recorded":
        return True
    logged = outcome.follow_up
    return logged is not None and (bool(logged.moved) or logged.complaint)


def react(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, status: str,
          now: datetime) -> None:
    """Put the reaction for this state of the log on the rep's thread message (once each)."""
    name = REACTIONS.get(status)
    if name and row.source_ts and row.reply_channel and row.reply_thread_ts:
        queue(ctx, uow, workspace_id=row.workspace_id, kind=REACTION,
              recipient=row.reply_channel, now=now,
              payload={"timestamp": row.source_ts, "name": name},
              dedupe_key=f"react:{row.id}:{name}")
