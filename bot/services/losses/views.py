"""What the loss buttons and forms answer, as plain values the blocks render in the
person's language; and how an answer is queued onto the clicked message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.services.context import ServiceContext
from bot.services.delivery.outbox import RESPOND, queue
from bot.services.interactions import Reply
from bot.services.views import to_payload
from store.uow import UnitOfWork

RENDER = "loss"  # how the answer is drawn (handlers/render.py RESPONSES)
MOVE, WIN_BACK = "move", "win_back"  # what a reason answers: a move to lost, a win-back task
# Answers that change nothing go below the message; the others replace it.
REFUSALS = ("forbidden", "not_found", "invalid", "already", "proposal_not_found",
            "proposal_was_lost", "proposal_was_active")


@dataclass(frozen=True)
class LossAnswer:
    """One answer: `status` names the sentence (handlers/blocks/i18n_losses.py); the rest
    fills it in."""

    status: str
    lang: str = "en"
    customer: str | None = None
    reason: str | None = None
    text: str | None = None
    answered_by: str | None = None


def answer_from_payload(data: dict[str, Any]) -> LossAnswer:
    """Rebuild an answer from its queued payload."""
    return LossAnswer(**data)


def answer_click(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
                 reply: Reply, answer: LossAnswer, now: datetime) -> LossAnswer:
    """Queue the answer on the clicked message, in the click's own unit of work."""
    if reply.response_url is not None:
        queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
              payload={"response_url": reply.response_url, "render": RENDER,
                       "replace": answer.status not in REFUSALS and not reply.keep_message,
                       "outcome": to_payload(answer)})
    return answer
