"""A logged contact after it was read: fixing it (customer, time, fields), undoing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.cadence import TooSoon
from bot.domain.customers import name_key
from bot.domain.parsing import DueReading
from bot.services.care.logs import read_care, record_log_care_dates, withdraw_log_care_dates
from bot.services.context import ServiceContext
from bot.services.customers.access import note_worker
from bot.services.logs.access import HELD, held_for, held_view, hold, may_attach, was_offered
from bot.services.logs.thread_answers import react
from bot.services.pipeline.classification import apply_log_moves, moved_lines, withdraw_log_moves
from bot.services.pool.standing import with_standing
from bot.services.pool.terms import enrol, refresh_term
from bot.services.revisits.logs import read_log_revisits, withdraw_log_revisits
from bot.services.tasks import lifecycle as task_service
from bot.services.tasks.cadence import refresh_after_log, refresh_cadence
from bot.services.views import CareDateView, Moved, Outcome, RevisitNotes, follow_up_view
from store.models import Customer, FollowUp, Task
from store.uow import UnitOfWork


def open_task(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, now: datetime) -> Task | None:
    """The task a log's next step becomes (its first promise), with its reminders."""
    if not row.next_step and row.due_at is None:
        return None
    return _new_task(ctx, uow, row, (row.next_step or row.summary), row.due_at,
                     row.due_precision, 0, now)


def open_tasks(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp,
               more: Sequence[tuple[str, DueReading | None]], now: datetime) -> list[Task]:
    """Every promise of a log its own task, at once (the customer may still be pending, so a
    promise is reminded even if the rep never answers "which customer?")."""
    first = open_task(ctx, uow, row, now)
    tasks = [first] if first else []
    for step, (title, due) in enumerate(more, start=1):
        tasks.append(_new_task(ctx, uow, row, title, due.due if due else None,
                               due.precision if due else None, step, now))
    return tasks


def _new_task(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, title: str,
              due: datetime | None, precision: str | None, step: int, now: datetime) -> Task:
    # The log's own changes are written in the task's flush (one audit INSERT, not two).
    task = Task(workspace_id=row.workspace_id, owner_id=row.author_id,
                customer_id=row.customer_id, follow_up_id=row.id, step=step,
                title=title[:500], origin="log", status="open",
                tz=row.tz, created_at=now, updated_at=now)
    task_service.set_due(ctx, task, due, precision)
    uow.tasks.add(task)
    task_service.schedule(ctx, uow, task, now, new=True)
    return task


def current_view(uow: UnitOfWork, row: FollowUp, status: str, *,
                 too_soon: TooSoon | None = None, moved: Moved = (),
                 revisit_notes: RevisitNotes = (),
                 care_dates: tuple[CareDateView, ...] = ()) -> Outcome:
    customer = uow.customers.get(row.workspace_id, row.customer_id) if row.customer_id else None
    tasks = uow.tasks.all_for_follow_up(row.id)
    return Outcome(status=status, follow_up=follow_up_view(
        row, customer, tasks[0] if tasks else None, too_soon=too_soon, moved=moved,
        more=tasks[1:], revisit_notes=revisit_notes, care_dates=care_dates))


def own_log(uow: UnitOfWork, workspace_id: str, user: str,
             follow_up_id: int) -> FollowUp | Outcome:
    row = uow.follow_ups.get(workspace_id, follow_up_id)
    if row is None:
        return Outcome(status="not_found", message="log_gone")
    if row.author_id != user:
        return Outcome(status="forbidden", message="log_not_yours")
    return row


def choose_customer(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
                    customer_id: int | None, now: datetime) -> Outcome:
    """Attach a log to a customer its reply offered, or (customer_id None) create the one it
    named; another team's customer is held for its owner to share instead."""
    with ctx.uow() as uow:
        row = own_log(uow, workspace_id, user, follow_up_id)
        if isinstance(row, Outcome):
            return row
        uow.act_as(user, now)
        held = held_for(uow, row)
        if held is not None:
            return Outcome(status=HELD, follow_up=held_view(ctx, uow, row, held))
        if row.status != "needs_customer":
            return current_view(uow, row, "recorded")  # a second click changes nothing
        if customer_id is None:
            name = row.customer_guess or ""
            if not name:
                return Outcome(status="invalid", message="no_customer_to_create")
            customer = uow.customers.by_key(workspace_id, name_key(name)) or new_customer(
                ctx, uow, workspace_id, name, user, now)
        else:
            if not was_offered(row, customer_id):
                return Outcome(status="forbidden", message="not_offered")
            found = uow.customers.get(workspace_id, customer_id)
            if found is None:
                return Outcome(status="not_found", message="customer_gone")
            customer = found
        if not may_attach(ctx, uow, user, customer):
            result = Outcome(status=HELD, follow_up=hold(ctx, uow, row, customer, now))
        else:
            result = attach_log(ctx, uow, row, customer, now)
        uow.commit()
        return result


