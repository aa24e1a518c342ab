"""The care sweep: each key date whose reminder has come becomes a task for the customer's
owner, `care.days_before` days ahead (a renewal also `care.renewal_days_before`).

It reads only the dates whose `check_at` has come (a partial index), and each reminder's
task carries the key `care:<date>:<occurrence>:<days ahead>`, unique per workspace: a restart
half-way or a second copy of the bot sweeping at the same moment cannot make it twice. The
date's next look is set in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.domain import reminders
from bot.domain.care_dates import CareReminder, due_reminders
from bot.domain.care_titles import care_task_title
from bot.domain.language import reply_language
from bot.services.care.dates import as_rule, check_moment
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.language import own_languages
from bot.services.people import user_timezones
from bot.services.revisits.plans import team_days
from bot.services.tasks import lifecycle as task_service
from bot.services.walks import by_workspace, sweep_in_batches
from store.aftersale_models import CustomerCareDate
from store.models import Customer, Task
from store.uow import UnitOfWork

ORIGIN = "care"


def create_care_tasks(ctx: ServiceContext, now: datetime, batch: int = 200) -> int:
    """Make the task of every care reminder that has come; returns how many were made."""
    def one_batch(uow: UnitOfWork) -> tuple[int, int]:
        found = uow.care_dates.due(now, batch)
        return len(found), _sweep_batch(ctx, uow, found, now)

    return sweep_in_batches(ctx, now, batch, one_batch)


def _sweep_batch(ctx: ServiceContext, uow: UnitOfWork, found: Sequence[CustomerCareDate],
                 now: datetime) -> int:
    """The batch's reminders in a few statements whatever its size: its customers, their
    owners and the keys already used are each read once, the tasks added in one flush."""
    customers = {c.id: c for c in uow.customers.by_ids(sorted({r.customer_id for r in found}))}
    made = 0
    for workspace_id, rows in by_workspace(found).items():
        live: list[tuple[CustomerCareDate, Customer]] = []
        for row in rows:
            customer = customers.get(row.customer_id)
            if customer is None or customer.workspace_id != workspace_id:
                row.check_at, row.updated_at = None, now  # merged away: nothing to remind
            else:
                live.append((row, customer))
        owners = [c.owner_id for _, c in live]
        zones = user_timezones(ctx, uow, workspace_id, owners, now)
        languages = own_languages(ctx, uow, workspace_id, owners)
        tasks: list[Task] = []
        for row, customer in live:
            zone, calendar = team_days(ctx, customer.owner_id)
            rule = as_rule(row)
            lang = reply_language(languages[customer.owner_id], customer.name)
            tasks += [_task(ctx, customer, rule.label, reminder, zones[customer.owner_id],
                            lang, now)
                      for reminder in due_reminders(rule, now.astimezone(zone).date(),
                                                    ctx.directory.care, calendar)]
            row.check_at = check_moment(ctx, customer, rule, now, include_today=False)
            row.updated_at = now
        added, _ = uow.tasks.add_all_once(tasks)
        for task in added:
            task_service.schedule(ctx, uow, task, now, new=True)
            if task.due_at is not None and task.due_at <= now:  # the bot was down: say it now
                queue(ctx, uow, workspace_id=task.workspace_id, kind=reminders.AT_DUE,
                      recipient=task.owner_id, payload={"lead_seconds": None}, now=now,
                      task_id=task.id)
        made += len(added)
    return made


def _task(ctx: ServiceContext, customer: Customer, label: str, reminder: CareReminder,
          tz: str, lang: str, now: datetime) -> Task:
    """The reminder's task, not stored yet. Its title is data, written once in its owner's
    own language (docs/language.md), in Chinese too for a customer with a Chinese name."""
    title = care_task_title(reminder.kind, label, customer.name, reminder.occurrence,
                            reminder.days_before, lang)
    task = Task(workspace_id=customer.workspace_id, owner_id=customer.owner_id,
                customer_id=customer.id, title=title[:500], origin=ORIGIN, status="open",
                tz=tz, created_at=now, updated_at=now, cadence_key=reminder.key)
    task_service.set_due(ctx, task, datetime.combine(reminder.due_day, time(12),
                                                     tzinfo=ZoneInfo(tz)), "day")
    return task
