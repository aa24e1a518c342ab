"""The sweeps: mark overdue tasks, and send every due notification exactly once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain import reminders as rules
from bot.domain.leases import LEASE
from bot.services import complaint_messages
from bot.services import tasks as task_service
from bot.services.cadence import create_cadence_tasks, refresh_if_table_changed
from bot.services.complaint_clocks import fire_due_clocks
from bot.services.context import ServiceContext
from bot.services.digest import send_lead_digests
from bot.services.intake import process_received_logs
from bot.services.outbox import OVERDUE_LEAD, OVERDUE_OWNER, queue
from bot.services.people import PROFILE_REFRESH
from bot.services.ports import DeliveryError, Notifier, OutgoingMessage, Receipt
from bot.services.review_post import (
    REVIEW_BUILD,
    build_and_queue,
    post_due_reviews,
    record_thread,
)
from bot.services.views import task_view, to_payload
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


def mark_overdue_tasks(ctx: ServiceContext, now: datetime, batch: int = 200) -> int:
    """Mark open tasks past their overdue moment, telling the owner and their lead once."""
    with ctx.uow() as uow:
        uow.act_as(SYSTEM, now)
        found = uow.tasks.becoming_overdue(now, batch)
        for task in found:
            task.overdue_since = task.updated_at = now
            key = f"overdue:{task.id}:{task.overdue_at.isoformat() if task.overdue_at else ''}"
            queue(ctx, uow, workspace_id=task.workspace_id, kind=OVERDUE_OWNER,
                  recipient=task.owner_id, payload={}, now=now, task_id=task.id,
                  dedupe_key=f"{key}:owner")
            lead = ctx.directory.lead_of(task.owner_id)
            if lead:
                queue(ctx, uow, workspace_id=task.workspace_id, kind=OVERDUE_LEAD,
                      recipient=lead, payload={"owner": task.owner_id}, now=now,
                      task_id=task.id, dedupe_key=f"{key}:lead")
        uow.commit()
        return len(found)


def send_due_notifications(ctx: ServiceContext, notifier: Notifier, now: datetime, *,
                           lease: timedelta = LEASE, batch: int = 50,
                           max_attempts: int = 6) -> SweepReport:
    """Claim due notifications (committed before sending), send each, then record Slack's ts.

    The claim's lease is short and renewed while this process lives (bot/domain/leases.py),
    so a crash delays what it held by at most the lease. A second message can only come
    from a crash between Slack's answer and the commit that records it (the row is sent
    again once the lease runs out), or from a process frozen longer than the lease between
    checking that the row is still its own and Slack's answer.
    """
    report = SweepReport()
    with ctx.one_statement() as uow:  # the claim is one UPDATE: it commits by itself
        ids = uow.notifications.claim_due(now, lease, batch)
        uow.commit()
    ctx.claims.hold(NOTIFICATIONS, ids, now + lease)
    report.claimed = len(ids)
    for note_id in ids:
        try:
            _send_one(ctx, notifier, note_id, now, max_attempts, report)
        finally:
            ctx.claims.release(NOTIFICATIONS, note_id)
    return report


def _send_one(ctx: ServiceContext, notifier: Notifier, note_id: int, now: datetime,
              max_attempts: int, report: SweepReport) -> None:
    with ctx.uow() as uow:
        note = uow.session.get(Notification, note_id)
        if note is None or note.status != "pending" or \
                not ctx.claims.owns(NOTIFICATIONS, note_id, note.lease_until):
            return  # done, or taken by another process after this one's lease ran out
        if note.kind == REVIEW_BUILD:  # work, not a message: it queues the review's messages
            attempts = note.attempts
            uow.commit()
            _build(ctx, note_id, now, attempts >= max_attempts, attempts, report)
            return
        message = _compose(ctx, uow, note, now)
        if message is None:
            note.status = "cancelled"
            report.dropped += 1
            uow.commit()
            return
        attempts = note.attempts
    # The send happens outside any transaction: no lock is held while Slack answers.
    try:
        receipt = notifier.deliver(message)
    except DeliveryError as exc:
        _record_failure(ctx, note_id, str(exc), exc.permanent or attempts >= max_attempts, now,
                        attempts)
        report.failed += 1
        return
    with ctx.uow() as uow:
        uow.act_as(SYSTEM, now)
        note = uow.session.get(Notification, note_id)
        assert note is not None
        note.status, note.sent_at, note.late = "sent", now, message.late
        note.slack_channel, note.slack_ts = receipt.channel, receipt.ts
        _after_send(ctx, uow, note, receipt, now)
        uow.commit()
    report.sent += 1
    report.late += int(message.late)


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
        payload["task"] = to_payload(task_view(task, customer, now))
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
    tz = receipt.data.get("tz")
    try:
        ZoneInfo(tz) if tz else None
    except (ZoneInfoNotFoundError, ValueError):
        tz = None
    uow.people.save_tz(note.workspace_id, note.recipient, tz, receipt.data.get("name"), now)
    if tz:
        _reanchor_open_tasks(ctx, uow, note.workspace_id, note.recipient, tz, now)


def _reanchor_open_tasks(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
                         tz: str, now: datetime) -> None:
    """Tasks read in an assumed zone keep their wall-clock time in the person's real zone."""
    new_zone = ZoneInfo(tz)
    for task in uow.tasks.open_for_owner(workspace_id, user):
        if task.tz == tz or task.due_at is None:
            continue
        wall = task.due_at.astimezone(ZoneInfo(task.tz)).replace(tzinfo=None)
        task.tz = tz
        task_service.set_due(ctx, task, wall.replace(tzinfo=new_zone), task.due_precision)
        task.updated_at = now
        if task.status == "open":
            task_service.schedule(ctx, uow, task, now)


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


def tick(ctx: ServiceContext, now: datetime) -> None:
    """The scheduler's beat: mark overdue tasks, queue the daily digests and the nightly
    reviews that are due, open the follow-up tasks customers' cadences ask for, and fire the
    complaint clocks (escalations, SLA warnings and breaches, check-backs)."""
    mark_overdue_tasks(ctx, now)
    send_lead_digests(ctx, now)
    post_due_reviews(ctx, now)
    refresh_if_table_changed(ctx, now)
    create_cadence_tasks(ctx, now)
    fire_due_clocks(ctx, now)


def run_sweep(ctx: ServiceContext, notifier: Notifier, now: datetime) -> SweepReport:
    """One pass of due work: read logs left unread (after a crash, or by a busy copy), mark
    what became overdue, then send everything that is due."""
    while process_received_logs(ctx, now):
        pass
    tick(ctx, now)
    total = SweepReport()
    while True:
        report = send_due_notifications(ctx, notifier, now)
        for name in ("claimed", "sent", "late", "dropped", "failed"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        if report.claimed == 0 or report.sent + report.dropped == 0:
            return total
