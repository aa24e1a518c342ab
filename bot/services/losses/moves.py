"""What a move to lost does in the move's own unit of work: the customer's revisits still to
make are cancelled (with their tasks), and its owner is asked why (the mover, when someone
else, is told so); Undo of the move brings back what it cancelled and forgets the reason."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.revisit_plans import task_times
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.language import answer_language
from bot.services.ports import Composed
from bot.services.revisits.plans import team_days
from bot.services.tasks import lifecycle as task_service
from store.audit import SYSTEM
from store.models import ClassificationChange, Customer, Notification
from store.uow import UnitOfWork

LOSS_ASK = "loss_ask"  # to the owner of a customer moved to lost: why, with the reason's button
LOSS_ASKED = "loss_asked"  # to the mover, when not the owner: the owner was asked
LIVE_TASK = ("open", "snoozed")


def on_lost(ctx: ServiceContext, uow: UnitOfWork, customer: Customer,
            change: ClassificationChange, now: datetime) -> str:
    """Cancel the customer's revisits not yet made and their tasks, and ask its owner why it
    was lost, once per move; the mover, when someone else, is told the owner was asked.
    Returns who was asked (`asked_why`)."""
    for revisit in uow.revisits.cancel_open(customer.id, now):
        task = uow.tasks.get(revisit.workspace_id, revisit.task_id) if revisit.task_id else None
        if task is not None and task.status in LIVE_TASK:
            task.status, task.updated_at = "cancelled", now
            task_service.schedule(ctx, uow, task, now)
    uow.session.flush()  # the question names the move by its id
    mover = None if change.actor == SYSTEM else change.actor
    asked = asked_why(uow, customer, mover)
    payload = {"change_id": change.id, "customer": customer.name}
    queue(ctx, uow, workspace_id=customer.workspace_id, kind=LOSS_ASK, recipient=asked,
          now=now, dedupe_key=f"{LOSS_ASK}:{change.id}",
          payload={**payload, "lang": answer_language(ctx, asked, customer.name, uow=uow)})
    if mover is not None and mover != asked:
        queue(ctx, uow, workspace_id=customer.workspace_id, kind=LOSS_ASKED, recipient=mover,
              now=now, dedupe_key=f"{LOSS_ASKED}:{change.id}",
              payload={**payload, "owner": asked,
                       "lang": answer_language(ctx, mover, customer.name, uow=uow)})
    return asked


def asked_why(uow: UnitOfWork, customer: Customer, mover: str | None) -> str:
    """Whom a move to lost asks why: the owner on its list, else (a pooled prospect) the
    mover, else (the bot moved it) the owner of record."""
    return uow.customers.people_on(customer).owner or mover or customer.owner_id


def on_lost_withdrawn(ctx: ServiceContext, uow: UnitOfWork, change: ClassificationChange,
                      now: datetime) -> int:
    """Undo of a move to lost: its reason is forgotten, and the revisits it cancelled (those
    cancelled at its very moment and untouched since) are planned again, a try whose task it
    cancelled reopened with that task. How many came back."""
    uow.losses.withdraw_move(change.id)
    customer = uow.customers.get(change.workspace_id, change.customer_id)
    if customer is None:
        return 0
    zone, _ = team_days(ctx, customer.owner_id)
    restored = uow.revisits.cancelled_at(customer.id, change.at)
    for revisit in restored:
        task = uow.tasks.get(revisit.workspace_id, revisit.task_id) if revisit.task_id else None
        revisit.updated_at = now
        if task is not None and task.status == "cancelled" and task.updated_at == change.at:
            task.status, task.updated_at = "open", now
            task_service.schedule(ctx, uow, task, now)
            revisit.status = "open"
            continue
        revisit.status = "planned"
        made, _ = task_times(revisit.due_day, zone, ctx.directory.reminders.day_due_time,
                             ctx.directory.reminders.before)
        revisit.task_due_at = max(made, now) if revisit.tries == 0 else now
    return len(restored)


def ask_holds(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
              payload: dict[str, Any], now: datetime) -> Composed | None:
    """The question still worth sending: its move stands (no Undo since) and has no reason."""
    change = uow.classifications.get(note.workspace_id, int(payload["change_id"]))
    if change is None or uow.losses.answering(change_id=change.id) is not None:
        return None
    return Composed(payload)
