"""One message's way out: read and compose it under its claim, send it, record what Slack
said (or defer it by Slack's Retry-After, or back off, or give up)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.services.context import ServiceContext
from bot.services.delivery.kinds import KINDS, VERSION, Kind, read_payload
from bot.services.ports import Composed, DeliveryError, Notifier, OutgoingMessage
from store.audit import SYSTEM
from store.models import Notification
from store.repositories.claims import NOTIFICATIONS
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
# How long a row this release cannot read waits before it is looked at again (by then a newer
# copy of the bot, which queued it, has normally sent it).
HOLD = timedelta(minutes=10)


@dataclass
class SweepReport:
    claimed: int = 0
    sent: int = 0
    late: int = 0
    dropped: int = 0
    failed: int = 0
    deferred: int = 0  # Slack asked to wait (429): back in the queue, no attempt counted
    held: int = 0  # a kind or payload version this release cannot read (a newer one's)

    def add(self, other: SweepReport) -> None:
        for name in ("claimed", "sent", "late", "dropped", "failed", "deferred", "held"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Prepared:
    """A claimed row read and composed, ready to send; `message` None for a review job."""

    note_id: int
    workspace_id: str
    kind: str
    attempts: int
    message: OutgoingMessage | None


def prefetch(ctx: ServiceContext, note_ids: Sequence[int],
             now: datetime) -> dict[int, dict[str, Any]]:
    """What a claimed batch's kinds read for all its rows at once (Kind.prefetch, e.g. the
    reminders' briefs): additions to each row's payload by id. A failure here costs only the
    batch reading: each row's composer then reads what it needs by itself."""
    try:
        with ctx.uow().reading() as uow:
            by_kind: dict[str, list[Notification]] = defaultdict(list)
            for note in uow.notifications.get_many(note_ids):
                by_kind[note.kind].append(note)
            extra: dict[int, dict[str, Any]] = {}
            for name, notes in by_kind.items():
                kind = KINDS.get(name)
                if kind is not None and kind.prefetch is not None:
                    extra.update(kind.prefetch(ctx, uow, notes, now))
            return extra
    except Exception:
        log.exception("reading a batch of %s notifications at once failed", len(note_ids))
        return {}


def prepare(ctx: ServiceContext, note_id: int, now: datetime,
            report: SweepReport, extra: dict[str, Any] | None = None) -> Prepared | None:
    """The claimed row as a message to send, or None when it is no longer this process's to
    send (done, taken over) or no longer holds (cancelled); `extra` is what `prefetch` read
    for it with its batch.

    Composing only reads: on SQLite it waits for no writer and holds none up (a burst of
    1,000 reminders composed one by one held the writer's turn ahead of every
    acknowledgement). The rare row to hold or cancel is written afterwards."""
    with ctx.uow().reading() as uow:
        note = uow.session.get(Notification, note_id)
        if note is None or not _still_mine(ctx, note):
            return None  # done, or taken by another process after this one's lease ran out
        kind = KINDS.get(note.kind)
        payload = read_payload(kind, note.payload) if kind is not None else None
        if kind is None or payload is None:
            settle = _hold
        elif kind.job is not None:  # work, not a message: e.g. it queues the review's messages
            return Prepared(note.id, note.workspace_id, note.kind, note.attempts, None)
        else:
            message = _compose(ctx, uow, kind, note, {**payload, **(extra or {})}, now)
            if message is not None:
                return Prepared(note.id, note.workspace_id, note.kind, note.attempts, message)
            settle = _cancel
    with ctx.uow() as uow:
        note = uow.session.get(Notification, note_id)
        if note is not None and _still_mine(ctx, note):
            settle(uow, note, now)
            uow.commit()
            if settle is _hold:
                report.held += 1
            else:
                report.dropped += 1
    return None


def _still_mine(ctx: ServiceContext, note: Notification) -> bool:
    return note.status == "pending" and \
        ctx.claims.owns(NOTIFICATIONS, note.id, note.lease_until)


