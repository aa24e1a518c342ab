"""The forms of a revisit: the reason asked after a score of 1-3, and Raise complaint filled
in from a dissatisfied revisit. Opened from the request itself (a trigger lives 3 s)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.complaint_text import suggest
from bot.domain.language import writes_chinese
from bot.domain.revisit_outcomes import REACHED, Answer, RevisitError, check_answer
from bot.services.clicks import Click, receive_click
from bot.services.context import ServiceContext
from bot.services.forms import Form
from bot.services.interactions import Reply, answer
from bot.services.revisits.clicks import RENDER, click_args
from bot.services.revisits.recording import may_answer
from bot.services.views import Outcome

GONE = "This revisit has been recorded already, or is no longer yours to record."


def open_reason_form(ctx: ServiceContext, workspace_id: str, user: str, revisit_id: int,
                     try_no: int, score: int, reply: Reply, now: datetime) -> Form | None:
    """The reason form for a score of 1-3 on the revisit's current try (None: a refusal
    was queued instead, or there is no trigger)."""
    with ctx.uow() as uow:
        revisit = uow.revisits.get(workspace_id, revisit_id)
        allowed = revisit is not None and may_answer(ctx, uow, user, revisit)
        current = revisit is not None and revisit.status == "open" and revisit.tries == try_no
        customer = uow.customers.get(workspace_id, revisit.customer_id) if revisit else None
        task = uow.tasks.get(workspace_id, revisit.task_id) if revisit and revisit.task_id \
            else None
    if not (allowed and current and customer is not None):
        refused = Outcome(status="forbidden" if revisit is not None else "not_found",
                          message=GONE)
        answer(ctx, workspace_id, user, reply, refused, RENDER, now)
        return None
    if not reply.trigger_id:
        return None
    lang = "zh" if writes_chinese(task.title if task else customer.name) else "en"
    return Form({"trigger_id": reply.trigger_id, "modal": "revisit_reason",
                 "response_url": reply.response_url, "revisit_id": revisit_id, "try": try_no,
                 "score": score, "customer": customer.name, "lang": lang,
                 "reasons": list(ctx.directory.revisits.reasons)})


def submit_reason(ctx: ServiceContext, workspace_id: str, user: str, revisit_id: int,
                  try_no: int, score: int, reason: str | None, text: str | None,
                  form_key: str, reply: Reply, now: datetime) -> Outcome:
    """Check the reason form (a problem comes back under its field at once), then store it
    to be recorded like a click: the same form submitted twice is recorded once."""
    try:
        check_answer(Answer(REACHED, score, reason, text), ctx.directory.revisits)
    except RevisitError as problem:
        return Outcome(status="invalid", message=str(problem), errors={"reason": str(problem)})
    receive_click(ctx, Click(
        workspace_id=workspace_id, user_id=user, does="revisit", record=revisit_id,
        args=click_args(try_no, REACHED, score, reason, text),
        response_url=reply.response_url, source_key=f"revisit_form:{form_key}"), now)
    return Outcome(status="stored")


def open_revisit_complaint(ctx: ServiceContext, workspace_id: str, user: str,
                           revisit_id: int, reply: Reply, now: datetime) -> Form | None:
    """The complaint form filled in from a dissatisfied revisit: its customer, and the score
    and reason as the words of the complaint (raising it stays the rep's choice)."""
    with ctx.uow() as uow:
        revisit = uow.revisits.get(workspace_id, revisit_id)
        allowed = revisit is not None and may_answer(ctx, uow, user, revisit)
        customer = uow.customers.get(workspace_id, revisit.customer_id) if revisit else None
    if not allowed or revisit is None or customer is None or revisit.score is None:
        refused = Outcome(status="forbidden" if revisit is not None else "not_found",
                          message=GONE)
        answer(ctx, workspace_id, user, reply, refused, RENDER, now)
        return None
    if not reply.trigger_id:
        return None
    words = "; ".join(w for w in (revisit.reason, revisit.reason_text) if w)
    text = (f"回访({revisit.step}):满意度 {revisit.score}/5。{words}"
            if writes_chinese(customer.name, revisit.reason_text)
            else f"Revisit ({revisit.step}): satisfaction {revisit.score}/5. {words}").strip()
    read = suggest(f"{revisit.reason or ''} {revisit.reason_text or ''}")
    return Form({"trigger_id": reply.trigger_id, "modal": "complaint_raise", "text": text,
                 "customer": customer.name, "link": None, "category": read.category,
                 "priority": "high" if revisit.score == 1 else read.priority})
