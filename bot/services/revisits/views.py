"""Revisits as the blocks show them: a revisit task's view with its revisit and script, and a
revisit's own view."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.language import writes_chinese
from bot.domain.revisit_outcomes import is_dissatisfied
from bot.services.context import ServiceContext
from bot.services.views import RevisitView, TaskView
from store.aftersale_models import Revisit
from store.models import Task
from store.uow import UnitOfWork

ORIGIN = "revisit"  # the origin of a revisit's task


def with_revisit(ctx: ServiceContext, uow: UnitOfWork, task: Task, view: TaskView
                 ) -> TaskView:
    """A task's view with, for a revisit's current try, the revisit its buttons answer, the
    script in the title's language and the customer's last low score; other tasks as they
    are."""
    if task.origin != ORIGIN:
        return view
    revisit = uow.revisits.for_task(task.id)
    if revisit is None or revisit.status != "open":
        return view
    lang = "zh" if writes_chinese(task.title) else "en"
    newest = uow.revisits.latest_scores([revisit.customer_id]).get(revisit.customer_id)
    low = newest.score if newest is not None and is_dissatisfied(newest.score) else None
    return replace(view, revisit_id=revisit.id, revisit_try=revisit.tries,
                   script=tuple(ctx.directory.revisits.script.get(lang, ())),
                   dissatisfied=low)


def revisit_view(ctx: ServiceContext, uow: UnitOfWork, revisit: Revisit, *,
                 next_try: datetime | None = None, complaint_offered: bool = False
                 ) -> RevisitView:
    """The revisit as it stands now, for the person answering it."""
    customer = uow.customers.get(revisit.workspace_id, revisit.customer_id)
    plan = uow.revisits.plan_of(revisit)
    owner = revisit.owner_id or (customer.owner_id if customer else "")
    team = ctx.directory.team_of(owner)
    task = uow.tasks.get(revisit.workspace_id, revisit.task_id) if revisit.task_id else None
    chinese = writes_chinese(task.title) if task is not None else (
        writes_chinese(customer.name if customer else None)
        or (team is not None and team.language == "zh"))
    return RevisitView(
        id=revisit.id, customer=customer.name if customer else "?",
        kind=plan.kind if plan else "after_purchase", step=revisit.step,
        status=revisit.status, tries=revisit.tries, max_tries=ctx.directory.revisits.max_tries,
        due_day=revisit.due_day, tz=team.timezone if team else ctx.default_tz,
        outcome=revisit.outcome, score=revisit.score, reason=revisit.reason,
        reason_text=revisit.reason_text, next_try=next_try or revisit.task_due_at,
        complaint_offered=complaint_offered, task_id=revisit.task_id,
        language="zh" if chinese else "en")
