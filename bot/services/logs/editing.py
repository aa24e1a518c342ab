"""The Edit form under a log: its customer, what happened, and each of its promises."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.customers import clean_display_name, name_key
from bot.domain.parsing import DueReading, find_due
from bot.domain.problems import Problem, problem
from bot.services.care.logs import reread_edited_care_dates
from bot.services.context import ServiceContext
from bot.services.customers.access import note_worker
from bot.services.logs.access import may_attach
from bot.services.logs.fixing import (
    current_view,
    new_customer,
    open_task,
    own_log,
    refresh,
)
from bot.services.pipeline.classification import apply_log_moves, moved_lines, withdraw_log_moves
from bot.services.pool.terms import refresh_term
from bot.services.tasks import lifecycle as task_service
from bot.services.tasks.cadence import refresh_cadence
from bot.services.views import CareDateView, Moved, Outcome
from store.models import Customer, FollowUp, Task
from store.uow import UnitOfWork

LIVE = ("open", "snoozed")


@dataclass(frozen=True)
class PromiseEdit:
    """A further promise of the log (step 1, 2, …) as the form left it; both empty drops it."""

    step: int
    title: str
    when: str | None


@dataclass(frozen=True)
class LogEdit:
    customer: str
    summary: str
    next_step: str | None
    when: str | None
    more: tuple[PromiseEdit, ...] = ()


def promise_field(name: str, step: int) -> str:
    """The key of a further promise's field in the form and in its errors (`when_1`): the
    form names its inputs so, and an error comes back under the input it is about."""
    return f"{name}_{step}"


def edit_log(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
             edit: LogEdit, now: datetime) -> Outcome:
    """Apply the Edit modal: fields as typed; each due time is read from the words given."""
    with ctx.uow() as uow:
        row = own_log(uow, workspace_id, user, follow_up_id)
        if isinstance(row, Outcome):
            return row
        uow.act_as(user, now)
        errors: dict[str, Problem | str] = {}
        name = clean_display_name(edit.customer)
        if not name:
            errors["customer"] = problem("name_customer")
        if not edit.summary.strip():
            errors["summary"] = problem("say_summary")
        due = _read_when(ctx, user, row, edit.when, now, errors, "when")
        more = [(p, _read_when(ctx, user, row, p.when, now, errors,
                               promise_field("when", p.step))) for p in edit.more]
        if errors:
            return Outcome(status="invalid", errors=errors)
        existing = uow.customers.by_key(workspace_id, name_key(name))
        if existing is not None and not may_attach(ctx, uow, user, existing):
            return Outcome(status="invalid", errors={"customer": problem(
                "another_team", name=existing.name[:80])})
        customer = existing or new_customer(ctx, uow, workspace_id, name, user, now)
        moved_from = row.customer_id
        before = (row.summary, row.next_step)
        note_worker(ctx, uow, customer, user, now)  # on its list from now on
        row.customer_id, row.summary = customer.id, edit.summary.strip()
        row.next_step = (edit.next_step or "").strip() or None
        row.due_at = due.due if due else None
        row.due_precision = due.precision if due else None
        row.due_label = due.label if due else None
        row.status = "recorded" if row.status != "undone" else row.status
        row.updated_at = now
        tasks = uow.tasks.all_for_follow_up(row.id)
        for task in tasks:  # every promise follows the customer
            task.customer_id = customer.id
        first = tasks[0] if tasks else None
        if first is None:
            open_task(ctx, uow, row, now)
        elif first.status in LIVE:
            _change(ctx, uow, first, (row.next_step or row.summary), row.due_at,
                    row.due_precision, now)
        _edit_promises(ctx, uow, tasks[1:], more, now)
        moved = _move_with(ctx, uow, row, moved_from, customer, now)
        care = _care_with(ctx, uow, row, before, moved_from, customer, now)
        refresh_cadence(ctx, uow, customer, now)
        refresh_term(ctx, uow, customer, now)
        if moved_from != customer.id:
            refresh(ctx, uow, workspace_id, moved_from, now)
        result = current_view(uow, row, "edited", moved=moved, care_dates=care)
        uow.commit()
        return result


def _read_when(ctx: ServiceContext, user: str, row: FollowUp, text: str | None,
               now: datetime, errors: dict[str, Problem | str], key: str
               ) -> DueReading | None:
    """The due time typed in a field, in the log's zone; an unreadable one is an error."""
    if not text or not text.strip():
        return None
    team = ctx.directory.team_of(user)
    due = find_due(text, now=now, tz=ctx.zone(row.tz), country=team.country if team else None)
    if due is None:
        errors[key] = problem("time_unreadable", typed=text.strip()[:50])
    return due


def _change(ctx: ServiceContext, uow: UnitOfWork, task: Task, title: str,
            due: datetime | None, precision: str | None, now: datetime) -> None:
    """A promise given its title and due time as edited: open again, reminded anew."""
    task.title = title[:500]
    task_service.set_due(ctx, task, due, precision)
    task.status, task.snoozed_until, task.updated_at = "open", None, now
    task_service.schedule(ctx, uow, task, now)


def _edit_promises(ctx: ServiceContext, uow: UnitOfWork, tasks: Sequence[Task],
                   edits: Sequence[tuple[PromiseEdit, DueReading | None]],
                   now: datetime) -> None:
    """Each further promise as the form left it: changed, kept, or dropped (cancelled, its
    reminders withdrawn) when both its fields were emptied."""
    by_step = {task.step: task for task in tasks if task.status in LIVE}
    for edit, due in edits:
        task = by_step.get(edit.step)
        if task is None:  # closed since the form opened, or a value not from the form
            continue
        if not edit.title.strip() and due is None:
            task.status, task.updated_at = "cancelled", now
            task_service.schedule(ctx, uow, task, now)
        else:
            _change(ctx, uow, task, edit.title.strip() or task.title,
                    due.due if due else None, due.precision if due else None, now)


def _care_with(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp,
               before: tuple[str | None, str | None], moved_from: int | None,
               customer: Customer, now: datetime) -> tuple[CareDateView, ...]:
    """The log's key dates after the edit: moved with it to another customer, and read again
    from its text when that was edited ("王总生日是3月6号" corrects the 5th it gave)."""
    if row.status != "recorded":
        return ()
    old = uow.customers.get(row.workspace_id, moved_from) \
        if moved_from is not None and moved_from != customer.id else None
    after = (row.summary, row.next_step)
    edited = "\n".join(t for t in after if t) if after != before or old is not None else None
    return reread_edited_care_dates(ctx, uow, row, old, customer, edited, now)


def _move_with(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, moved_from: int | None,
               customer: Customer, now: datetime) -> Moved:
    """A log given another customer by Edit takes its moves along: back on the old one, made
    on the new one (as any log's, if its author may)."""
    if row.status != "recorded" or moved_from == customer.id:
        return ()
    withdraw_log_moves(ctx, uow, row, now)
    return moved_lines(apply_log_moves(ctx, uow, row, customer, now))
