"""What the pool's commands and buttons answer, as plain values the blocks render in the
asker's language; and how a click's answer is queued onto the clicked message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.services.context import ServiceContext
from bot.services.delivery.outbox import RESPOND, queue
from bot.services.interactions import Reply
from bot.services.views import EventView, event_from_payload, to_payload
from store.uow import UnitOfWork

# Answers that change nothing are shown below the message; the others replace it.
REFUSALS = ("forbidden", "not_found", "no_such_customer", "not_yours", "no_lead", "invalid",
            "taken", "cooling_down", "holds_max", "daily_limit", "usage", "not_pooled",
            "unknown_person")


@dataclass(frozen=True)
class PoolAnswer:
    """One answer: `status` names the sentence (handlers/blocks/i18n_pool.py); the rest
    fills it in."""

    status: str
    lang: str = "en"
    customer: str | None = None
    customer_id: int | None = None
    who: str | None = None  # the other person: who claimed it, the lead, the new owner
    at: datetime | None = None  # a return, the end of a cool-down, the next day
    tz: str = "UTC"
    limit: int | None = None
    count: int = 0
    people: tuple[str, ...] = ()
    events: tuple[EventView, ...] = ()  # a history, oldest first


def answer_from_payload(data: dict[str, Any]) -> PoolAnswer:
    """Rebuild an answer from its queued payload."""
    values = dict(data)
    values["at"] = datetime.fromisoformat(values["at"]) if values.get("at") else None
    values["people"] = tuple(values.get("people") or ())
    values["events"] = tuple(event_from_payload(e) for e in values.get("events") or ())
    return PoolAnswer(**values)


def answer_click(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
                 reply: Reply, answer: PoolAnswer, now: datetime) -> PoolAnswer:
    """Queue the answer on the clicked message, in the click's own unit of work."""
    if reply.response_url is not None:
        queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
              payload={"response_url": reply.response_url, "render": "pool",
                       "replace": answer.status not in REFUSALS and not reply.keep_message,
                       "outcome": to_payload(answer)})
    return answer
