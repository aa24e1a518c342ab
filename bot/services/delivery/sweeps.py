"""The sweeps: mark overdue tasks, and send every due notification exactly once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.domain.leases import LEASE
from bot.services.care.sweep import create_care_tasks
from bot.services.complaints.clocks import fire_due_clocks
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import OVERDUE_LEAD, OVERDUE_OWNER, queue
from bot.services.delivery.sending import SweepReport, prefetch, prepare, send_prepared
from bot.services.figures.report import post_due_reports
from bot.services.logs.intake import process_received_logs
from bot.services.logs.questions import send_open_questions
from bot.services.losses.proposals import propose_quiet_customers
from bot.services.pool.sweep import sweep_pool
from bot.services.pool.terms import enrol_if_configuration_changed
from bot.services.ports import Notifier
from bot.services.review.post import post_due_reviews
from bot.services.revisits.sweep import create_revisit_tasks
from bot.services.tasks.cadence import create_cadence_tasks, refresh_if_table_changed
from bot.services.tasks.digest import send_lead_digests
from store.audit import SYSTEM
from store.repositories.claims import NOTIFICATIONS

__all__ = ["SweepReport", "mark_overdue_tasks", "run_sweep", "send_due_notifications", "tick"]


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
    extra = prefetch(ctx, ids, now)  # e.g. the batch's briefs, read at once
    for note_id in ids:
        try:
            _send_one(ctx, notifier, note_id, now, max_attempts, report, extra.get(note_id))
        finally:
            ctx.claims.release(NOTIFICATIONS, note_id)
    return report


def _send_one(ctx: ServiceContext, notifier: Notifier, note_id: int, now: datetime,
              max_attempts: int, report: SweepReport,
              extra: dict[str, Any] | None = None) -> None:
    item = prepare(ctx, note_id, now, report, extra)
    if item is not None:
        send_prepared(ctx, notifier, item, now, max_attempts, report)


def tick(ctx: ServiceContext, now: datetime) -> None:
    """The scheduler's beat: mark overdue tasks, warn owners before prospects return to the
    pool and return those whose protection ran out (before the digests, so a lead's morning
    digest lists the warnings of that morning), queue the daily digests (the leads' overdue
    tasks and prospects about to return, the reps' unanswered questions, the owners' quiet
    customers), the nightly reviews and weekly reports that are due, open the follow-up tasks
    customers' cadences ask for and the tasks of the revisits and care dates due, and fire the
    complaint clocks (escalations, SLA warnings and breaches, check-backs)."""
    mark_overdue_tasks(ctx, now)
    enrol_if_configuration_changed(ctx, now)
    sweep_pool(ctx, now)
    send_lead_digests(ctx, now)
    send_open_questions(ctx, now)
    propose_quiet_customers(ctx, now)
    post_due_reviews(ctx, now)
    post_due_reports(ctx, now)
    refresh_if_table_changed(ctx, now)
    create_cadence_tasks(ctx, now)
    create_revisit_tasks(ctx, now)
    create_care_tasks(ctx, now)
    fire_due_clocks(ctx, now)


def run_sweep(ctx: ServiceContext, notifier: Notifier, now: datetime) -> SweepReport:
    """One pass of due work: read logs left unread (after a crash, or by a busy copy), mark
    what became overdue, then send everything that is due."""
    while process_received_logs(ctx, now, notifier=notifier):
        pass
    tick(ctx, now)
    total = SweepReport()
    while True:
        report = send_due_notifications(ctx, notifier, now)
        total.add(report)
        if report.claimed == 0 or report.sent + report.dropped == 0:
            return total
