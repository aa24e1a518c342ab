"""Buttons and forms of the complaint messages: each does one thing, then the clicked message
is replaced (through the outbox) by the complaint as it is now."""

from __future__ import annotations

from datetime import datetime

from bot.domain.complaint_text import suggest
from bot.domain.parsing import parse_log
from bot.services.complaints import actions
from bot.services.complaints.raising import set_triage
from bot.services.complaints.views import RESPOND, ComplaintOutcome, complaint_view
from bot.services.context import ServiceContext
from bot.services.customers.match import candidates_for
from bot.services.delivery.outbox import queue
from bot.services.forms import Form
from bot.services.interactions import Reply
from bot.services.language import own_language
from bot.services.unit import one_unit_of_work
from bot.services.views import to_payload

VERBS = ("acknowledge", "resolve", "satisfied", "not_satisfied")
REFUSED = ("forbidden", "not_found", "unchanged")


@one_unit_of_work
def click(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int, verb: str,
          reply: Reply, now: datetime) -> ComplaintOutcome:
    """Acknowledge, Resolve, Satisfied or Not satisfied; the message shows the result."""
    if verb == "acknowledge":
        outcome = actions.acknowledge(ctx, workspace_id, user, complaint_id, now)
    elif verb == "resolve":
        outcome = actions.resolve(ctx, workspace_id, user, complaint_id, now)
    else:
        outcome = actions.record_check_back(ctx, workspace_id, user, complaint_id,
                                            verb == "satisfied", now)
    respond(ctx, workspace_id, user, reply, outcome, now)
    return outcome


@one_unit_of_work
def triage(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
           field: str, value: str, reply: Reply, now: datetime) -> ComplaintOutcome:
    """A new category or priority chosen under the confirmation; only a refusal is answered
    (the menu itself already shows the choice)."""
    outcome = set_triage(ctx, workspace_id, user, complaint_id,
                         value if field == "category" else None,
                         value if field == "priority" else None, now)
    if outcome.status != "triaged":
        respond(ctx, workspace_id, user, reply, outcome, now, replace=False)
    return outcome


def respond(ctx: ServiceContext, workspace_id: str, user: str, reply: Reply,
            outcome: ComplaintOutcome, now: datetime, *, replace: bool = True) -> None:
    """Queue the answer to a click for the message's response_url."""
    if not reply.response_url:
        return
    with ctx.uow() as uow:
        queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
              payload={"response_url": reply.response_url, "status": outcome.status,
                       "lang": own_language(ctx, user, uow),
                       "message": outcome.message, "replace": replace,
                       "check_back_hours": ctx.directory.complaints.check_back_hours,
                       "complaint": to_payload(outcome.complaint) if outcome.complaint
                       else None})
        uow.commit()


def open_reassign(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
                  reply: Reply, now: datetime) -> Form | None:
    """The form that asks who should own the complaint instead (None: it no longer exists,
    and the user was told)."""
    with ctx.uow() as uow:
        c = uow.complaints.get(workspace_id, complaint_id)
        view = complaint_view(c) if c is not None else None
        lang = own_language(ctx, user, uow)
    if view is None:  # answered once the unit of work above has ended (one at a time)
        refused = ComplaintOutcome("not_found", message="gone")
        respond(ctx, workspace_id, user, reply, refused, now, replace=False)
        return None
    if not reply.trigger_id:
        return None
    return Form({"trigger_id": reply.trigger_id, "modal": "complaint_reassign",
                 "response_url": reply.response_url, "complaint": to_payload(view),
                 "lang": lang})


@one_unit_of_work
def submit_reassign(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
                    new_owner: str, reply: Reply, now: datetime) -> ComplaintOutcome:
    """Give the complaint to the person chosen in the form."""
    outcome = actions.reassign(ctx, workspace_id, user, complaint_id, new_owner, now)
    # A refusal is said below the complaint, which stays as it was.
    respond(ctx, workspace_id, user, reply, outcome, now, replace=outcome.status not in REFUSED)
    return outcome


def open_raise_form(ctx: ServiceContext, workspace_id: str, user: str, text: str,
                    link: str | None, reply: Reply, now: datetime) -> Form:
    """The message shortcut: a form with the message, the customer found in it and the
    suggested category and priority, all changeable."""
    with ctx.uow() as uow:
        known = [k for _, k in candidates_for(uow, workspace_id, text)]
        lang = own_language(ctx, user, uow)
    customer = parse_log(text, now=now, tz=ctx.zone(None), known_customers=known).customer
    guess = suggest(text)
    return Form({"trigger_id": reply.trigger_id, "modal": "complaint_raise", "text": text,
                 "customer": customer, "link": link, "category": guess.category,
                 "priority": guess.priority, "lang": lang})
