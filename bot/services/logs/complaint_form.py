"""Raise complaint under a log that reads as one: the complaint form, filled in from the log.

Raising stays the rep's choice: the form is only opened, and its submission is the shortcut's
(handlers/views/complaints.py: stored, then raised by the worker like /complaint), so it is
raised like any other complaint.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.complaint_text import complaint_intent, suggest
from bot.domain.parsing import parse_window
from bot.services.context import ServiceContext
from bot.services.forms import Form
from bot.services.interactions import Reply, answer
from bot.services.logs.fixing import get_log


def open_log_complaint(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
                       reply: Reply, now: datetime) -> Form | None:
    """The complaint form with the log's customer and text, for the log's author (None: a
    refusal was queued instead)."""
    outcome = get_log(ctx, workspace_id, user, follow_up_id)
    fu = outcome.follow_up
    if outcome.status != "log" or fu is None or reply.trigger_id is None:
        answer(ctx, workspace_id, user, reply, outcome, "log", now)
        return None
    read = complaint_intent(parse_window(fu.raw_text)) or suggest(fu.raw_text)
    return Form({"trigger_id": reply.trigger_id, "modal": "complaint_raise",
                 "text": fu.raw_text, "customer": fu.customer or fu.customer_guess,
                 "link": None, "category": read.category, "priority": read.priority})
