"""Recording what a revisit call found (a button, the reason form, or a log): the answer is
kept as given, then the revisit is closed or tried again on the next working day."""

from __future__ import annotations

from datetime import datetime

from bot.domain import revisit_outcomes as rules
from bot.services.context import ServiceContext
from bot.services.customers.access import may_see
from bot.services.home.build import refresh_homes
from bot.services.language import answer_language
from bot.services.revisits.plans import team_days
from bot.services.revisits.views import revisit_view
from bot.services.tasks import lifecycle as task_service
from bot.services.views import Outcome
from store.aftersale_models import Revisit, RevisitAnswer
from store.uow import UnitOfWork

# Refusals, by code (handlers/blocks/i18n_revisits.py says them).
REFUSED, GONE = "rv_not_yours", "rv_gone"
OPEN = "open"


def may_answer(ctx: ServiceContext, uow: UnitOfWork, user: str, revisit: Revisit) -> bool:
    """Who may record a revisit: whoever makes it (and their lead, admins), or anyone who
    works its customer."""
    if revisit.owner_id and ctx.directory.may_view_tasks_of(user, revisit.owner_id):
        return True
    customer = uow.customers.get(revisit.workspace_id, revisit.customer_id)
    return customer is not None and may_see(ctx, uow, user, customer)


def record_revisit(ctx: ServiceContext, workspace_id: str, user: str, revisit_id: int,
                   try_no: int, answer: rules.Answer, source_key: str, now: datetime,
                   follow_up_id: int | None = None) -> Outcome:
    """Record an answer to a revisit's try (a button or the reason form). The answer is kept
    whatever happens next; it stands only when it answers the current try (an old
    reminder's buttons record, but change nothing), and the same click twice is recorded
    once."""
    with ctx.uow() as uow:
        revisit = uow.revisits.get(workspace_id, revisit_id)
        if revisit is None:
            return Outcome(status="not_found", message=GONE)
        outcome = record_in(ctx, uow, revisit, user, try_no, answer, source_key, now,
                            follow_up_id)
        if outcome.status in ("revisit_recorded", "revisit_closed"):
            if outcome.status == "revisit_recorded":  # off their Home tab's revisits
                refresh_homes(ctx, uow, workspace_id, (user, revisit.owner_id), now)
            uow.commit()
        return outcome


def record_in(ctx: ServiceContext, uow: UnitOfWork, revisit: Revisit, user: str, try_no: int,
              answer: rules.Answer, source_key: str, now: datetime,
              follow_up_id: int | None = None, *, early: bool = False) -> Outcome:
    """The same in the caller's unit of work (a log read as a revisit); nothing committed.
    `early`: the log answers a revisit not yet out (rules.answers_planned said it may)."""
    policy = ctx.directory.revisits
    if not may_answer(ctx, uow, user, revisit):
        return Outcome(status="forbidden", message=REFUSED)
    try:
        clean = rules.check_answer(answer, policy)
    except rules.RevisitError as problem:
        return Outcome(status="invalid", errors={"reason": problem.problem},
                       problems=(problem.problem,),
                       language=answer_language(ctx, user, answer.text, uow=uow))
    uow.act_as(user, now)
    kept = uow.revisits.record_answer(RevisitAnswer(
        workspace_id=revisit.workspace_id, revisit_id=revisit.id, source_key=source_key[:200],
        try_no=try_no, outcome=clean.outcome, score=clean.score, reason=clean.reason,
        text=clean.text, follow_up_id=follow_up_id, actor=user, at=now))
    if not kept:  # this very click or log was recorded already: nothing more to do
        return Outcome(status="revisit_repeat", revisits=(revisit_view(ctx, uow, revisit),))
    if not _stands(revisit, try_no, clean, early):
        return Outcome(status="revisit_closed", revisits=(revisit_view(ctx, uow, revisit),))
    _apply(ctx, uow, revisit, clean, user, now)
    view = revisit_view(ctx, uow, revisit, complaint_offered=rules.offers_complaint(clean, policy))
    return Outcome(status="revisit_recorded", revisits=(view,))


def _stands(revisit: Revisit, try_no: int, answer: rules.Answer, early: bool) -> bool:
    """Whether the answer decides the revisit: it answers the try that is out (or, told in
    words early, the revisit still planned), or rates a call already recorded as reached
    without a score."""
    if try_no != revisit.tries:
        return False
    if early and revisit.status == "planned":
        return True
    return revisit.status == OPEN or (revisit.status == rules.REACHED and revisit.score is None
                                      and answer.score is not None)


def _apply(ctx: ServiceContext, uow: UnitOfWork, revisit: Revisit, answer: rules.Answer,
           user: str, now: datetime) -> None:
    """The answer stands: the try's task is done, and the revisit ends or is tried again."""
    revisit.outcome, revisit.score, revisit.reason = answer.outcome, answer.score, answer.reason
    revisit.reason_text = answer.text
    revisit.answered_by = user
    revisit.answered_at = revisit.updated_at = now
    task = uow.tasks.get(revisit.workspace_id, revisit.task_id) if revisit.task_id else None
    if task is not None and task.status in ("open", "snoozed"):
        task.status, task.done_at, task.updated_at = "done", now, now
        task_service.schedule(ctx, uow, task, now)
    if answer.outcome == rules.REACHED:
        # Answered before its task was made (early, in words): no task is made for it now.
        revisit.status, revisit.done_at, revisit.task_due_at = rules.REACHED, now, None
        return
    customer = uow.customers.get(revisit.workspace_id, revisit.customer_id)
    zone, calendar = team_days(ctx, customer.owner_id if customer else user)
    again = rules.retry(answer, revisit.tries, now, zone, calendar, ctx.directory.revisits)
    if again is None:
        revisit.status, revisit.done_at, revisit.task_due_at = "unreached", now, None
        return
    revisit.status = "planned"
    revisit.task_due_at = again.due_at or datetime.combine(
        again.due_day, ctx.directory.reminders.day_due_time, tzinfo=zone)
