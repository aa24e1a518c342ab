"""Tasks: opened from logs, listed, done, snoozed and rescheduled, with their reminders."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import reminders as rules
from bot.domain.parsing import find_due
from bot.domain.problems import problem
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.home.build import refresh_home
from bot.services.language import answer_language
from bot.services.revisits.views import with_revisit
from bot.services.views import Outcome, TaskView, task_view
from store.models import Task
from store.uow import UnitOfWork


def schedule(ctx: ServiceContext, uow: UnitOfWork, task: Task, now: datetime, *,
             new: bool = False) -> None:
    """Replace the task's pending reminders with the ones its due time now calls for."""
    if not new:
        uow.notifications.cancel_pending_for_task(task.id, rules.REMINDER_KINDS)
    if task.status != "open" or task.due_at is None:
        return
    for planned in rules.plan_reminders(task.due_at, now, ctx.directory.reminders):
        lead = int(planned.lead_time.total_seconds()) if planned.lead_time else None
        queue(ctx, uow, workspace_id=task.workspace_id, kind=planned.kind,
              recipient=task.owner_id, payload={"lead_seconds": lead}, now=now,
              due_at=planned.at, task_id=task.id)


def follow_owner(ctx: ServiceContext, uow: UnitOfWork, task: Task, now: datetime) -> None:
    """After a task changed owner (a reassignment, a handover): its pending reminders go to
    the new owner; a snoozed one's snooze end too, still at the end of the snooze."""
    if task.status == "snoozed" and task.snoozed_until is not None:
        uow.notifications.cancel_pending_for_task(task.id, (rules.SNOOZE_END,))
        queue(ctx, uow, workspace_id=task.workspace_id, kind=rules.SNOOZE_END,
              recipient=task.owner_id, payload={}, now=now, due_at=task.snoozed_until,
              task_id=task.id)
    else:
        schedule(ctx, uow, task, now)


def set_due(ctx: ServiceContext, task: Task, due: datetime | None, precision: str | None) -> None:
    """Give the task a due time (day-only dates get the policy's time of day)."""
    tz = ZoneInfo(task.tz)
    policy = ctx.directory.reminders
    if due is None:
        task.due_at = task.overdue_at = None
        task.due_precision = None
    else:
        task.due_at = rules.effective_due(due, precision, tz, policy)
        task.due_precision = precision
        task.overdue_at = rules.overdue_moment(task.due_at, precision, tz, policy)
    task.overdue_since = None


def list_tasks(ctx: ServiceContext, workspace_id: str, viewer: str, owner: str | None,
               now: datetime) -> Outcome:
    """A person's open tasks, overdue first; someone else's only for their lead or an admin."""
    owner = owner or viewer
    if not ctx.directory.may_view_tasks_of(viewer, owner):
        return Outcome(status="forbidden", subject_user=owner, message="tasks_not_yours",
                       language=answer_language(ctx, viewer))
    with ctx.uow().reading() as uow:
        views = [with_revisit(ctx, uow, t, task_view(
            t, uow.customers.get(workspace_id, t.customer_id) if t.customer_id else None, now))
                 for t in uow.tasks.open_for_owner(workspace_id, owner)]
    far = datetime.max.replace(tzinfo=now.tzinfo)
    views.sort(key=lambda v: (not v.overdue, v.due or far, v.id))
    return Outcome(status="tasks", tasks=tuple(views),
                   subject_user=owner if owner != viewer else None,
                   language=answer_language(ctx, viewer))


def _editable(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
              task_id: int) -> Task | Outcome:
    task = uow.tasks.get(workspace_id, task_id)
    if task is None:
        return Outcome(status="not_found", message="task_gone")
    if not ctx.directory.may_view_tasks_of(user, task.owner_id):
        return Outcome(status="forbidden", message="task_not_yours")
    return task


def _done(uow: UnitOfWork, workspace_id: str, task: Task, now: datetime,
          status: str, message: str | None = None) -> Outcome:
    customer = uow.customers.get(workspace_id, task.customer_id) if task.customer_id else None
    view: TaskView = task_view(task, customer, now)
    return Outcome(status=status, task=view, message=message)


def complete_task(ctx: ServiceContext, workspace_id: str, user: str, task_id: int,
                  now: datetime) -> Outcome:
    """Mark a task done and drop its reminders; doing it twice changes nothing."""
    with ctx.uow() as uow:
        found = _editable(ctx, uow, workspace_id, user, task_id)
        if isinstance(found, Outcome):
            return found
        uow.act_as(user, now)
        if found.status in ("open", "snoozed"):
            found.status, found.done_at, found.updated_at = "done", now, now
            schedule(ctx, uow, found, now)
            refresh_home(ctx, uow, workspace_id, found.owner_id, now)  # debounced
        result = _done(uow, workspace_id, found, now, "task_done")
        uow.commit()
        return result


def snooze_task(ctx: ServiceContext, workspace_id: str, user: str, task_id: int, choice: str,
                now: datetime) -> Outcome:
    """Hold a task's reminders until later; it comes back with a reminder then."""
    if choice not in rules.SNOOZE_CHOICES:
        return Outcome(status="invalid", message="unknown_action")
    with ctx.uow() as uow:
        found = _editable(ctx, uow, workspace_id, user, task_id)
        if isinstance(found, Outcome):
            return found
        uow.act_as(user, now)
        if found.status not in ("open", "snoozed"):
            return _done(uow, workspace_id, found, now, "task_closed")
        until = rules.snooze_until(choice, now, ZoneInfo(found.tz), ctx.directory.reminders)
        found.status, found.snoozed_until, found.updated_at = "snoozed", until, now
        uow.notifications.cancel_pending_for_task(found.id, rules.REMINDER_KINDS)
        queue(ctx, uow, workspace_id=workspace_id, kind=rules.SNOOZE_END,
              recipient=found.owner_id, payload={}, now=now, due_at=until, task_id=found.id)
        refresh_home(ctx, uow, workspace_id, found.owner_id, now)  # debounced
        result = _done(uow, workspace_id, found, now, "task_snoozed")
        uow.commit()
        return result


def reschedule_task(ctx: ServiceContext, workspace_id: str, user: str, task_id: int, when: str,
                    now: datetime) -> Outcome:
    """Move a task's due time to what the user typed ("Friday 3pm", "明天上午10点")."""
    with ctx.uow() as uow:
        found = _editable(ctx, uow, workspace_id, user, task_id)
        if isinstance(found, Outcome):
            return found
        uow.act_as(user, now)
        team = ctx.directory.team_of(found.owner_id)
        reading = find_due(when, now=now, tz=ZoneInfo(found.tz),
                           country=team.country if team else None)
        if reading is None:
            return Outcome(status="invalid", message="unreadable_time", errors={
                "when": problem("time_unreadable_try", typed=when.strip()[:60])})
        set_due(ctx, found, reading.due, reading.precision)
        found.status, found.snoozed_until, found.updated_at = "open", None, now
        schedule(ctx, uow, found, now)
        refresh_home(ctx, uow, workspace_id, found.owner_id, now)  # debounced
        result = _done(uow, workspace_id, found, now, "task_rescheduled")
        uow.commit()
        return result