def attach_log(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, customer: Customer,
               now: datetime) -> Outcome:
    """Attach a log whose customer is now known: its task, its moves, its cadence."""
    row.customer_id, row.status, row.updated_at = customer.id, "recorded", now
    row.offered_customers = None
    note_worker(ctx, uow, customer, row.author_id, now)  # on its list from now on
    react(ctx, uow, row, "recorded", now)  # a reply in a review thread: now it is logged
    pending = uow.tasks.all_for_follow_up(row.id)  # made while the question waited
    for task in pending:
        task.customer_id, task.updated_at = customer.id, now
    if not pending:
        open_task(ctx, uow, row, now)
    # Now that it is known whom it is about ("Acme → A" then a pick of Acme Corp).
    moved = moved_lines(apply_log_moves(ctx, uow, row, customer, now))
    told = read_log_revisits(ctx, uow, row, customer, now)
    care = record_log_care_dates(ctx, uow, row, customer, read_care(
        row.raw_text, row.created_at, ZoneInfo(row.tz or "UTC")), now)  # 王总生日是3月5号
    after = refresh_after_log(ctx, uow, row, customer, now)
    # A contact (and a win) pushes its end back.
    refresh_term(ctx, uow, customer, now, contacts={customer.id: after.last_contact})
    done = current_view(uow, row, "recorded", moved=moved, too_soon=after.too_soon,
                        revisit_notes=told, care_dates=care)
    if done.follow_up is None:
        return done
    return replace(done, follow_up=with_standing(ctx, uow, done.follow_up, customer))


def new_customer(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, name: str, user: str,
                 now: datetime) -> Customer:
    """A customer a log named, made by and for its author, with its owner's term."""
    customer = uow.customers.add(Customer(workspace_id=workspace_id, name=name,
                                          name_key=name_key(name), owner_id=user,
                                          created_by=user, created_at=now))
    enrol(ctx, uow, customer, user, now)
    return customer


def undo_log(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
             now: datetime) -> Outcome:
    """Withdraw a log and cancel its task; the raw text stays on record."""
    with ctx.uow() as uow:
        row = own_log(uow, workspace_id, user, follow_up_id)
        if isinstance(row, Outcome):
            return row
        uow.act_as(user, now)
        row.status, row.updated_at = "undone", now
        withdrawn = withdraw_log_moves(ctx, uow, row, now)  # its moves go with it
        withdraw_log_revisits(ctx, uow, row, now)  # and the revisit plans they started
        customer = uow.customers.get(workspace_id, row.customer_id) if row.customer_id else None
        if customer is not None:  # and the key dates it gave ("王总生日是3月5号")
            withdraw_log_care_dates(ctx, uow, row, customer, now)
        refresh(ctx, uow, workspace_id, row.customer_id, now)  # its contact no longer counts
        for task in uow.tasks.all_for_follow_up(row.id):  # every promise it made
            if task.status in ("open", "snoozed"):
                task.status, task.updated_at = "cancelled", now
                task_service.schedule(ctx, uow, task, now)
        result = current_view(uow, row, "undone", moved=moved_lines(withdrawn, undone=True))
        uow.commit()
        return result


def refresh(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, customer_id: int | None,
            now: datetime) -> None:
    """Recompute a customer's cadence after one of its logs changed (if it has one)."""
    customer = uow.customers.get(workspace_id, customer_id) if customer_id else None
    if customer is not None:
        refresh_cadence(ctx, uow, customer, now)
        refresh_term(ctx, uow, customer, now)


def get_log(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int) -> Outcome:
    """A log as its author sees it (for the Edit modal)."""
    with ctx.uow() as uow:
        row = own_log(uow, workspace_id, user, follow_up_id)
        if isinstance(row, Outcome):
            return row
        return current_view(uow, row, "log")


def choose_due(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
               choice: str, now: datetime) -> Outcome:
    """Take the other reading of an ambiguous time (`ISO-8601:precision` from the button)."""
    iso, _, precision = choice.rpartition(":")
    try:
        due = datetime.fromisoformat(iso)
    except ValueError:
        return Outcome(status="invalid", message="bad_due_choice")
    if due.tzinfo is None or precision not in ("day", "time"):
        return Outcome(status="invalid", message="bad_due_choice")
    with ctx.uow() as uow:
        row = own_log(uow, workspace_id, user, follow_up_id)
        if isinstance(row, Outcome):
            return row
        uow.act_as(user, now)
        row.due_at, row.due_precision, row.updated_at = due, precision, now
        task = uow.tasks.for_follow_up(row.id)
        if task is not None and task.status in ("open", "snoozed"):
            task_service.set_due(ctx, task, due, precision)
            task.status, task.snoozed_until, task.updated_at = "open", None, now
            task_service.schedule(ctx, uow, task, now)
        result = current_view(uow, row, "edited")
        uow.commit()
        return result
