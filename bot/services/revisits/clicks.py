"""A revisit's buttons and reason form, done by the worker after Slack has its answer
(bot/services/clicks.py): the answer is recorded and replaces the clicked reminder."""

from __future__ import annotations

from datetime import datetime

from bot.domain.revisit_outcomes import Answer
from bot.services.context import ServiceContext
from bot.services.interactions import Reply, answer
from bot.services.revisits.recording import record_revisit
from bot.services.views import Outcome

RENDER = "revisit"  # how the answer is drawn (handlers/render.py RESPONSES)


def click_args(try_no: int | str, outcome: str, score: int | None = None, reason: str | None = None,
               text: str | None = None) -> tuple[str, ...]:
    """A revisit answer as a stored click's arguments (strings; "" for nothing)."""
    return (str(try_no), outcome, "" if score is None else str(score), reason or "",
            text or "")


def act_on_revisit(ctx: ServiceContext, workspace_id: str, user: str, revisit_id: int,
                   args: tuple[str, ...], source_key: str, reply: Reply, now: datetime
                   ) -> Outcome:
    """Record the answer a button or the reason form gave, and answer on the reminder."""
    try_raw, outcome, score, reason, text = (*args, "", "", "", "", "")[:5]
    if not try_raw.isdigit() or (score and not score.isdigit()):
        result = Outcome(status="invalid", message="rv_bad_button")  # said by the blocks
    else:
        result = record_revisit(
            ctx, workspace_id, user, revisit_id, int(try_raw),
            Answer(outcome, int(score) if score else None, reason or None, text or None),
            source_key, now)
    return answer(ctx, workspace_id, user, reply, result, RENDER, now)
