"""What a log tells the revisits, read in the log's own unit of work once its customer is
known: a service visit done starts the "problem solved?" call, and a revisit call reported
in words ("回访了华为,很满意,5分", "called Acme back, unhappy with delivery, 2/5") answers the
customer's revisit that is out."""

from __future__ import annotations

from datetime import datetime

from bot.domain.revisit_outcomes import REACHED, Answer
from bot.domain.revisit_plans import SERVICE
from bot.domain.revisit_text import read_revisit, reads_as_service_visit
from bot.services.context import ServiceContext
from bot.services.revisits.plans import start_plan
from bot.services.revisits.recording import record_in
from bot.services.tasks import lifecycle as task_service
from store.models import Customer, FollowUp
from store.uow import UnitOfWork


def read_log_revisits(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, customer: Customer,
                      now: datetime) -> None:
    """Start the service call a log's visit asks for, and record the revisit it reports; the
    log's id keys both, so reading it again (an edit, a retry) adds nothing."""
    text = row.raw_text
    if reads_as_service_visit(text):
        start_plan(ctx, uow, customer, SERVICE, row.contact_at or now, row.author_id, now,
                   "log", row.id)
    reading = read_revisit(text, ctx.directory.revisits.reasons)
    revisit = uow.revisits.out_for_customer(customer.id) if reading is not None else None
    if reading is None or revisit is None:
        return
    if reading.outcome == REACHED:
        # The rep's words stand as the reason when the reading found no configured one.
        answer = Answer(REACHED, reading.score,
                        reading.reason if reading.score is not None else None, text)
    else:
        answer = Answer(reading.outcome, text=text)
    record_in(ctx, uow, revisit, row.author_id, revisit.tries, answer, f"log:{row.id}", now,
              row.id)


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
