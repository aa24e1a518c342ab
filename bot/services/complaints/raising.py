"""Raising a complaint: find the customer, suggest category and priority, route it to whoever
is on duty, open its thread and start its clocks, all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.complaint_text import suggest
from bot.domain.complaints import CATEGORIES, PRIORITIES, sla_clocks
from bot.domain.customers import closest, name_key
from bot.domain.workdays import WorkCalendar
from bot.services.complaints import clocks
from bot.services.complaints.duty import route
from bot.services.complaints.views import (
    RAISED,
    REPLY,
    RESPOND,
    THREAD,
    ComplaintOutcome,
    complaint_view,
)
from bot.services.context import ServiceContext
from bot.services.customers.match import candidates_for, named_like
from bot.services.delivery.outbox import queue
from bot.services.language import answer_language
from bot.services.people import user_timezone
from bot.services.views import to_payload
from store.models import Complaint
from store.uow import UnitOfWork

USAGE = "usage"


@dataclass(frozen=True)
class ComplaintRequest:
    """A complaint as someone raised it: the text kept exactly as typed."""

    workspace_id: str
    user_id: str
    text: str
    source: str  # command | shortcut | dm
    source_key: str  # the Slack request or message: a retry raises nothing twice
    link: str | None = None
    customer: str | None = None  # named apart from the text (the shortcut's form)
    body: str | None = None  # the complaint itself when `text` has a prefix ("投诉:…")
    category: str | None = None  # chosen by the person raising it (else suggested)
    priority: str | None = None
    reply_channel: str | None = None  # where to answer a DM that cannot be raised
    reply_url: str | None = None  # a slash command's response_url: its answer replaced there


def raise_complaint(ctx: ServiceContext, request: ComplaintRequest,
                    now: datetime) -> ComplaintOutcome:
    """Store the complaint, page the on-duty owner, post its thread and arm its clocks."""
    text = (request.body or request.text).strip()
    if not text:
        return ComplaintOutcome(USAGE)
    with ctx.uow() as uow:
        existing = uow.complaints.by_source(request.workspace_id, request.source_key)
        if existing is not None:
            return ComplaintOutcome("duplicate", complaint_view(existing))
        tz = user_timezone(ctx, uow, request.workspace_id, request.user_id, now)
        # Only the customers its words find, as a log's reading does, not every name.
        known = [] if request.customer else candidates_for(uow, request.workspace_id, text)
        uow.commit()  # keeps a queued profile look-up
    name = request.customer
    if not name:  # parsed outside any transaction, so no database lock waits on it
        name = ctx.parse(text, now=now, tz=ctx.zone(tz),
                         known_customers=[k for _, k in known]).customer
    if not name:
        refused = ComplaintOutcome("no_customer", message="no_customer")
        with ctx.uow() as uow:
            answer_refusal(ctx, uow, request, refused, now)
            uow.commit()
        return refused
    with ctx.uow() as uow:
        uow.act_as(request.user_id, now)
        customer = uow.customers.by_key(request.workspace_id, name_key(name))
        fallback = customer.owner_id if customer else request.user_id
        team = (ctx.directory.team_of(customer.owner_id) if customer else None) \
            or ctx.directory.team_of(request.user_id)
        way = route(ctx, uow, request.workspace_id, team, fallback, now)
        guess = suggest(text)
        c = uow.complaints.add_numbered(Complaint(
            workspace_id=request.workspace_id, number=0, source=request.source,
            source_key=request.source_key, team=way.team,
            customer_id=customer.id if customer else None,
            customer_name=customer.name if customer else name.strip()[:200],
            raised_by=request.user_id, raw_text=request.text, link=request.link,
            category=request.category if request.category in CATEGORIES else guess.category,
            priority=request.priority if request.priority in PRIORITIES else guess.priority,
            status="open",
            owner_id=way.owner, backup_id=way.backup, lead_id=way.lead,
            thread_channel=team.complaint_channel if team else None,
            tz=team.timezone if team else tz, created_at=now, updated_at=now))
        if c is None:
            return ComplaintOutcome("duplicate")
        uow.session.flush()
        suggestions = tuple(n for _, n in closest(
            name, named_like(uow, request.workspace_id, name)))[:3] if customer is None else ()
        outcome = ComplaintOutcome("raised", complaint_view(c), suggestions=suggestions,
                                   matched=guess.matched)
        _open(ctx, uow, c, request.reply_url, outcome, now)
        uow.commit()
    return outcome


def _open(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, reply_url: str | None,
          outcome: ComplaintOutcome, now: datetime) -> None:
    """Thread, raiser's confirmation, owner's page and the clocks of a new complaint; the
    confirmation in the same unit of work as the complaint, so it is said exactly once."""
    if c.thread_channel:
        queue(ctx, uow, workspace_id=c.workspace_id, kind=THREAD, recipient=c.thread_channel,
              now=now, payload={"complaint_id": c.id}, dedupe_key=f"croot:{c.id}")
    if reply_url:  # the command's "working on it" replaced by the complaint
        _respond(ctx, uow, c.workspace_id, c.raised_by, reply_url, outcome, now,
                 dedupe_key=f"craised:{c.id}",
                 lang=answer_language(ctx, c.raised_by, c.raw_text, uow=uow))
    else:
        queue(ctx, uow, workspace_id=c.workspace_id, kind=RAISED, recipient=c.raised_by,
              now=now, payload={"complaint_id": c.id}, dedupe_key=f"craised:{c.id}")
    clocks.record(uow, c, "raised", c.raised_by, now, target=c.owner_id)
    clocks.start_escalation(ctx, uow, c, "new", now)
    clocks.start_sla(ctx, uow, c, now)


def answer_refusal(ctx: ServiceContext, uow: UnitOfWork, request: ComplaintRequest,
                   outcome: ComplaintOutcome, now: datetime, typed: str | None = None) -> None:
    """Queue, once per request, why a complaint was not raised (a reason code, with what
    they typed when it is lost): in place of the command's "working on it", or in the DM it
    came from; in the language of what they typed."""
    if outcome.message is None:
        return
    key = f"creply:{request.source_key}"
    lang = answer_language(ctx, request.user_id, request.body or request.text, uow=uow)
    if request.reply_url:
        _respond(ctx, uow, request.workspace_id, request.user_id, request.reply_url, outcome,
                 now, dedupe_key=key, lang=lang, typed=typed)
    elif request.reply_channel:
        queue(ctx, uow, workspace_id=request.workspace_id, kind=REPLY,
              recipient=request.reply_channel, now=now,
              payload={"refusal": outcome.message, "typed": typed, "lang": lang},
              dedupe_key=key)


def _respond(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str, url: str,
             outcome: ComplaintOutcome, now: datetime, *, dedupe_key: str, lang: str,
             typed: str | None = None) -> None:
    queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
          dedupe_key=dedupe_key,
          payload={"response_url": url, "render": "raised", "status": outcome.status,
                   "lang": lang, "typed": typed,
                   "complaint": to_payload(outcome.complaint) if outcome.complaint else None,
                   "message": outcome.message, "suggestions": list(outcome.suggestions)})


def set_triage(ctx: ServiceContext, workspace_id: str, user: str, complaint_id: int,
               category: str | None, priority: str | None, now: datetime) -> ComplaintOutcome:
    """Change the suggested category or priority (the raiser, the people paged, the lead)."""
    if (category and category not in CATEGORIES) or (priority and priority not in PRIORITIES):
        return ComplaintOutcome("error", message="unknown_triage")
    with ctx.uow() as uow:
        c = uow.complaints.get(workspace_id, complaint_id)
        if c is None:
            return ComplaintOutcome("not_found", message="gone")
        if user not in (c.raised_by, c.owner_id, c.backup_id, c.lead_id) \
                and user not in ctx.directory.admins:
            return ComplaintOutcome("forbidden", complaint_view(c), message="not_raiser")
        changed = []
        if category and category != c.category:
            changed.append(f"category {c.category} → {category}")
            c.category = category
        if priority and priority != c.priority:
            changed.append(f"priority {c.priority} → {priority}")
            c.priority = priority
            uow.clocks.cancel(c.id, clocks.SLA_KINDS)
            _rearm_sla(ctx, uow, c)
        if changed:
            c.updated_at = now
            clocks.announce(ctx, uow, c, "triaged", user, now, detail="; ".join(changed))
        view = complaint_view(c)
        uow.commit()
    return ComplaintOutcome("triaged", view)


def _rearm_sla(ctx: ServiceContext, uow: UnitOfWork, c: Complaint) -> None:
    # The targets run from when it was raised, under the new priority; the cancelled rows
    # hold the (complaint, kind, round) keys, so they are revived rather than added.
    team = clocks.team_of(ctx, c)
    calendar = team.calendar if team else WorkCalendar()
    answer, solve = sla_clocks(ctx.directory.complaints, c.priority, c.created_at, calendar,
                               c.tz)
    due = {"answer_warn": answer.warn_at, "answer_breach": answer.due_at,
           "solve_warn": solve.warn_at, "solve_breach": solve.due_at}
    for row in uow.clocks.of_round(c.id, clocks.SLA_KINDS, c.reopened):
        if row.status == "cancelled":
            row.status, row.due_at, row.lease_until = "pending", due[row.kind], None
