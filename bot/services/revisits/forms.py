"""The forms of a revisit: the reason asked after a score of 1-3, and Raise complaint filled
in from a dissatisfied revisit. Opened from the request itself (a trigger lives 3 s)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.domain.complaint_text import suggest
from bot.domain.language import writes_chinese
from bot.domain.revisit_outcomes import REACHED, Answer, RevisitError, check_answer
from bot.services.clicks import Click, receive_click
from bot.services.context import ServiceContext
from bot.services.forms import Form
from bot.services.interactions import Reply, answer
from bot.services.language import own_language
from bot.services.revisits.clicks import RENDER, click_args
from bot.services.revisits.recording import may_answer
from bot.services.views import Outcome

# Refusals, by code (handlers/blocks/i18n_revisits.py says them).
GONE, MISSING = "rv_taken", "rv_gone"


def open_reason_form(ctx: ServiceContext, workspace_id: str, user: str, revisit_id: int,
                     try_no: int, score: int, reply: Reply, now: datetime) -> Form | None:
    """The reason form for a score of 1-3 on the revisit's current try (None: a refusal
    was queued instead, or there is no trigger)."""
    with ctx.uow() as uow:
        revisit = uow.revisits.get(workspace_id, revisit_id)
        found = revisit is not None
        asked = None
        if revisit is not None and revisit.status == "open" and revisit.tries == try_no \
                and may_answer(ctx, uow, user, revisit):
            customer = uow.customers.get(workspace_id, revisit.customer_id)
            task = uow.tasks.get(workspace_id, revisit.task_id) if revisit.task_id else None
            name = customer.name if customer else ""
            asked = (name, "zh" if writes_chinese(task.title if task else name) else "en")
    fields = None if asked is None else {
        "modal": "revisit_reason", "response_url": reply.response_url,
        "revisit_id": revisit_id, "try": try_no, "score": score, "customer": asked[0],
        "lang": asked[1], "reasons": list(ctx.directory.revisits.reasons)}
    return _form_or_refusal(ctx, workspace_id, user, reply, found, fields, now)


def submit_reason(ctx: ServiceContext, workspace_id: str, user: str, revisit_id: int,
                  try_no: int, score: int, reason: str | None, text: str | None,
                  form_key: str, reply: Reply, now: datetime) -> Outcome:
    """Check the reason form (a problem comes back under its field at once), then store it
    to be recorded like a click: the same form submitted twice is recorded once."""
    try:
        check_answer(Answer(REACHED, score, reason, text), ctx.directory.revisits)
    except RevisitError as problem:
        # said under the field at once, in the language of the rep (Chinese if they typed it)
        return Outcome(status="invalid", errors={"reason": problem.problem},
                       language=own_language(ctx, user))
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
        found = revisit is not None
        filled = None
        if revisit is not None and revisit.score is not None \
                and may_answer(ctx, uow, user, revisit):
            customer = uow.customers.get(workspace_id, revisit.customer_id)
            if customer is not None:
                filled = _complaint_fields(customer.name, revisit.step, revisit.score,
                                           revisit.reason, revisit.reason_text)
    fields = None if filled is None else {"modal": "complaint_raise", "link": None, **filled}
    return _form_or_refusal(ctx, workspace_id, user, reply, found, fields, now)


def _form_or_refusal(ctx: ServiceContext, workspace_id: str, user: str, reply: Reply,
                     found: bool, fields: Mapping[str, object] | None, now: datetime
                     ) -> Form | None:
    """The form to open from the request, or the refusal said under the clicked message
    (queued once the reading unit of work has ended: SQLite has one writer at a time)."""
    if fields is None:
        refused = Outcome(status="forbidden", message=GONE) if found else \
            Outcome(status="not_found", message=MISSING)
        answer(ctx, workspace_id, user, reply, refused, RENDER, now)
        return None
    if not reply.trigger_id:
        return None
    return Form({"trigger_id": reply.trigger_id, **fields})


def _complaint_fields(customer: str, step: str, score: int, reason: str | None,
                      words: str | None) -> dict[str, str]:
    """The complaint form's customer, text, category and priority from the revisit."""
    said = "; ".join(w for w in (reason, words) if w)
    text = (f"回访({step}):满意度 {score}/5。{said}" if writes_chinese(customer, words)
            else f"Revisit ({step}): satisfaction {score}/5. {said}").strip()
    read = suggest(f"{reason or ''} {words or ''}")
    return {"customer": customer, "text": text, "category": read.category,
            "priority": "high" if score == 1 else read.priority}
