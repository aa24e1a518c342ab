"""Recording why a customer was lost: the reason form's answer to a move to lost or to a
win-back call, done by the worker after Slack has its answer (bot/services/clicks.py). Kept
with who, when, the rep's words and what it answers; each move and each win-back task is
answered once (unique constraints), so a double submit records one reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.classification import LOST, STAGE
from bot.domain.losses import LossError, check_reason
from bot.services.context import ServiceContext
from bot.services.customers.access import may_see
from bot.services.interactions import Reply
from bot.services.language import answer_language
from bot.services.losses.views import MOVE, WIN_BACK, LossAnswer, answer_click
from bot.services.tasks import lifecycle as task_service
from bot.services.unit import one_unit_of_work
from store.aftersale_models import LossRecord
from store.models import Customer
from store.uow import UnitOfWork

WIN_BACK_ORIGIN = "win_back"  # the origin of the cadence's win-back task


@dataclass(frozen=True)
class Subject:
    """What a reason answers, found and allowed: the customer, and the move or the task."""

    customer: Customer
    change_id: int | None
    task_id: int | None


def find_subject(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
                 kind: str, record: int) -> Subject | LossAnswer:
    """The move to lost or win-back task a reason answers, or the answer refusing it: gone
    (an Undo took the move back), not this person's, or answered already."""
    lang = answer_language(ctx, user, uow=uow)
    change_id = task_id = None
    if kind == MOVE:
        change = uow.classifications.get(workspace_id, record)
        if change is None or change.axis != STAGE or change.new != LOST:
            return LossAnswer("not_found", lang)
        customer_id, change_id = change.customer_id, change.id
    elif kind == WIN_BACK:
        task = uow.tasks.get(workspace_id, record)
        if task is None or task.origin != WIN_BACK_ORIGIN or task.customer_id is None:
            return LossAnswer("not_found", lang)
        customer_id, task_id = task.customer_id, task.id
    else:
        return LossAnswer("not_found", lang)
    customer = uow.customers.get(workspace_id, customer_id)
    if customer is None:
        return LossAnswer("not_found", lang)
    lang = answer_language(ctx, user, customer.name, uow=uow)
    if not may_see(ctx, uow, user, customer):
        return LossAnswer("forbidden", lang, customer.name)
    given = uow.losses.answering(change_id=change_id, task_id=task_id)
    if given is not None:
        return LossAnswer("already", lang, customer.name, given.reason, given.text,
                          given.actor)
    return Subject(customer, change_id, task_id)


@one_unit_of_work
def record_loss_reason(ctx: ServiceContext, workspace_id: str, user: str, record: int,
                       args: tuple[str, ...], reply: Reply, now: datetime) -> LossAnswer:
    """Record the reason the form gave (`args`: what it answers, the reason, the words); a
    win-back task answered is done."""
    kind, reason, text = (*args, "", "", "")[:3]
    with ctx.uow() as uow:
        found = find_subject(ctx, uow, workspace_id, user, kind, record)
        if isinstance(found, Subject):
            found = _record(ctx, uow, found, user, kind, reason, text or None, now)
        answer_click(ctx, uow, workspace_id, user, reply, found, now)
        uow.commit()
        return found


def _record(ctx: ServiceContext, uow: UnitOfWork, subject: Subject, user: str, kind: str,
            reason: str, text: str | None, now: datetime) -> LossAnswer:
    customer = subject.customer
    lang = answer_language(ctx, user, customer.name, text, uow=uow)
    try:
        clean = check_reason(reason, text, ctx.directory.losses)
    except LossError:
        return LossAnswer("invalid", lang, customer.name)
    uow.act_as(user, now)
    kept = uow.losses.record(LossRecord(
        workspace_id=customer.workspace_id, customer_id=customer.id, reason=clean.reason,
        text=clean.text, source=kind, classification_change_id=subject.change_id,
        task_id=subject.task_id, actor=user, at=now))
    if not kept:  # another submit won the race: its reason stands
        given = uow.losses.answering(change_id=subject.change_id, task_id=subject.task_id)
        return LossAnswer("already", lang, customer.name, given.reason if given else None,
                          given.text if given else None, given.actor if given else None)
    task = uow.tasks.get(customer.workspace_id, subject.task_id) if subject.task_id else None
    if task is not None and task.status in ("open", "snoozed"):
        task.status, task.done_at, task.updated_at = "done", now, now
        task_service.schedule(ctx, uow, task, now)
    return LossAnswer("recorded_" + kind, lang, customer.name, clean.reason, clean.text, user)
