"""The cadence sweep: the follow-up task a customer's cadence asks for, once per period.

Each customer carries `cadence_due_at`, the moment the sweep should next look at it; it is
recomputed whenever the customer is logged on or moved (refresh_cadence) and advanced by the
sweep, so each tick reads only the customers whose look has come (an index range), never the
whole table. The task itself carries a unique cadence key: two copies of the bot sweeping at
once, or a restart half-way, cannot make a second task for the same customer and period.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time
from typing import NamedTuple
from zoneinfo import ZoneInfo

from bot.domain import cadence as rules
from bot.domain import reminders
from bot.domain.cadence_text import task_title
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.language import answer_language
from bot.services.people import user_timezone
from bot.services.tasks import lifecycle as task_service
from bot.services.tasks.cadence_facts import Seen, see
from bot.services.walks import sweep_in_batches, walk_once
from store.models import Customer, FollowUp, Task
from store.uow import UnitOfWork

TABLE_JOB = "cadence_table"


def create_cadence_tasks(ctx: ServiceContext, now: datetime, batch: int = 200) -> int:
    """Give owners the follow-up tasks their customers' cadences ask for; returns how many."""
    def one_batch(uow: UnitOfWork) -> tuple[int, int]:
        found = uow.customers.cadence_due(now, batch)
        seen = see(ctx, uow, found)
        return len(found), sum(_sweep_one(ctx, uow, customer, seen[customer.id], now)
                               for customer in found)

    return sweep_in_batches(ctx, now, batch, one_batch)


def refresh_cadence(ctx: ServiceContext, uow: UnitOfWork, customer: Customer,
                    now: datetime) -> None:
    """Recompute when the sweep should next look at the customer (after a log or a move)."""
    refresh_cadences(ctx, uow, [customer], now)


def refresh_cadences(ctx: ServiceContext, uow: UnitOfWork, customers: Sequence[Customer],
                     now: datetime) -> None:
    """The same for many customers at once (an import, a change of the table)."""
    uow.session.flush()
    seen = see(ctx, uow, customers)
    for customer in customers:
        s = seen[customer.id]
        customer.cadence_due_at = _next(ctx, s, _today(s, now), include_today=True)


class AfterLog(NamedTuple):
    """What recording a log changed that its reply and the owner's term need."""

    too_soon: rules.TooSoon | None
    last_contact: datetime | None  # the customer's newest contact, this log's or a later one


def refresh_after_log(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, customer: Customer,
                      now: datetime) -> AfterLog:
    """After a log is recorded on the customer: recompute its next look (refresh_cadence) and
    say whether the log, or the next step it plans, comes sooner than the customer's tier
    allows (docs/pipeline.md): a warning for its confirmation, never a refusal. One look at
    the customer's history serves both, and the owner's term after it: reading a log is on
    every rep's path, and on SQLite its writes hold up every acknowledgement."""
    uow.session.flush()
    recent = uow.follow_ups.recent_for_customer(customer.workspace_id, customer.id, limit=3)
    seen = see(ctx, uow, [customer], last={customer.id: recent[0]} if recent else {})
    seen_now = seen[customer.id]
    customer.cadence_due_at = _next(ctx, seen_now, _today(seen_now, now), include_today=True)
    previous = next((f.contact_at for f in recent
                     if f.id != row.id and f.contact_at <= row.contact_at), None)
    # The rules judge the moment just before this log: its stage move counts, it does not.
    facts = replace(seen_now.facts, last_contact=previous)
    planned = row.due_at if row.next_step or row.due_at else None
    return AfterLog(rules.over_contact(facts, ctx.directory.cadence, seen_now.zone,
                                       row.contact_at, previous, planned),
                    seen_now.facts.last_contact)


def refresh_if_table_changed(ctx: ServiceContext, now: datetime, batch: int = 500) -> bool:
    """After a change of the cadence table or the teams (and after the migration that brought
    cadences), recompute every customer once; recorded per configuration in periodic_runs."""
    return walk_once(ctx, TABLE_JOB, _fingerprint(ctx), refresh_cadences, now, batch)


def _sweep_one(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, seen: Seen,
               now: datetime) -> int:
    today = _today(seen, now)
    table = ctx.directory.cadence
    open_tasks = list(uow.tasks.open_for_customer(customer.workspace_id, customer.id))
    made = 0
    for period in rules.periodic_due(seen.facts, table, seen.zone, seen.calendar, today):
        # A periodic row is a task of its own: only an open task of the same row covers it.
        own = f"{period.kind}:{customer.id}:"
        if not any((t.cadence_key or "").startswith(own) for t in open_tasks):
            task = _open_task(ctx, uow, customer, seen, period, today, now)
            if task is not None:
                made += 1
                open_tasks.append(task)
    contact = rules.due_now(seen.facts, table, seen.zone, seen.calendar, today)
    # An open or snoozed task that asks for a contact covers the period: the owner already has
    # a follow-up on their list, with its reminders; a second one would nag twice. A file
    # refresh asks for no contact.
    if contact is not None and not any(_is_contact(t) for t in open_tasks):
        made += 0 if _open_task(ctx, uow, customer, seen, contact, today, now) is None else 1
    customer.cadence_due_at = _next(ctx, seen, today, include_today=False)
    return made


def _is_contact(task: Task) -> bool:
    return not (task.cadence_key or "").startswith(f"{rules.REFRESH}:")


def _open_task(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, seen: Seen,
               period: rules.Period, today: date, now: datetime) -> Task | None:
    tz = user_timezone(ctx, uow, customer.workspace_id, customer.owner_id, now)
    # The title is data, written once in its owner's own language (Chinese too when the
    # customer's name or the last log is Chinese).
    lang = answer_language(ctx, customer.owner_id, customer.name, seen.last_text, uow=uow)
    title = task_title(period, customer.name, customer.value_tier, customer.stage,
                       seen.facts.last_contact, today, seen.zone, lang)
    # Never due before today: a period missed while the bot was down is due today.
    due_day = max(period.due_day, rules.working_on_or_after(today, seen.calendar))
    task = Task(workspace_id=customer.workspace_id, owner_id=customer.owner_id,
                customer_id=customer.id, title=title[:500],
                origin="win_back" if period.kind == rules.WIN_BACK else "cadence",
                status="open", tz=tz, created_at=now, updated_at=now, cadence_key=period.key)
    task_service.set_due(ctx, task, datetime.combine(due_day, time(12), tzinfo=ZoneInfo(tz)),
                         "day")
    if uow.tasks.add_once(task) is None:
        return None
    task_service.schedule(ctx, uow, task, now, new=True)
    if task.due_at is not None and task.due_at <= now:  # its due moment passed: say it now
        queue(ctx, uow, workspace_id=task.workspace_id, kind=reminders.AT_DUE,
              recipient=task.owner_id, payload={"lead_seconds": None}, now=now,
              task_id=task.id)
    return task


def _today(seen: Seen, moment: datetime) -> date:
    return moment.astimezone(seen.zone).date()


def _next(ctx: ServiceContext, seen: Seen, today: date, *, include_today: bool
          ) -> datetime | None:
    return rules.next_check(seen.facts, ctx.directory.cadence, seen.zone, seen.calendar, today,
                            include_today=include_today)


def _fingerprint(ctx: ServiceContext) -> str:
    d = ctx.directory
    text = repr((d.cadence, [(t.members, t.timezone, t.working_days, t.country)
                             for t in d.teams], ctx.default_tz))
    return hashlib.sha256(text.encode()).hexdigest()[:32]
