"""A complaint's clocks: escalation steps, SLA warnings and breaches, the check-back.

Every clock is a row in complaint_clocks. The sweep claims due rows and fires each in the
same transaction as everything it causes (the page, the thread note, the next clock), so a
clock survives restarts and fires once however many copies of the bot run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from bot.domain.complaints import WorkingHours, escalation_targets, page_at, sla_clocks
from bot.domain.leases import LEASE
from bot.domain.teams import Team
from bot.domain.workdays import WorkCalendar
from bot.services.complaints.views import ALERT, CHECK_BACK, NOTE, PAGE
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from store.models import Complaint, ComplaintClock, ComplaintEvent
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
ESCALATE = "escalate"
SLA_KINDS = ("answer_warn", "answer_breach", "solve_warn", "solve_breach")
CHECK = "check_back"


def team_of(ctx: ServiceContext, c: Complaint) -> Team | None:
    """The team the complaint belongs to, from the configuration."""
    return next((t for t in ctx.directory.teams if t.name == c.team), None)


def hours_of(ctx: ServiceContext, uow: UnitOfWork, c: Complaint,
             person: str) -> WorkingHours:
    """When `person` may be paged about this complaint: the team's working days and hours
    (`complaints.working_hours`), in the person's own zone once Slack has told us it (the
    team's zone until then)."""
    team = team_of(ctx, c)
    policy = ctx.directory.complaints
    known = uow.people.get(c.workspace_id, person)
    zone = known.tz if known is not None and known.tz else (team.timezone if team else c.tz)
    calendar = team.calendar if team is not None else WorkCalendar()
    return WorkingHours(calendar, zone, policy.work_start, policy.work_end)


def record(uow: UnitOfWork, c: Complaint, kind: str, actor: str, now: datetime,
           target: str | None = None, detail: str | None = None) -> ComplaintEvent:
    """Write what happened to the complaint (the figures and the thread read these)."""
    event = ComplaintEvent(workspace_id=c.workspace_id, complaint_id=c.id, kind=kind,
                           actor=actor, target=target, detail=detail, at=now)
    uow.complaints.add_event(event)
    uow.session.flush()
    return event


def note(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, event: ComplaintEvent,
         now: datetime, **extra: Any) -> None:
    """Post the event in the complaint's thread (queued; sent once the thread exists)."""
    root = uow.notifications.by_key(c.workspace_id, f"croot:{c.id}")
    if c.thread_channel is None or root is None:
        return
    queue(ctx, uow, workspace_id=c.workspace_id, kind=NOTE, recipient=c.thread_channel,
          now=now, parent_id=root.id,
          payload={"complaint_id": c.id, "event": event.kind, "actor": event.actor,
                   "target": event.target, "detail": event.detail, **extra},
          dedupe_key=f"cthread:{c.id}:{event.id}")


def announce(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, kind: str, actor: str,
             now: datetime, target: str | None = None, detail: str | None = None) -> None:
    """Record what happened and post it in the complaint's thread."""
    note(ctx, uow, c, record(uow, c, kind, actor, now, target, detail), now)


def page(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, person: str, reason: str,
         now: datetime, step: int, by: str | None = None) -> datetime:
    """DM `person` with the complaint and its buttons; low priority waits for working hours.
    Returns when the page goes out (the ack clock runs from then)."""
    at = page_at(c.priority, now, hours_of(ctx, uow, c, person))
    queue(ctx, uow, workspace_id=c.workspace_id, kind=PAGE, recipient=person, now=now,
          due_at=at, payload={"complaint_id": c.id, "reason": reason, "by": by},
          dedupe_key=f"cpage:{c.id}:{step}")
    return at


def start_escalation(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, reason: str,
                     now: datetime, by: str | None = None) -> None:
    """Page the owner and arm the next escalation step (a fresh run of the policy)."""
    uow.clocks.cancel(c.id, (ESCALATE,))
    base = 0 if reason == "new" else c.escalation_step + 1
    c.escalation_base = c.escalation_step = base
    paged = page(ctx, uow, c, c.owner_id, reason, now, base, by)
    _arm(ctx, uow, c, base + 1, paged + ctx.directory.complaints.ack_time(c.priority))


def _arm(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, step: int, due: datetime) -> None:
    uow.clocks.add(ComplaintClock(workspace_id=c.workspace_id, complaint_id=c.id,
                                  kind=ESCALATE, round=step, due_at=due, status="pending",
                                  attempts=0))


def start_sla(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, now: datetime) -> None:
    """Arm the first-answer and solution clocks (warnings at 80%, then the breaches)."""
    team = team_of(ctx, c)
    calendar = team.calendar if team else WorkCalendar()
    answer, solve = sla_clocks(ctx.directory.complaints, c.priority, now, calendar, c.tz)
    for kind, due in (("answer_warn", answer.warn_at), ("answer_breach", answer.due_at),
                      ("solve_warn", solve.warn_at), ("solve_breach", solve.due_at)):
        uow.clocks.add(ComplaintClock(workspace_id=c.workspace_id, complaint_id=c.id,
                                      kind=kind, round=c.reopened, due_at=due,
                                      status="pending", attempts=0))


