"""Taking in a log: keep the raw text at once, read it right after, reply with what was read."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.care_text import CareReading, without_care_promises
from bot.domain.customers import clean_display_name
from bot.domain.leases import LEASE
from bot.domain.parsing import ParsedLog
from bot.domain.storable import storable
from bot.services.care.logs import read_care, record_log_care_dates
from bot.services.complaints.actions import note_contact
from bot.services.context import ServiceContext
from bot.services.customers.access import note_worker
from bot.services.customers.match import Candidates, candidates_for, resolve
from bot.services.delivery.outbox import LOG_REPLY, RESPOND, queue
from bot.services.home.build import refresh_homes
from bot.services.language import answer_language
from bot.services.logs.access import HELD, hold, may_attach, offer
from bot.services.logs.fixing import current_view, open_tasks
from bot.services.logs.parse_box import run_boxed
from bot.services.logs.thread_answers import answer_in_thread
from bot.services.people import queue_profile_look_up, read_timezone
from bot.services.pipeline.classification import apply_log_moves, moved_lines
from bot.services.pool.standing import with_standing
from bot.services.pool.terms import refresh_term
from bot.services.ports import Notifier
from bot.services.revisits.logs import read_log_revisits
from bot.services.tasks.cadence import refresh_after_log
from bot.services.views import (
    CareDateView,
    DueOption,
    FollowUpView,
    Moved,
    Outcome,
    RevisitNotes,
    follow_up_view,
    to_payload,
)
from bot.services.zones import look_up_author
from store.audit import SYSTEM
from store.engine import GaveWay
from store.models import Customer, FollowUp
from store.repositories.claims import LOGS
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
HELP_WORDS = ("help", "帮助", "?", "？")
# How many times a log's reading stops for an acknowledgement before it finishes whatever
# waits (a flood must delay the reading, never stop it). Each try first waits for a pause in
# the requests (ServiceContext.give_way, at most a second in the server).
GIVES_WAY_AT_MOST = 3


@dataclass(frozen=True)
class LogRequest:
    """A contact as a rep reported it, from /log, a DM or the shell."""

    workspace_id: str
    user_id: str
    text: str
    source: str
    source_key: str
    reply_channel: str | None = None
    reply_url: str | None = None
    reply_thread_ts: str | None = None  # a reply in a review thread: answered there
    source_ts: str | None = None  # the Slack message's own ts (reacted to once read)


def receive_log(ctx: ServiceContext, req: LogRequest, now: datetime) -> Outcome:
    """Store what the rep typed (once per Slack message) before Slack gets its answer."""
    # Stored, echoed and read in the form every database keeps (a NUL made PostgreSQL refuse
    # the log and Duckling panic): never refused, never lost.
    text = storable(req.text.strip())
    if not text or text.casefold() in HELP_WORDS:
        return _usage(ctx, req, now)
    values = dict(workspace_id=req.workspace_id, author_id=req.user_id, source=req.source,
                  source_key=req.source_key, raw_text=text, status="received", summary="",
                  confidence=0.0, reply_channel=req.reply_channel, reply_url=req.reply_url,
                  reply_thread_ts=req.reply_thread_ts, source_ts=req.source_ts,
                  attempts=0, created_at=now, updated_at=now)
    with ctx.one_insert() as insert:
        # One INSERT on the acknowledgement path: everything else happens after Slack has
        # its answer.
        new_id = insert.log(values)
        if new_id is not None:
            insert.after_commit(ctx.wake_processor)
            insert.commit()
    if new_id is None:  # a retry, a double submission: what the first one became
        with ctx.uow() as uow:
            seen = uow.follow_ups.by_source_key(req.workspace_id, req.source_key)
            return current_view(uow, seen, "duplicate") if seen else Outcome(status="duplicate")
    return Outcome(status="received", follow_up=FollowUpView(
        id=new_id, status="received", author_id=req.user_id, raw_text=text, summary="",
        tz="UTC"))


def log_contact(ctx: ServiceContext, req: LogRequest, now: datetime) -> Outcome:
    """Receive and read a log in one go (imports, tests): the result of reading it."""
    received = receive_log(ctx, req, now)
    if received.status != "received" or received.follow_up is None:
        return received
    return read_log(ctx, received.follow_up.id, now)


def process_received_logs(ctx: ServiceContext, now: datetime, *, batch: int = 20,
                          lease: timedelta = LEASE, max_attempts: int = 3,
                          notifier: Notifier | None = None) -> int:
    """Read every stored-but-unread log (claimed, so two workers never read the same one;
    the lease is renewed while this process lives, see bot/domain/leases.py).

    The claim counts the attempt and is committed before the log is parsed, so a log that
    kills the process every time it is read is still failed after `max_attempts` tries."""
    with ctx.uow().reading() as uow:  # most wakes find nothing left: look without locking
        if not uow.follow_ups.any_received(now):
            return 0
    with ctx.one_statement() as uow:
        ids = uow.follow_ups.claim_received(now, lease, batch)
        uow.commit()
    ctx.claims.hold(LOGS, ids, now + lease)
    for follow_up_id in ids:
        try:
            read_log(ctx, follow_up_id, now, max_attempts=max_attempts, notifier=notifier)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # one unreadable log must not hold up the others (a native
            # library's panic is a BaseException)
            log.exception("reading log %s failed", follow_up_id)
            _fail_if_unread(ctx, follow_up_id, now, tried=max_attempts)
        finally:
            ctx.claims.release(LOGS, follow_up_id)
    return len(ids)


def read_log(ctx: ServiceContext, follow_up_id: int, now: datetime, *,
             max_attempts: int | None = None, notifier: Notifier | None = None) -> Outcome:
    """Understand a received log, attach the customer, open the task and queue the reply.
    A log already tried more than `max_attempts` times is failed without reading it again.
    With a `notifier`, a new author's zone is asked of Slack first (look_up_author)."""
    look_up_author(ctx, notifier, follow_up_id, now)
    ctx.give_way()
    # A look, not a write: on SQLite it neither waits for the one writer nor holds it up.
    with ctx.uow().reading() as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        if row is None:
            return Outcome(status="not_found")
        if row.status != "received":
            return current_view(uow, row, "duplicate")
        # Earlier tries ended without a verdict: the process died while reading it.
        exhausted = max_attempts is not None and row.attempts > max_attempts
        if not exhausted:
            tz_name, ask_slack = read_timezone(ctx, uow, row.workspace_id, row.author_id, now)
            known = candidates_for(uow, row.workspace_id, row.raw_text)
        workspace, text, author = row.workspace_id, row.raw_text, row.author_id
    if exhausted:
        return _fail_if_unread(ctx, follow_up_id, now) or Outcome(status="duplicate")
    if ask_slack:  # at most once a day per author
        with ctx.uow() as uow:
            queue_profile_look_up(ctx, uow, workspace, author, now)
            uow.commit()
    team = ctx.directory.team_of(author)
    # Parsing happens outside any transaction, so no database lock waits on it.
    # In a helper thread with a deadline: a hang or a panic stays this log's (parse_box).
    parsed = run_boxed(lambda: ctx.parse(text, now=now, tz=ZoneInfo(tz_name),
                                         known_customers=[k for _, k in known],
                                         country=team.country if team else None),
                       ctx.parse_seconds)
    # A key date it names ("王总生日是3月5号") is kept on the customer as a yearly care date,
    # not made a one-off promise (docs/revisits.md, "Care dates").
    care = read_care(text, now, ZoneInfo(tz_name))
    parsed = without_care_promises(parsed, care, ZoneInfo(tz_name))
    # The write below is the longest step (on SQLite it holds the writer lock that every
    # acknowledgement needs): it waits for a moment with no request in flight, and while it
    # may, it stops for an acknowledgement that comes meanwhile and is done again after.
    for _ in range(GIVES_WAY_AT_MOST):
        ctx.give_way()
        try:
            return _write_reading(ctx, follow_up_id, parsed, care, known, tz_name, author, now,
                                  gives_way=True)
        except GaveWay:
            pass
    ctx.give_way()
    return _write_reading(ctx, follow_up_id, parsed, care, known, tz_name, author, now,
                          gives_way=False)