def _cancel(uow: UnitOfWork, note: Notification, now: datetime) -> None:
    """What the message was about no longer holds (the task is done, the complaint taken)."""
    note.status = "cancelled"


def still_mine(ctx: ServiceContext, item: Prepared) -> bool:
    """Whether the row is still pending under this process's claim (checked right before a
    send that waited for its pace)."""
    with ctx.uow().reading() as uow:
        note = uow.session.get(Notification, item.note_id)
        return note is not None and _still_mine(ctx, note)


def send_prepared(ctx: ServiceContext, notifier: Notifier, item: Prepared, now: datetime,
                  max_attempts: int, report: SweepReport) -> float | None:
    """Send one prepared message and record the outcome; returns Slack's Retry-After (s)
    when it answered 429 (the row is then due again after it, nothing else waits)."""
    if item.message is None:
        _run_job(ctx, item, now, item.attempts >= max_attempts, report)
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
    after_send = KINDS[item.kind].after_send
    if after_send is None:
        # Most messages: one UPDATE. On SQLite a unit of work that read the row first held
        # the one writer 5-7 ms a send under a flood of /log requests (up to 34 ms), each
        # acknowledgement arriving meanwhile waiting behind it (bench/ack_latency.py).
        with ctx.one_statement() as uow:
            uow.notifications.mark_sent(item.note_id, now, message.late, receipt.channel,
                                        receipt.ts)
            uow.commit()
    else:
        with ctx.uow() as uow:
            uow.act_as(SYSTEM, now)
            note = uow.session.get(Notification, item.note_id)
            assert note is not None
            note.status, note.sent_at, note.late = "sent", now, message.late
            note.slack_channel, note.slack_ts = receipt.channel, receipt.ts
            after_send(ctx, uow, note, receipt, now)
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


def _hold(uow: UnitOfWork, note: Notification, now: datetime) -> None:
    """Keep a row this release cannot read pending, untouched, and look again after HOLD."""
    stored = note.payload if isinstance(note.payload, dict) else {}
    problem = (f"kind {note.kind!r} is unknown to this release" if note.kind not in KINDS else
               f"payload version {stored.get(VERSION)!r} is not one this release reads "
               f"(1 to {KINDS[note.kind].version})")
    log.warning("holding notification %s: %s; a newer copy of the bot can send it",
                note.id, problem)
    note.lease_until, note.attempts = now + HOLD, max(0, note.attempts - 1)
    note.last_error = f"held: {problem}"


def _run_job(ctx: ServiceContext, item: Prepared, now: datetime, last_try: bool,
             report: SweepReport) -> None:
    job = KINDS[item.kind].job
    assert job is not None
    try:
        done = job(ctx, item.note_id, now)
    except Exception as exc:  # retried with back-off like a failed send, then given up
        log.exception("job %s (%s) failed", item.note_id, item.kind)
        _record_failure(ctx, item.note_id, f"{type(exc).__name__}: {exc}", last_try, now,
                        item.attempts)
        report.failed += 1
        return
    report.sent += int(done)
    report.dropped += int(not done)


def _compose(ctx: ServiceContext, uow: UnitOfWork, kind: Kind, note: Notification,
             payload: dict[str, Any], now: datetime) -> OutgoingMessage | None:
    """The message to send now, or None when what it was about no longer holds."""
    if note.parent_id is not None:  # a thread reply: claimed only once its parent has a ts
        parent = uow.session.get(Notification, note.parent_id)
        if parent is None or not parent.slack_ts:
            return None
        payload["channel"] = parent.slack_channel or parent.recipient
        payload["thread_ts"] = parent.slack_ts
    composed = kind.compose(ctx, uow, note, payload, now) if kind.compose is not None \
        else Composed(payload)
    if composed is None:
        return None
    return OutgoingMessage(id=note.id, workspace_id=note.workspace_id, kind=note.kind,
                           recipient=note.recipient, payload=composed.payload,
                           late=composed.late)


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


