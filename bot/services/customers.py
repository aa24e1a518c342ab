"""The customer file as a person may see it: who works it, open tasks, recent logs, history."""

from __future__ import annotations

from datetime import datetime

from bot.domain.customers import closest, name_key
from bot.services.context import ServiceContext
from bot.services.views import (
    ChangeView,
    CustomerView,
    Outcome,
    follow_up_view,
    task_view,
)


def show_customer(ctx: ServiceContext, workspace_id: str, viewer: str, name: str,
                  now: datetime, *, history: bool = False) -> Outcome:
    """The customer named, for someone allowed to see it; contact details only for its owner,
    the owner's lead and admins. `history` adds the audit trail."""
    with ctx.uow() as uow:
        customer = uow.customers.by_key(workspace_id, name_key(name))
        if customer is None:
            found = closest(name, uow.customers.names(workspace_id))
            return Outcome(status="not_found", suggestions=tuple(found),
                           message=f"No customer is called \"{name.strip()[:80]}\".")
        people = uow.customers.people_on(workspace_id, customer.id)
        if not ctx.directory.may_see_customer(viewer, people):
            return Outcome(status="forbidden", message="Only the people who work this "
                           "customer, their team lead and admins can see it.")
        contact = ctx.directory.may_see_contact(viewer, customer.owner_id)
        tasks = tuple(task_view(t, customer, now)
                      for t in uow.tasks.open_for_customer(workspace_id, customer.id))
        logs = tuple(follow_up_view(f, customer, None)
                     for f in uow.follow_ups.recent_for_customer(workspace_id, customer.id))
        changes = tuple(
            ChangeView(at=c.at, actor=c.actor, entity=c.entity, entity_id=c.entity_id,
                       field=c.field, old=c.old, new=c.new)
            for c in uow.changes.for_customer(workspace_id, customer.id)) if history else ()
        view = CustomerView(
            id=customer.id, name=customer.name, owner_id=customer.owner_id,
            people=tuple(sorted(people)),
            phone=customer.phone if contact else None,
            email=customer.email if contact else None,
            contact_hidden=not contact and bool(customer.phone or customer.email),
            open_tasks=tasks, recent_logs=logs, history=changes,
            value_tier=customer.value_tier, stage=customer.stage, likelihood=customer.likelihood)
        return Outcome(status="history" if history else "customer", customer=view)
