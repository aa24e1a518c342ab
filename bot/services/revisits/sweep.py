"""The revisit sweep: each revisit whose try has come becomes a task of its own kind for the
owner (or the configured service person), reminded like any task.

It reads only the revisits due (a partial index on `task_due_at`), and each try's task
carries the key `revisit:<id>:<try>`, unique per workspace: a restart half-way or a second
copy of the bot sweeping at the same moment cannot make a try twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from bot.domain import reminders
from bot.domain.language import writes_chinese
from bot.domain.revisit_outcomes import task_key
from bot.domain.revisit_titles import revisit_title
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.people import user_timezones
from bot.services.revisits.plans import team_days
from bot.services.revisits.views import ORIGIN
from bot.services.tasks import lifecycle as task_service
from bot.services.walks import by_workspace, sweep_in_batches
from store.aftersale_models import Revisit, RevisitPlan
from store.models import Customer, Task
from store.uow import UnitOfWork


def create_revisit_tasks(ctx: ServiceContext, now: datetime, batch: int = 200) -> int:
    """Make the task of every revisit try that has come; returns how many were made."""
    def one_batch(uow: UnitOfWork) -> tuple[int, int]:
        found = uow.revisits.task_due(now, batch)
        return len(found), _make_tasks(ctx, uow, found, now)

    return sweep_in_batches(ctx, now, batch, one_batch)


def _make_tasks(ctx: ServiceContext, uow: UnitOfWork, found: Sequence[Revisit],
                now: datetime) -> int:
    """The batch's tasks in a few statements whatever its size: its customers, plans,
    owners and the keys already used are each read once, the tasks added in one flush."""
    customers = {c.id: c for c in uow.customers.by_ids(sorted({r.customer_id for r in found}))}
    plans = uow.revisits.plans_by_ids([r.plan_id for r in found])
    made = 0
    for workspace_id, revisits in by_workspace(found).items():
        live: list[tuple[Revisit, Customer, RevisitPlan]] = []
        for revisit in revisits:
            customer, plan = customers.get(revisit.customer_id), plans.get(revisit.plan_id)
            if customer is None or customer.workspace_id != workspace_id or plan is None:
                # Its customer was merged away: nothing to call.
                revisit.status, revisit.task_due_at, revisit.updated_at = "cancelled", None, now
            else:
                live.append((revisit, customer, plan))
        owners = {r.id: ctx.directory.revisits.assignee or c.owner_id for r, c, _ in live}
        zones = user_timezones(ctx, uow, workspace_id, owners.values(), now)
        tasks = {r.id: _task(ctx, r, c, p, owners[r.id], zones[owners[r.id]], now)
                 for r, c, p in live}
        added, before = uow.tasks.add_all_once(list(tasks.values()))
        for task in added:
            task_service.schedule(ctx, uow, task, now, new=True)
            _say_now(ctx, uow, task, now)
        ids = before | {t.cadence_key or "": t.id for t in added}
        uow.revisits.mark_out([(r, ids.get(tasks[r.id].cadence_key or ""), owners[r.id])
                               for r, _, _ in live], now)
        made += len(added)
    return made


def _task(ctx: ServiceContext, revisit: Revisit, customer: Customer, plan: RevisitPlan,
          owner: str, tz: str, now: datetime) -> Task:
    """The task of the revisit's next try, not stored yet."""
    task = Task(workspace_id=revisit.workspace_id, owner_id=owner, customer_id=customer.id,
                title=revisit_title(plan.kind, revisit.step, customer.name,
                                    _language(ctx, owner, customer))[:500],
                origin=ORIGIN, status="open", tz=tz, created_at=now, updated_at=now,
                cadence_key=task_key(revisit.id, revisit.tries + 1))
    due, precision = _due(ctx, revisit, customer)
    task_service.set_due(ctx, task, due, precision)
    return task


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
