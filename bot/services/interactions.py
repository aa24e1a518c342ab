"""Buttons and modals: do what was asked, then queue the answer that replaces the message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.record_ids import record_id
from bot.services.context import ServiceContext
from bot.services.customers import file as customers
from bot.services.delivery.outbox import RESPOND, queue
from bot.services.forms import Form
from bot.services.language import own_language
from bot.services.logs import editing
from bot.services.logs import fixing as logs
from bot.services.logs import sharing as log_sharing
from bot.services.tasks import lifecycle as tasks
from bot.services.unit import one_unit_of_work
from bot.services.views import Outcome, task_view, to_payload

FAILED = ("forbidden", "not_found", "invalid")
# A refusal's code; handlers/blocks/refusals.py says it in the reader's language.
UNKNOWN_RECORD = "unknown_record"


@dataclass(frozen=True)
class Reply:
    """Where the answer to a click goes: the message's response_url, or a modal's trigger;
    `keep_message` answers below the message instead of replacing it."""

    response_url: str | None = None
    trigger_id: str | None = None
    keep_message: bool = False


def answer(ctx: ServiceContext, workspace_id: str, user: str, reply: Reply, outcome: Outcome,
            render: str, now: datetime) -> Outcome:
    """Queue the answer: a refusal goes to the user alone, a change replaces the message."""
    if reply.response_url is None:
        return outcome
    with ctx.uow() as uow:
        if outcome.language is None:  # the answer is read by the person who clicked
            outcome = replace(outcome, language=own_language(ctx, user, uow))
        queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
              payload={"response_url": reply.response_url, "render": render,
                       "replace": outcome.status not in FAILED and not reply.keep_message,
                       "outcome": to_payload(outcome)})
        uow.commit()
    return outcome


def refuse_unknown(ctx: ServiceContext, workspace_id: str, user: str, reply: Reply,
                   now: datetime) -> Outcome:
    """A click whose value names no valid record: the user is told, nothing changes."""
    refused = Outcome(status="not_found", message=UNKNOWN_RECORD)
    return answer(ctx, workspace_id, user, reply, refused, "task", now)


@one_unit_of_work
def act_on_task(ctx: ServiceContext, workspace_id: str, user: str, task_id: int, verb: str,
                reply: Reply, now: datetime) -> Outcome:
    """Done or snooze (`snooze:1h`, `snooze:tomorrow`, `snooze:next_week`) from a button."""
    if verb == "done":
        outcome = tasks.complete_task(ctx, workspace_id, user, task_id, now)
    elif verb.startswith("snooze:"):
        outcome = tasks.snooze_task(ctx, workspace_id, user, task_id, verb[7:], now)
    else:
        outcome = Outcome(status="invalid", message="unknown_action")
    return answer(ctx, workspace_id, user, reply, outcome, "task", now)


@one_unit_of_work
def act_on_log(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int, verb: str,
               arg: str, reply: Reply, now: datetime) -> Outcome:
    """Undo, create the named customer, pick an existing one, or take another due reading."""
    if verb == "undo":
        outcome = logs.undo_log(ctx, workspace_id, user, follow_up_id, now)
    elif verb == "create_customer":
        outcome = logs.choose_customer(ctx, workspace_id, user, follow_up_id, None, now)
    elif verb == "pick_customer":
        customer_id = record_id(arg)
        outcome = (Outcome(status="not_found", message=UNKNOWN_RECORD) if customer_id is None
                   else logs.choose_customer(ctx, workspace_id, user, follow_up_id,
                                             customer_id, now))
    elif verb == "use_alternative":
        outcome = logs.choose_due(ctx, workspace_id, user, follow_up_id, arg, now)
    elif verb == "ask_share":
        outcome = log_sharing.ask_to_share(ctx, workspace_id, user, follow_up_id, now)
    elif verb in ("share", "decline_share"):
        outcome = log_sharing.decide_share(ctx, workspace_id, user, follow_up_id,
                                           verb == "share", now)
    else:
        outcome = Outcome(status="invalid", message="unknown_action")
    return answer(ctx, workspace_id, user, reply, outcome, "log", now)


def open_log_editor(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
                    reply: Reply, now: datetime) -> Form | None:
    """The Edit form for the user's own log (None: a refusal was queued instead)."""
    outcome = logs.get_log(ctx, workspace_id, user, follow_up_id)
    if outcome.status != "log" or reply.trigger_id is None:
        answer(ctx, workspace_id, user, reply, outcome, "log", now)
        return None
    return Form({"trigger_id": reply.trigger_id, "modal": "edit_log",
                 "response_url": reply.response_url, "keep": reply.keep_message,
                 "follow_up": to_payload(outcome.follow_up),
                 "lang": own_language(ctx, user)})


def open_rescheduler(ctx: ServiceContext, workspace_id: str, user: str, task_id: int,
                     reply: Reply, now: datetime) -> Form | None:
    """The Reschedule form for a task the user may change (None: refused, or no trigger)."""
    with ctx.uow() as uow:
        task = uow.tasks.get(workspace_id, task_id)
        found = task is not None
        view = (task_view(task, None, now) if task is not None
                and ctx.directory.may_view_tasks_of(user, task.owner_id) else None)
        lang = own_language(ctx, user, uow)
    # The refusal is queued once this unit of work has ended: on SQLite a second transaction
    # in the same thread would wait for the first one's lock (and is refused instead).
    if view is None:
        refused = Outcome(status="forbidden" if found else "not_found",
                          message="reschedule_not_yours")
        answer(ctx, workspace_id, user, reply, refused, "task", now)
        return None
    if not reply.trigger_id:
        return None
    return Form({"trigger_id": reply.trigger_id, "modal": "reschedule",
                 "response_url": reply.response_url, "task": to_payload(view), "lang": lang})


@one_unit_of_work
def submit_log_edit(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
                    edit: editing.LogEdit, reply: Reply, now: datetime) -> Outcome:
    """Save the Edit modal; field errors come back for the modal to show."""
    outcome = editing.edit_log(ctx, workspace_id, user, follow_up_id, edit, now)
    if outcome.errors:
        return outcome
    return answer(ctx, workspace_id, user, reply, outcome, "log", now)


@one_unit_of_work
def submit_reschedule(ctx: ServiceContext, workspace_id: str, user: str, task_id: int,
                      when: str, reply: Reply, now: datetime) -> Outcome:
    """Save the Reschedule modal."""
    outcome = tasks.reschedule_task(ctx, workspace_id, user, task_id, when, now)
    if outcome.errors:
        return outcome
    return answer(ctx, workspace_id, user, reply, outcome, "task", now)


def open_customer(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
                  reply: Reply, now: datetime) -> Outcome:
    """The Open button beside a deal in the review: the customer's file, shown to the person
    who clicked alone, under the same rules as /customer."""
    outcome = customers.show_customer_by_id(ctx, workspace_id, user, customer_id, now)
    if reply.response_url is None:
        return outcome
    with ctx.uow() as uow:
        queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
              payload={"response_url": reply.response_url, "render": "customer",
                       "replace": False, "outcome": to_payload(outcome)})
        uow.commit()
    return outcome
