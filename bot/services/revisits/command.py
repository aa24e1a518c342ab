"""/revisit: the revisits still to be made by the person asking, and a service visit that
starts the "problem solved?" call."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.revisit_plans import SERVICE
from bot.services.context import ServiceContext
from bot.services.customers.access import may_see
from bot.services.customers.file import find_named
from bot.services.language import answer_language
from bot.services.revisits.plans import start_plan
from bot.services.revisits.views import revisit_view
from bot.services.views import Outcome

LISTED = 20
REFUSED = "rv_customer_refused"  # said by the blocks (handlers/blocks/i18n_revisits.py)


def list_revisits(ctx: ServiceContext, workspace_id: str, user: str, now: datetime
                  ) -> Outcome:
    """My revisits still to be made (out now, or planned on my customers), soonest first."""
    unassigned = ctx.directory.revisits.assignee == user
    with ctx.uow().reading() as uow:
        views = tuple(revisit_view(ctx, uow, r)
                      for r in uow.revisits.open_for(workspace_id, user, unassigned, LISTED))
    return Outcome(status="revisits", revisits=views, language=answer_language(ctx, user))


def start_service_visit(ctx: ServiceContext, workspace_id: str, user: str, name: str,
                        now: datetime) -> Outcome:
    """`/revisit Acme service`: a service visit or repair today starts its "problem solved?"
    call (none when a visit in the last few days already has one)."""
    with ctx.uow() as uow:
        customer = find_named(uow, workspace_id, name)
        if isinstance(customer, Outcome):
            return replace(customer, language=answer_language(ctx, user, name, uow=uow))
        if not may_see(ctx, uow, user, customer):
            return Outcome(status="forbidden", message=REFUSED,
                           language=answer_language(ctx, user, name, uow=uow))
        uow.act_as(user, now)
        plan = start_plan(ctx, uow, customer, SERVICE, now, user, now, "command")
        if plan is None:
            lang = answer_language(ctx, user, customer.name, uow=uow)
            return Outcome(status="revisit_covered", language=lang,
                           message=customer.name)
        views = tuple(revisit_view(ctx, uow, r) for r in uow.revisits.of_plan(plan.id))
        uow.commit()
        return Outcome(status="revisit_started", revisits=views,
                       language=answer_language(ctx, user, customer.name, uow=uow))
