"""What a log tells the revisits, read in the log's own unit of work once its customer is
known: a service visit done starts the "problem solved?" call, and a revisit call reported
in words ("回访了华为,很满意,5分", "called Acme back, unhappy with delivery, 2/5") answers the
customer's revisit that is out, or (reached, a little early) the one due within a week
(bot/domain/revisit_outcomes.answers_planned). The log's reply says what it did."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.revisit_outcomes import EARLY_BY_WORDS_DAYS, REACHED, Answer, answers_planned
from bot.domain.revisit_plans import SERVICE
from bot.domain.revisit_text import read_revisit, reads_as_service_visit
from bot.services.context import ServiceContext
from bot.services.revisits.plans import start_plan, team_days
from bot.services.revisits.recording import record_in
from bot.services.tasks import lifecycle as task_service
from bot.services.views import RevisitNotes
from store.aftersale_models import Revisit
from store.models import Customer, FollowUp
from store.uow import UnitOfWork

SERVICE_CALL, ANSWERED = "service", "answered"


def read_log_revisits(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, customer: Customer,
                      now: datetime) -> RevisitNotes:
    """Start the service call a log's visit asks for, and record the revisit it reports; the
    log's id keys both, so reading it again (an edit, a retry) adds nothing. What it did, for
    the log's reply: ("service", step, its day) and ("answered", step, outcome[:score])."""
    notes: list[tuple[str, str, str]] = []
    text = row.raw_text
    if reads_as_service_visit(text):
        plan = start_plan(ctx, uow, customer, SERVICE, row.contact_at or now, row.author_id,
                          now, "log", row.id)
        first = uow.revisits.of_plan(plan.id)[:1] if plan is not None else []
        notes += [(SERVICE_CALL, r.step, r.due_day.isoformat()) for r in first]
    reading = read_revisit(text, ctx.directory.revisits.reasons)
    if reading is None:
        return tuple(notes)
    if reading.outcome == REACHED:
        # The rep's words stand as the reason when the reading found no configured one.
        answer = Answer(REACHED, reading.score,
                        reading.reason if reading.score is not None else None, text)
    else:
        answer = Answer(reading.outcome, text=text)
    revisit, early = _answered(ctx, uow, row, customer, answer, now)
    if revisit is None:
        return tuple(notes)
    recorded = record_in(ctx, uow, revisit, row.author_id, revisit.tries, answer,
                         f"log:{row.id}", now, row.id, early=early)
    if recorded.status == "revisit_recorded":
        said = answer.outcome + (f":{answer.score}" if answer.score is not None else "")
        notes.append((ANSWERED, revisit.step, said))
    return tuple(notes)


def _answered(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, customer: Customer,
              answer: Answer, now: datetime) -> tuple[Revisit | None, bool]:
    """The revisit a call told in words answers: the one out now, else (reached) the one
    planned within a week of the call; and whether it is that early one."""
    out = uow.revisits.out_for_customer(customer.id)
    if out is not None or answer.outcome != REACHED:
        return out, False
    zone, _ = team_days(ctx, customer.owner_id)
    day = (row.contact_at or now).astimezone(zone).date()
    planned = uow.revisits.planned_by(customer.id, day + timedelta(days=EARLY_BY_WORDS_DAYS))
    if planned is None or not answers_planned(answer, day, planned.due_day):
        return None, False
    return planned, True


def withdraw_log_revisits(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp,
                          now: datetime) -> None:
    """Undo of a log: the plans it started go with it. A plan none of whose calls was made
    yet is removed (a won read by mistake leaves nothing behind, and a real purchase later
    starts its own plan); otherwise its calls still to come are cancelled with their tasks."""
    for plan in uow.revisits.plans_of_log(row.id):
        revisits = uow.revisits.of_plan(plan.id)
        if all(r.tries == 0 for r in revisits):
            uow.revisits.remove_plan(plan)
            continue
        for revisit in revisits:
            if revisit.status not in ("planned", "open"):
                continue
            revisit.status, revisit.task_due_at, revisit.updated_at = "cancelled", None, now
            task = uow.tasks.get(revisit.workspace_id, revisit.task_id) \
                if revisit.task_id else None
            if task is not None and task.status in ("open", "snoozed"):
                task.status, task.updated_at = "cancelled", now
                task_service.schedule(ctx, uow, task, now)
