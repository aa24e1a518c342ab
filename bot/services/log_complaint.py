"""Raise complaint under a log that reads as one: the complaint form, filled in from the log.

Raising stays the rep's choice: the form is only opened, and its submission is the shortcut's
(bot/services/complaint_clicks.submit_raise_form), so it is raised like any other complaint.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.complaint_text import complaint_intent, suggest
from bot.domain.parsing import parse_window
from bot.services.context import ServiceContext
from bot.services.interactions import Reply, answer
from bot.services.logs import get_log
from bot.services.outbox import OPEN_MODAL, queue
from bot.services.views import Outcome


def open_log_complaint(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
                       reply: Reply, now: datetime) -> Outcome:
    """Open the complaint form with the log's customer and text, for the log's author."""
    outcome = get_log(ctx, workspace_id, user, follow_up_id)
    fu = outcome.follow_up
    if outcome.status != "log" or fu is None or reply.trigger_id is None:
        return answer(ctx, workspace_id, user, reply, outcome, "log", now)
    read = complaint_intent(parse_window(fu.raw_text)) or suggest(fu.raw_text)
    with ctx.uow() as uow:
        queue(ctx, uow, workspace_id=workspace_id, kind=OPEN_MODAL, recipient=user, now=now,
              payload={"trigger_id": reply.trigger_id, "modal": "complaint_raise",
                       "text": fu.raw_text, "customer": fu.customer or fu.customer_guess,
                       "link": None, "category": read.category, "priority": read.priority})
        uow.commit()
    return outcome
