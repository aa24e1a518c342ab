"""Starting a revisit plan: on a move to won (the after-purchase plan) and on a service visit
(the "problem solved?" call), in the caller's unit of work, once per event."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain import revisit_plans as rules
from bot.domain.workdays import WorkCalendar
from bot.services.context import ServiceContext
from store.aftersale_models import Revisit, RevisitPlan
from store.models import Customer
from store.uow import UnitOfWork


def team_days(ctx: ServiceContext, owner_id: str) -> tuple[ZoneInfo, WorkCalendar]:
    """The zone and working days a customer's revisits are counted in: its owner's team's."""
    team = ctx.directory.team_of(owner_id)
    return (ZoneInfo(team.timezone), team.calendar) if team else (ctx.zone(None),
                                                                  WorkCalendar())


def start_plan(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, kind: str,
               event_at: datetime, actor: str, now: datetime, source: str,
               follow_up_id: int | None = None) -> RevisitPlan | None:
    """Start the plan this event asks for; None when the policy has no steps of this kind,
    the customer's previous plan of the kind still runs (a won -> not won -> won flip), or
    this very event's plan exists already (a retry, a second copy of the bot)."""
    policy = ctx.directory.revisits
    if not policy.schedule(kind):
        return None
    if not rules.starts_new_plan(kind, event_at, uow.revisits.last_plan_at(customer.id, kind),
                                 policy):
        return None
    zone, calendar = team_days(ctx, customer.owner_id)
    at = ctx.directory.reminders.day_due_time
    before = ctx.directory.reminders.before
    plan = RevisitPlan(workspace_id=customer.workspace_id, customer_id=customer.id, kind=kind,
                       event_key=rules.plan_key(customer.id, kind, event_at, zone),
                       event_at=event_at, source=source, follow_up_id=follow_up_id,
                       created_by=actor, created_at=now)
    revisits = []
    for step in rules.plan(event_at, kind, policy, zone, calendar):
        made, _ = rules.task_times(step.due_day, zone, at, before)
        revisits.append(Revisit(
            workspace_id=customer.workspace_id, customer_id=customer.id, step=step.step,
            position=step.position, due_day=step.due_day, status="planned",
            task_due_at=made, tries=0, created_at=now, updated_at=now))
    return uow.revisits.start_plan(plan, revisits)
