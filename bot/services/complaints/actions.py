"""What people do with a complaint: acknowledge, reassign, resolve, record the check-back,
and the first answer to the customer (a logged contact with them)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.complaints import clocks
from bot.services.complaints.views import ComplaintOutcome, complaint_view
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import OVERDUE_LEAD, OVERDUE_OWNER
from bot.services.tasks import lifecycle as task_service
from store.models import Complaint, Task
from store.uow import UnitOfWork


def _may_act(ctx: ServiceContext, c: Complaint, user: str) -> bool:
    """The people on its escalation, its team and admins may act on a complaint."""
    if user in (c.owner_id, c.backup_id, c.lead_id) or user in ctx.directory.admins:
        return True
    team = ctx.directory.team_of(user)
    return team is not None and team.name == c.team


def _load(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
          complaint_id: int) -> Complaint | ComplaintOutcome:
    c = uow.complaints.get(workspace_id, complaint_id)
    if c is None:
        return ComplaintOutcome("not_found", message="gone")
    if not _may_act(ctx, c, user):
        return ComplaintOutcome("forbidden", complaint_view(c), message="not_allowed")
    return c


def acknowledge(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
                now: datetime) -> ComplaintOutcome:
    """Take the complaint: escalation stops, and whoever acknowledges owns it."""
    with ctx.uow() as uow:
        c = _load(ctx, uow, workspace_id, user, complaint_id)
        if isinstance(c, ComplaintOutcome):
            return c
        if c.status != "open":
            return ComplaintOutcome("unchanged", complaint_view(c),
                                    message="already_status")
        uow.clocks.cancel(c.id, (clocks.ESCALATE,))
        c.status, c.acknowledged_at, c.updated_at = "acknowledged", now, now
        c.owner_id = user
        clocks.announce(ctx, uow, c, "acknowledged", user, now)
        view = complaint_view(c)
        uow.commit()
    return ComplaintOutcome("acknowledged", view)


def reassign(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
             new_owner: str, now: datetime) -> ComplaintOutcome:
    """Give the complaint to someone else: they are paged and the policy runs again."""
    with ctx.uow() as uow:
        c = _load(ctx, uow, workspace_id, user, complaint_id)
        if isinstance(c, ComplaintOutcome):
            return c
        if c.status == "resolved":
            return ComplaintOutcome("unchanged", complaint_view(c),
                                    message="is_resolved")
        if new_owner == c.owner_id:
            return ComplaintOutcome("unchanged", complaint_view(c),
                                    message="already_owner")
        c.owner_id, c.status, c.updated_at = new_owner, "open", now
        if c.backup_id == new_owner:
            c.backup_id = None
        clocks.announce(ctx, uow, c, "reassigned", user, now, target=new_owner)
        clocks.start_escalation(ctx, uow, c, "reassigned", now, by=user)
        view = complaint_view(c)
        uow.commit()
    return ComplaintOutcome("reassigned", view)


def resolve(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
            now: datetime) -> ComplaintOutcome:
    """Close the complaint: every clock stops; the owner gets a check-back task."""
    with ctx.uow() as uow:
        uow.act_as(user, now)
        c = _load(ctx, uow, workspace_id, user, complaint_id)
        if isinstance(c, ComplaintOutcome):
            return c
        if c.status == "resolved":
            return ComplaintOutcome("unchanged", complaint_view(c),
                                    message="already_status")
        uow.clocks.cancel(c.id, (clocks.ESCALATE, *clocks.SLA_KINDS))
        c.status, c.resolved_at, c.updated_at = "resolved", now, now
        c.acknowledged_at = c.acknowledged_at or now
        c.answered_at = c.answered_at or now
        c.satisfied = None
        due = now + timedelta(hours=ctx.directory.complaints.check_back_hours)
        c.check_back_task_id = _check_back_task(ctx, uow, c, due, now).id
        clocks.arm_check_back(ctx, uow, c, due)
        clocks.announce(ctx, uow, c, "resolved", user, now)
        view = complaint_view(c)
        uow.commit()
    return ComplaintOutcome("resolved", view)


def _check_back_task(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, due: datetime,
                     now: datetime) -> Task:
    # Its reminder is the check-back DM (with the outcome buttons); the task itself keeps
    # it in /tasks and marks it overdue if nobody records the outcome.
    task = Task(workspace_id=c.workspace_id, owner_id=c.owner_id, customer_id=c.customer_id,
                title=f"Check back with {c.customer_name}: satisfied with how complaint "
                      f"#{c.number} was solved?", origin="complaint", status="open",
                tz=c.tz, created_at=now, updated_at=now)
    task_service.set_due(ctx, task, due, "time")
    return uow.tasks.add(task)


def record_check_back(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
                      satisfied: bool, now: datetime) -> ComplaintOutcome:
    """The customer's verdict: satisfied closes it for good, not satisfied reopens it."""
    with ctx.uow() as uow:
        uow.act_as(user, now)
        c = _load(ctx, uow, workspace_id, user, complaint_id)
        if isinstance(c, ComplaintOutcome):
            return c
        if c.status != "resolved" or c.satisfied is not None:
            return ComplaintOutcome("unchanged", complaint_view(c),
                                    message="no_check_back")
        c.satisfied, c.checked_back_at, c.updated_at = satisfied, now, now
        uow.clocks.cancel(c.id, (clocks.CHECK,))
        if c.check_back_task_id is not None:
            task = uow.tasks.get(workspace_id, c.check_back_task_id)
            if task is not None and task.status == "open":
                task.status, task.done_at, task.updated_at = "done", now, now
                uow.notifications.cancel_pending_for_task(task.id, (OVERDUE_OWNER,
                                                                    OVERDUE_LEAD))
        clocks.announce(ctx, uow, c, "checked_back", user, now,
                        detail="satisfied" if satisfied else "not satisfied")
        if not satisfied:
            _reopen(ctx, uow, c, user, now)
        view = complaint_view(c)
        uow.commit()
    return ComplaintOutcome("satisfied" if satisfied else "reopened", view)


def _reopen(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, user: str,
            now: datetime) -> None:
    c.status, c.resolved_at, c.acknowledged_at, c.answered_at = "open", None, None, None
    c.reopened += 1
    clocks.announce(ctx, uow, c, "reopened", user, now)
    clocks.start_escalation(ctx, uow, c, "reopened", now, by=user)
    clocks.start_sla(ctx, uow, c, now)


def note_contact(uow: UnitOfWork, workspace_id: str, customer_id: int, now: datetime) -> int:
    """A logged contact with the customer is the first answer to their open complaints."""
    answered = 0
    for c in uow.complaints.open_for_customer(workspace_id, customer_id):
        if c.answered_at is None:
            c.answered_at, c.updated_at = now, now
            uow.clocks.cancel(c.id, ("answer_warn", "answer_breach"))
            answered += 1
    return answered