def arm_check_back(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, due: datetime) -> None:
    """The check-back DM to the owner when the customer should be asked."""
    uow.clocks.add(ComplaintClock(workspace_id=c.workspace_id, complaint_id=c.id, kind=CHECK,
                                  round=c.reopened, due_at=due, status="pending", attempts=0))


def fire_due_clocks(ctx: ServiceContext, now: datetime, batch: int = 50,
                    lease: timedelta = LEASE) -> int:
    """Fire every due clock once: claim, act and commit in one transaction per batch.

    Each clock acts inside a savepoint: one that fails is rolled back alone and keeps its
    lease, so it is tried again when the lease runs out and given up (logged) after
    `max_attempts`, while the rest of the batch fires. The claim commits only with what the
    clocks did, so a crash leaves no clock leased (the rollback frees it): the lease is
    only the retry delay of a clock that failed."""
    fired = 0
    while True:
        with ctx.uow() as uow:
            clocks = uow.clocks.claim_due(now, lease, batch)
            for clock in clocks:
                try:
                    with uow.session.begin_nested():
                        _fire_one(ctx, uow, clock, now)
                except Exception:
                    log.exception("complaint clock %s (%s) failed", clock.id, clock.kind)
                    if clock.attempts >= MAX_ATTEMPTS:
                        clock.status = "failed"
            uow.commit()
        fired += len(clocks)
        if len(clocks) < batch:
            return fired


def _fire_one(ctx: ServiceContext, uow: UnitOfWork, clock: ComplaintClock,
              now: datetime) -> None:
    c = uow.complaints.get(clock.workspace_id, clock.complaint_id)
    if c is not None and _fire(ctx, uow, c, clock, now):
        return  # put back to wait (low priority out of hours)
    clock.status, clock.fired_at = "done", now


def _fire(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, clock: ComplaintClock,
          now: datetime) -> bool:
    """Act on one clock; True when it must wait for working hours instead."""
    if clock.kind == ESCALATE:
        return _escalate(ctx, uow, c, clock, now)
    if clock.kind == CHECK:
        if c.status == "resolved" and c.satisfied is None:
            queue(ctx, uow, workspace_id=c.workspace_id, kind=CHECK_BACK,
                  recipient=c.owner_id, now=now, payload={"complaint_id": c.id},
                  dedupe_key=f"ccheck:{c.id}:{clock.round}")
        return False
    which, level = clock.kind.split("_")
    if c.status == "resolved" or (which == "answer" and c.answered_at is not None):
        return False
    if clock.round != c.reopened:
        return False
    if level == "warn":
        queue(ctx, uow, workspace_id=c.workspace_id, kind=ALERT, recipient=c.owner_id, now=now,
              due_at=page_at(c.priority, now, hours_of(ctx, uow, c, c.owner_id)),
              payload={"complaint_id": c.id, "clock": which, "level": "warning"},
              dedupe_key=f"calert:{c.id}:{clock.kind}:{clock.round}")
        return False
    announce(ctx, uow, c, "breach", "bot", now, detail=which)
    told = c.lead_id or c.owner_id
    queue(ctx, uow, workspace_id=c.workspace_id, kind=ALERT, recipient=told,
          now=now, due_at=page_at(c.priority, now, hours_of(ctx, uow, c, told)),
          payload={"complaint_id": c.id, "clock": which, "level": "breach"},
          dedupe_key=f"calert:{c.id}:{clock.kind}:{clock.round}")
    return False


def _escalate(ctx: ServiceContext, uow: UnitOfWork, c: Complaint, clock: ComplaintClock,
              now: datetime) -> bool:
    if c.status != "open" or clock.round <= c.escalation_base:
        return False
    policy = ctx.directory.complaints
    targets = escalation_targets(c.owner_id, c.backup_id, c.lead_id, policy.repeat)
    index = clock.round - c.escalation_base
    previous = targets[index - 1] if index - 1 < len(targets) else None
    if index >= len(targets):
        announce(ctx, uow, c, "unacknowledged", "bot", now, target=previous)
        return False
    target = targets[index]
    hours = hours_of(ctx, uow, c, target)
    if c.priority == "low" and not hours.contains(now):
        clock.due_at, clock.lease_until = hours.next_start(now), None
        return True
    announce(ctx, uow, c, "escalated", "bot", now, target=target,
             detail=f"{previous}:{policy.ack_minutes.get(c.priority, 30)}")
    page(ctx, uow, c, target, "escalated", now, clock.round, by=previous)
    c.escalation_step, c.updated_at = clock.round, now
    _arm(ctx, uow, c, clock.round + 1, now + policy.ack_time(c.priority))
    return False
