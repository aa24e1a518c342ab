"""One message's way out: read and compose it under its claim, send it, record what Slack
said (or defer it by Slack's Retry-After, or back off, or give up)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import reminders as rules
from bot.services.complaints import messages as complaint_messages
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import OVERDUE_LEAD, OVERDUE_OWNER
from bot.services.logs.fixing import waiting_question
from bot.services.people import PROFILE_REFRESH
from bot.services.ports import DeliveryError, Notifier, OutgoingMessage, Receipt
from bot.services.review.post import REVIEW_BUILD, build_and_queue, record_thread
from bot.services.tasks import lifecycle as task_service
from bot.services.views import task_view, to_payload
from bot.services.zones import save_profile
from store.audit import SYSTEM
from store.models import Notification
from store.repositories.claims import NOTIFICATIONS
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
TASK_KINDS = {rules.BEFORE: ("open",), rules.AT_DUE: ("open",), rules.SNOOZE_END: ("snoozed",),
              OVERDUE_OWNER: ("open",), OVERDUE_LEAD: ("open",)}


@dataclass
class SweepReport:
    claimed: int = 0
    sent: int = 0
    late: int = 0
    dropped: int = 0
    failed: int = 0
    deferred: int = 0  # Slack asked to wait (429): back in the queue, no attempt counted

    def add(self, other: SweepReport) -> None:
        for name in ("claimed", "sent", "late", "dropped", "failed", "deferred"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Prepared:
    """A claimed row read and composed, ready to send; `message` None for a review job."""

    note_id: int
    workspace_id: str
    kind: str
    attempts: int
    message: OutgoingMessage | None


def prepare(ctx: ServiceContext, note_id: int, now: datetime,
            report: SweepReport) -> Prepared | None:
    """The claimed row as a message to send, or None when it is no longer this process's to
    send (done, taken over) or no longer holds (cancelled)."""
    with ctx.uow() as uow:
        note = uow.session.get(Notification, note_id)
        if note is None or note.status != "pending" or \
                not ctx.claims.owns(NOTIFICATIONS, note_id, note.lease_until):
            return None  # done, or taken by another process after this one's lease ran out
        if note.kind == REVIEW_BUILD:  # work, not a message: it queues the review's messages
            return Prepared(note.id, note.workspace_id, note.kind, note.attempts, None)
        message = _compose(ctx, uow, note, now)
        if message is None:
            note.status = "cancelled"
            report.dropped += 1
            uow.commit()
            return None
        return Prepared(note.id, note.workspace_id, note.kind, note.attempts, message)


def still_mine(ctx: ServiceContext, item: Prepared) -> bool:
    """Whether the row is still pending under this process's claim (checked right before a
    send that waited for its pace)."""
    with ctx.uow() as uow:
        note = uow.session.get(Notification, item.note_id)
        return note is not None and note.status == "pending" and \
            ctx.claims.owns(NOTIFICATIONS, item.note_id, note.lease_until)


def send_prepared(ctx: ServiceContext, notifier: Notifier, item: Prepared, now: datetime,
                  max_attempts: int, report: SweepReport) -> float | None:
    """Send one prepared message and record the outcome; returns Slack's Retry-After (s)
    when it answered 429 (the row is then due again after it, nothing else waits)."""
    if item.message is None:
        _build(ctx, item.note_id, now, item.attempts >= max_attempts, item.attempts, report)
        return None
    message = item.message
    # The send happens outside any transaction: no lock is held while Slack answers.
    try:
        receipt = notifier.deliver(message)
    except DeliveryError as exc:
        if exc.retry_after is not None:
            defer(ctx, item, now + timedelta(seconds=exc.retry_after))
            report.deferred += 1
            return exc.retry_after
        _record_failure(ctx, item.note_id, str(exc),
                        exc.permanent or item.attempts >= max_attempts, now, item.attempts)
        report.failed += 1
        return None
    with ctx.uow() as uow:
        uow.act_as(SYSTEM, now)
        note = uow.session.get(Notification, item.note_id)
        assert note is not None
        note.status, note.sent_at, note.late = "sent", now, message.late
        note.slack_channel, note.slack_ts = receipt.channel, receipt.ts
        _after_send(ctx, uow, note, receipt, now)
        uow.commit()
    report.sent += 1
    report.late += int(message.late)
    return None


def defer(ctx: ServiceContext, item: Prepared, until: datetime) -> None:
    """Put the row back, due again at `until` (its claim's attempt not counted), if it is
    still this process's (the lease keeper may have renewed its token meanwhile)."""
    with ctx.uow() as uow:
        note = uow.session.get(Notification, item.note_id)
        if note is None or note.status != "pending" or \
                not ctx.claims.owns(NOTIFICATIONS, item.note_id, note.lease_until):
            return
        note.lease_until, note.attempts = until, max(0, note.attempts - 1)
        uow.commit()


def _build(ctx: ServiceContext, note_id: int, now: datetime, last_try: bool, attempts: int,
           report: SweepReport) -> None:
    try:
        built = build_and_queue(ctx, note_id, now)
    except Exception as exc:  # retried with back-off like a failed send, then given up
        log.exception("building review job %s failed", note_id)
        _record_failure(ctx, note_id, f"{type(exc).__name__}: {exc}", last_try, now, attempts)
        report.failed += 1
        return
    report.sent += int(built)
    report.dropped += int(not built)


def _compose(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
             now: datetime) -> OutgoingMessage | None:
    """The message to send now, or None when what it was about no longer holds."""
    payload = dict(note.payload or {})
    late = False
    if note.parent_id is not None:  # a thread reply: claimed only once its parent has a ts
        parent = uow.session.get(Notification, note.parent_id)
        if parent is None or not parent.slack_ts:
            return None
        payload["channel"] = parent.slack_channel or parent.recipient
        payload["thread_ts"] = parent.slack_ts
    if note.kind in TASK_KINDS:
        task = uow.tasks.get(note.workspace_id, note.task_id) if note.task_id else None
        if task is None or task.status not in TASK_KINDS[note.kind]:
            return None
        customer = uow.customers.get(note.workspace_id, task.customer_id) if task.customer_id \
            else None
        # An unanswered "which customer?" comes back with the reminder of its promise.
        payload["task"] = to_payload(task_view(task, customer, now, waiting_question(uow, task)))
        late = rules.is_late(note.due_at, now, ctx.late_tolerance)
        if late:
            payload["due_was"] = note.due_at.isoformat()
    elif complaint_messages.is_complaint_kind(note.kind):
        composed = complaint_messages.compose(ctx, uow, note, payload, now)
        if composed is None:
            return None
        payload = composed
    return OutgoingMessage(id=note.id, workspace_id=note.workspace_id, kind=note.kind,
                           recipient=note.recipient, payload=payload, late=late)


def _after_send(ctx: ServiceContext, uow: UnitOfWork, note: Notification, receipt: Receipt,
                now: datetime) -> None:
    if note.kind == rules.SNOOZE_END and note.task_id is not None:
        task = uow.tasks.get(note.workspace_id, note.task_id)
        if task is not None and task.status == "snoozed":
            task.status, task.snoozed_until, task.updated_at = "open", None, now
            task_service.schedule(ctx, uow, task, now)
    elif note.kind == PROFILE_REFRESH:
        _save_profile(ctx, uow, note, receipt, now)
    else:
        record_thread(uow, note, receipt, now)
        complaint_messages.after_send(ctx, uow, note, receipt)


def _save_profile(ctx: ServiceContext, uow: UnitOfWork, note: Notification, receipt: Receipt,
                  now: datetime) -> None:
    save_profile(ctx, uow, note.workspace_id, note.recipient, receipt.data, now)


def _record_failure(ctx: ServiceContext, note_id: int, error: str, give_up: bool,
                    now: datetime, attempts: int) -> None:
    with ctx.uow() as uow:
        note = uow.session.get(Notification, note_id)
        if note is None:
            return
        note.last_error = error[:2000]
        if give_up:
            note.status = "failed"
            # Its thread replies can never be posted where they belong: give up on them too.
            uow.notifications.fail_replies(note_id, f"parent message {note_id} was not posted")
            log.error("gave up on notification %s (%s) after %s attempts: %s",
                      note_id, note.kind, attempts, error)
        else:
            # Back off exponentially; the lease doubles as "not before".
            note.lease_until = now + timedelta(seconds=min(600, 5 * 2 ** attempts))
        uow.commit()