def _write_reading(ctx: ServiceContext, follow_up_id: int, parsed: ParsedLog,
                   care: list[CareReading], known: Candidates, tz_name: str, author: str,
                   now: datetime, *, gives_way: bool) -> Outcome:
    """Record what a log was read to say, in one unit of work (which may give way)."""
    unit = ctx.uow()
    with unit.giving_way() if gives_way else unit as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        if row is None or row.status != "received":
            return current_view(uow, row, "duplicate") if row else Outcome(status="not_found")
        uow.act_as(row.author_id, now)
        customer, offered = resolve(uow, row.workspace_id, parsed, known)
        held = customer if customer and not may_attach(ctx, uow, author, customer) else None
        customer = None if held else customer
        _fill(row, parsed, tz_name, customer, now)
        # Every promise is a task at once, even while "which customer?" waits for an answer.
        tasks = [] if held else open_tasks(ctx, uow, row, parsed.tasks[1:], now)
        too_soon = None
        moved: Moved = ()
        told: RevisitNotes = ()
        care_dates: tuple[CareDateView, ...] = ()
        if customer is not None:  # "Acme → A", "moved Acme to negotiating": by its author
            note_worker(ctx, uow, customer, row.author_id, now)  # on its list from now on
            moved = moved_lines(apply_log_moves(ctx, uow, row, customer, now))
            told = read_log_revisits(ctx, uow, row, customer, now)  # a service visit, a call
            care_dates = record_log_care_dates(ctx, uow, row, customer, care, now)
            after = refresh_after_log(ctx, uow, row, customer, now)
            too_soon = after.too_soon
            # A contact (and a win) pushes its end back.
            refresh_term(ctx, uow, customer, now, contacts={customer.id: after.last_contact})
            note_contact(uow, row.workspace_id, customer.id, now)  # a complaint's 1st answer
        suggestions = () if customer or held else offered
        offer(row, suggestions)  # a click may pick only what this reply offers
        alternatives = tuple(DueOption(a.due, a.precision, a.label) for a in parsed.alternatives)
        outcome = Outcome(status=row.status, suggestions=suggestions,
                          follow_up=with_standing(ctx, uow, follow_up_view(
                              row, customer, tasks[0] if tasks else None, alternatives,
                              too_soon, moved, more=tasks[1:], revisit_notes=told,
                              care_dates=care_dates), customer))
        if held is not None:  # another team's customer: its owner decides (log_sharing)
            outcome = Outcome(status=HELD, follow_up=hold(ctx, uow, row, held, now))
        _reply(ctx, uow, row, outcome, now)
        if customer is not None:  # its tasks, deals and revisits may be on their Home tab
            refresh_homes(ctx, uow, row.workspace_id, (row.author_id, customer.owner_id), now)
        uow.commit()
        return outcome


