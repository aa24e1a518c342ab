"""The revisit sweep: each revisit whose try has come becomes a task of its own kind for the
owner (or the configured service person), reminded like any task.

It reads only the revisits due (a partial index on `task_due_at`), and each try's task
carries the key `revisit:<id>:<try>`, unique per workspace: a restart half-way or a second
copy of the bot sweeping at the same moment cannot make a try twice.
"""

from __future__ import annotations

from datetime import datetime, time

from bot.domain import reminders
from bot.domain.language import writes_chinese
from bot.domain.revisit_outcomes import task_key
from bot.domain.revisit_titles import revisit_title
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.people import user_timezone
from bot.services.revisits.plans import team_days
from bot.services.revisits.views import ORIGIN
from bot.services.tasks import lifecycle as task_service
from bot.services.walks import sweep_in_batches
from store.aftersale_models import Revisit
from store.models import Customer, Task
from store.uow import UnitOfWork


def create_revisit_tasks(ctx: ServiceContext, now: datetime, batch: int = 200) -> int:
    """Make the task of every revisit try that has come; returns how many were made."""
    def one_batch(uow: UnitOfWork) -> tuple[int, int]:
        found = uow.revisits.task_due(now, batch)
        return len(found), sum(_make_task(ctx, uow, revisit, now) for revisit in found)

    return sweep_in_batches(ctx, now, batch, one_batch)


def _make_task(ctx: ServiceContext, uow: UnitOfWork, revisit: Revisit, now: datetime) -> int:
    customer = uow.customers.get(revisit.workspace_id, revisit.customer_id)
    plan = uow.revisits.plan_of(revisit)
    if customer is None or plan is None:  # its customer was merged away: nothing to call
        revisit.status, revisit.task_due_at, revisit.updated_at = "cancelled", None, now
        return 0
    owner = ctx.directory.revisits.assignee or customer.owner_id
    key = task_key(revisit.id, revisit.tries + 1)
    task = Task(workspace_id=revisit.workspace_id, owner_id=owner, customer_id=customer.id,
                title=revisit_title(plan.kind, revisit.step, customer.name,
                                    _language(ctx, owner, customer))[:500],
                origin=ORIGIN, status="open",
                tz=user_timezone(ctx, uow, revisit.workspace_id, owner, now),
                created_at=now, updated_at=now, cadence_key=key)
    due, precision = _due(ctx, revisit, customer)
    task_service.set_due(ctx, task, due, precision)
    added = uow.tasks.add_once(task)
    if added is not None:
        task_service.schedule(ctx, uow, added, now, new=True)
        _say_now(ctx, uow, added, now)
    current = added or uow.tasks.by_key(revisit.workspace_id, key)
    revisit.task_id = current.id if current is not None else None
    revisit.tries += 1
    revisit.status, revisit.owner_id = "open", owner
    revisit.task_due_at, revisit.updated_at = None, now
    return 0 if added is None else 1


def _say_now(ctx: ServiceContext, uow: UnitOfWork, task: Task, now: datetime) -> None:
    """The reminder whose moment the sweep reached just after it: the task was made for its
    "due tomorrow" reminder (task_times), which a sweep a minute late would skip; a task
    already due (the bot was down) is said to be due now."""
    if task.due_at is None:
        return
    lead = max(ctx.directory.reminders.before, default=None)
    if task.due_at <= now:
        kind, seconds = reminders.AT_DUE, None
    elif lead is not None and task.due_at - lead <= now:
        kind, seconds = reminders.BEFORE, int(lead.total_seconds())
    else:
        return
    queue(ctx, uow, workspace_id=task.workspace_id, kind=kind, recipient=task.owner_id,
          payload={"lead_seconds": seconds}, now=now, task_id=task.id)


def _due(ctx: ServiceContext, revisit: Revisit, customer: Customer
         ) -> tuple[datetime, str]:
    """The first try is due on the revisit's working day (a day task, at the team's day
    time); a retry at the moment the answer set for it: the next working day's day time, or
    the time the customer named for a call back."""
    zone, _ = team_days(ctx, customer.owner_id)
    day_time = ctx.directory.reminders.day_due_time
    if revisit.tries == 0 or revisit.task_due_at is None:
        return datetime.combine(revisit.due_day, time(12), tzinfo=zone), "day"
    local = revisit.task_due_at.astimezone(zone)
    return local, "day" if local.time() == day_time else "time"


def _language(ctx: ServiceContext, owner: str, customer: Customer) -> str:
    """A Chinese team, or a customer with a Chinese name, gets the title in Chinese."""
    team = ctx.directory.team_of(owner) or ctx.directory.team_of(customer.owner_id)
    return "zh" if writes_chinese(customer.name) or (team and team.language == "zh") \
        else "en"
