"""The customer file as a person may see it: who works it, open tasks, recent logs, history."""

from __future__ import annotations

from datetime import datetime

from bot.domain import access
from bot.domain.customer_form import TEXT_FIELDS, missing_fields
from bot.domain.customers import closest, name_key
from bot.domain.revisit_outcomes import is_dissatisfied
from bot.services.care.dates import care_dates_of
from bot.services.context import ServiceContext
from bot.services.customers.match import named_like
from bot.services.language import answer_language
from bot.services.views import (
    ChangeView,
    ComplaintLine,
    CustomerView,
    EventView,
    Outcome,
    follow_up_view,
    task_view,
)
from store.models import Customer
from store.uow import UnitOfWork

# The customer answers' own words, by code (handlers/blocks/customers.py NOTES).
REFUSED_NOTE, GONE, NO_SUCH = "refused", "customer_gone", "no_such_customer"


def show_customer(ctx: ServiceContext, workspace_id: str, viewer: str, name: str,
                  now: datetime, *, history: bool = False) -> Outcome:
    """The customer named, for someone allowed to see it; contact details only for its owner,
    the owner's lead and admins. `history` adds the audit trail."""
    with ctx.uow().reading() as uow:
        customer = find_named(uow, workspace_id, name)
        if isinstance(customer, Outcome):
            return customer
        return customer_card(ctx, uow, viewer, customer, now, history=history)


def find_named(uow: UnitOfWork, workspace_id: str, name: str) -> Customer | Outcome:
    """The customer with this name (any case or spacing), or "not found" with the closest."""
    customer = uow.customers.by_key(workspace_id, name_key(name))
    if customer is not None:
        return customer
    found = closest(name, named_like(uow, workspace_id, name))
    return Outcome(status="not_found", suggestions=tuple(found), note=NO_SUCH,
                   note_values={"name": name.strip()[:80]})


def show_customer_by_id(ctx: ServiceContext, workspace_id: str, viewer: str, customer_id: int,
                        now: datetime) -> Outcome:
    """The same card for a customer named by id (a button's value), permissions re-checked."""
    with ctx.uow().reading() as uow:
        customer = uow.customers.get(workspace_id, customer_id)
        if customer is None:
            return Outcome(status="not_found", note=GONE)
        return customer_card(ctx, uow, viewer, customer, now)


def customer_card(ctx: ServiceContext, uow: UnitOfWork, viewer: str, customer: Customer,
                  now: datetime, *, history: bool = False, note: str | None = None,
                  note_values: dict[str, str] | None = None) -> Outcome:
    """The card of a customer read in this unit of work, or a refusal; `note` (a code) says
    what was just done to it."""
    workspace_id = customer.workspace_id
    people = uow.customers.people_on(customer)
    if not access.may_see(ctx.directory, viewer, people):
        return Outcome(status="forbidden", note=REFUSED_NOTE)
    contact = access.may_see_contact(ctx.directory, viewer, people)
    tasks = tuple(task_view(t, customer, now)
                  for t in uow.tasks.open_for_customer(workspace_id, customer.id))
    logs = tuple(follow_up_view(f, customer, None)
                 for f in uow.follow_ups.recent_for_customer(workspace_id, customer.id))
    changes = tuple(
        ChangeView(at=c.at, actor=c.actor, entity=c.entity, entity_id=c.entity_id,
                   field=c.field, old=c.old, new=c.new)
        for c in uow.changes.for_customer(workspace_id, customer.id)) if history else ()
    ownership = tuple(
        EventView(kind=e.kind, at=e.at, actor=e.actor, to_user=e.to_user,
                  from_user=e.from_user, reason=e.reason, note=e.note, unworked=e.unworked)
        for e in uow.ownership.history(customer.id)) if history else ()
    fields = file_fields(customer)
    state = uow.pool.state(customer.id)
    pool_team = next((t for t in ctx.directory.teams if state and t.name == state.team), None)
    if not contact:
        fields.pop("phone", None)
        fields.pop("email", None)
    view = CustomerView(
        id=customer.id, name=customer.name, owner_id=customer.owner_id,
        people=tuple(sorted(people.everyone)),
        phone=customer.phone if contact else None,
        email=customer.email if contact else None,
        contact_hidden=not contact and bool(customer.phone or customer.email),
        open_tasks=tasks, recent_logs=logs, history=changes,
        value_tier=customer.value_tier, stage=customer.stage, likelihood=customer.likelihood,
        fields=fields,
        tags=tuple(uow.customers.tags_for(workspace_id, [customer.id]).get(customer.id, [])),
        missing=tuple(missing_fields(file_fields(customer))),
        last_contact=_last_contact(uow, customer),
        may_edit_contact=contact,
        may_reassign=access.may_reassign(ctx.directory, viewer, people),
        complaints=tuple(ComplaintLine(c.number, c.category, c.priority, c.status, c.owner_id,
                                       c.raw_text)
                         for c in uow.complaints.for_customer(workspace_id, customer.id)),
        dissatisfied=dissatisfied_score(uow, customer.id),
        care_dates=care_dates_of(uow, customer.id),
        ownership=ownership,
        protected_until=state.protected_until if state else None,
        in_pool_since=state.in_pool_since if state else None,
        pool_team=state.team if state else None,
        pool_tz=pool_team.timezone if pool_team else ctx.default_tz)
    return Outcome(status="history" if history else "customer", customer=view,
                   note=note, note_values=note_values or {},
                   language=answer_language(ctx, viewer, uow=uow))


def dissatisfied_score(uow: UnitOfWork, customer_id: int) -> int | None:
    """The customer's newest revisit score when it was 1-3: flagged wherever it is shown."""
    newest = uow.revisits.latest_scores([customer_id]).get(customer_id)
    return newest.score if newest is not None and is_dissatisfied(newest.score) else None


def file_fields(customer: Customer) -> dict[str, str]:
    """The customer's file fields that are set, as text (first_contact as YYYY-MM-DD)."""
    values = {f: getattr(customer, f) for f in ("kind", *TEXT_FIELDS, "source_channel")}
    if customer.first_contact is not None:
        values["first_contact"] = customer.first_contact.isoformat()
    return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _last_contact(uow: UnitOfWork, customer: Customer) -> datetime | None:
    newest = uow.follow_ups.newest_for_customers([customer.id]).get(customer.id)
    return newest.contact_at if newest else None
