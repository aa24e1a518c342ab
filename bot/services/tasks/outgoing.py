"""What the task reminders say at send time, and what a sent snooze-end reminder changes
(declared for each kind in bot/services/delivery/kinds.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.domain import reminders as rules
from bot.services.context import ServiceContext
from bot.services.language import own_language
from bot.services.logs.questions import offered_choices, waiting_question
from bot.services.ports import Composed, Receipt
from bot.services.revisits.views import with_revisit
from bot.services.tasks import lifecycle as task_service
from bot.services.tasks.brief import BRIEF, briefs_for
from bot.services.views import brief_from_payload, task_view, to_payload
from store.models import Notification
from store.uow import UnitOfWork

Compose = Callable[[ServiceContext, UnitOfWork, Notification, dict[str, Any], datetime],
                   Composed | None]


def reminder_of(statuses: tuple[str, ...]) -> Compose:
    """A composer for a reminder that holds only while its task is in one of `statuses`."""

    def compose(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                payload: dict[str, Any], now: datetime) -> Composed | None:
        task = uow.tasks.get(note.workspace_id, note.task_id) if note.task_id else None
        if task is None or task.status not in statuses:
            return None
        customer = uow.customers.get(note.workspace_id, task.customer_id) \
            if task.customer_id else None
        # An unanswered "which customer?" comes back with the reminder of its promise, with
        # the same choices as its first reply.
        waiting = waiting_question(uow, task)
        # A revisit's task comes with its revisit's buttons and script (docs/revisits.md).
        view = with_revisit(ctx, uow, task, task_view(
            task, customer, now, waiting, offered_choices(uow, waiting) if waiting else ()))
        # And every reminder with the brief before the contact: read for the whole batch
        # when the sender claimed several (BRIEF), else for this one customer.
        brief = payload.pop(BRIEF, None)
        if customer is not None:
            view = replace(view, brief=brief_from_payload(brief) if brief else
                           briefs_for(uow, [customer])[customer.id])
        payload["task"] = to_payload(view)
        # Read by its recipient (the owner, or their lead for an overdue task): in their own
        # language, whatever the title was written in (docs/language.md).
        payload["lang"] = own_language(ctx, note.recipient, uow)
        late = rules.is_late(note.due_at, now, ctx.late_tolerance)
        if late:
            payload["due_was"] = note.due_at.isoformat()
        return Composed(payload, late=late)

    return compose


def end_snooze(ctx: ServiceContext, uow: UnitOfWork, note: Notification, receipt: Receipt,
               now: datetime) -> None:
    """The snooze-end reminder is out: the task is open again, with its reminders."""
    task = uow.tasks.get(note.workspace_id, note.task_id) if note.task_id is not None else None
    if task is not None and task.status == "snoozed":
        task.status, task.snoozed_until, task.updated_at = "open", None, now
        task_service.schedule(ctx, uow, task, now)