def _fill(row: FollowUp, parsed: ParsedLog, tz_name: str, customer: Customer | None,
          now: datetime) -> None:
    due = parsed.due
    row.status = "recorded" if customer else "needs_customer"
    row.customer_id = customer.id if customer else None
    row.customer_guess = clean_display_name(parsed.customer) if parsed.customer else None
    row.contact, row.channel = parsed.contact, parsed.channel
    row.summary = parsed.summary or row.raw_text[:500]
    row.next_step = parsed.next_step
    row.due_at = due.due if due else None
    row.due_precision = due.precision if due else None
    row.due_label = due.label if due else None
    row.confidence, row.tz, row.updated_at, row.lease_until = parsed.confidence, tz_name, now, None
    row.happened_at = parsed.happened_at


def _reply(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, outcome: Outcome,
           now: datetime) -> None:
    """Queue the answer where the log came from: the slash command's message or the DM."""
    payload = to_payload(outcome)
    if row.reply_thread_ts:
        answer_in_thread(ctx, uow, row, outcome, now)
    elif row.reply_url:
        queue(ctx, uow, workspace_id=row.workspace_id, kind=RESPOND, recipient=row.author_id,
              now=now, payload={"response_url": row.reply_url, "render": "log", "replace": True,
                                "outcome": payload})
    elif row.reply_channel:
        queue(ctx, uow, workspace_id=row.workspace_id, kind=LOG_REPLY,
              recipient=row.reply_channel, payload=payload, now=now)


def _fail_if_unread(ctx: ServiceContext, follow_up_id: int, now: datetime, *,
                    tried: int = 0) -> Outcome | None:
    """Fail a log still unread that was tried at least `tried` times; None if it is gone,
    was read meanwhile (another worker) or has tries left."""
    with ctx.uow() as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        if row is None or row.status != "received" or row.attempts < tried:
            return None
        return _fail(ctx, uow, row, now)


def _fail(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, now: datetime) -> Outcome:
    """Stop trying to read a log, keep its text, and tell the rep."""
    uow.act_as(SYSTEM, now)
    row.status, row.updated_at, row.lease_until = "failed", now, None
    note = Outcome(status="failed", message="log_unreadable")
    _reply(ctx, uow, row, note, now)
    uow.commit()
    return note


def _usage(ctx: ServiceContext, req: LogRequest, now: datetime) -> Outcome:
    outcome = Outcome(status="usage", language=answer_language(ctx, req.user_id, req.text))
    if req.source == "dm" and req.reply_channel:
        with ctx.uow() as uow:
            queue(ctx, uow, workspace_id=req.workspace_id, kind=LOG_REPLY,
                  recipient=req.reply_channel, payload=to_payload(outcome), now=now,
                  dedupe_key=f"usage:{req.source_key}")
            uow.commit()
    return outcome
