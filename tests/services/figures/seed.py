"""A team's week as rows in the real database, for the figures' service and e2e tests.

The clock is Wednesday 2026-11-25 12:00 in Shanghai; "this week" began Monday 23rd."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from store.aftersale_models import LossRecord, Revisit, RevisitPlan
from store.models import ClassificationChange, Complaint, Customer, Task
from store.pool_models import OwnershipEvent
from store.uow import UnitOfWork

REP, REP2, LEAD = "U0REP", "U0REP2", "U0LEAD"
NOW = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)  # Wednesday 12:00 in Shanghai
LAST_WEEK = NOW - timedelta(days=7)
LONG_AGO = datetime(2026, 9, 1, tzinfo=UTC)
H = timedelta(hours=1)


def customer(uow: UnitOfWork, ws: str, name: str, owner: str, stage: str | None,
             likelihood: str | None = None, made: datetime = LONG_AGO) -> int:
    row = uow.customers.add(Customer(workspace_id=ws, name=name, name_key=name.casefold(),
                                     owner_id=owner, created_by=owner, created_at=made,
                                     stage=stage, likelihood=likelihood))
    return row.id


def task(uow: UnitOfWork, ws: str, owner: str, due: datetime, done: datetime | None,
         status: str | None = None) -> None:
    uow.session.add(Task(workspace_id=ws, owner_id=owner, title="call", origin="test",
                         status=status or ("done" if done else "open"), due_at=due,
                         tz="Asia/Shanghai", done_at=done, created_at=LONG_AGO,
                         updated_at=LONG_AGO))


def move(uow: UnitOfWork, ws: str, cid: int, axis: str, old: str | None, new: str,
         at: datetime) -> None:
    uow.classifications.add(ClassificationChange(
        workspace_id=ws, customer_id=cid, axis=axis, old=old, new=new, actor=REP, at=at,
        source="command"))


def complaint(uow: UnitOfWork, ws: str, number: int, owner: str, raised: datetime,
              ack_minutes: float | None, resolve_hours: float | None) -> None:
    uow.session.add(Complaint(
        workspace_id=ws, number=number, source="command", source_key=f"c{number}",
        team="East", customer_name="Acme", raised_by=owner, raw_text="late", category="service",
        priority="medium", status="resolved" if resolve_hours else "acknowledged",
        owner_id=owner, tz="Asia/Shanghai", created_at=raised, updated_at=raised,
        acknowledged_at=raised + timedelta(minutes=ack_minutes) if ack_minutes else None,
        resolved_at=raised + timedelta(hours=resolve_hours) if resolve_hours else None))


def revisit(uow: UnitOfWork, ws: str, cid: int, day: date, outcome: str | None = None,
            score: int | None = None, reason: str | None = None) -> None:
    plan = RevisitPlan(workspace_id=ws, customer_id=cid, kind="after_purchase",
                       event_key=f"p{cid}:{day}", event_at=LONG_AGO, source="stage",
                       created_by=REP, created_at=LONG_AGO)
    done = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + H if outcome else None
    uow.revisits.start_plan(plan, [Revisit(
        workspace_id=ws, customer_id=cid, step="3d", position=0, due_day=day,
        status="done" if outcome else "open", tries=1, outcome=outcome, score=score,
        reason=reason, done_at=done, created_at=LONG_AGO, updated_at=LONG_AGO)])


def seed_week(uow: UnitOfWork, ws: str) -> dict[str, int]:
    """REP: 3 tasks due this week (1 on time, 1 late, 1 open), 2 last week (both on time);
    an A deal for 9 days and one made A this week; a win, a qualified loss; 2 revisits
    (one reached, 2/5 for "delivery"); a claim. REP2: a complaint, a return unworked."""
    ids = {
        "old_a": customer(uow, ws, "Old A", REP, "negotiating", "A"),
        "new_a": customer(uow, ws, "New A", REP, None, "A"),
        "won": customer(uow, ws, "Winner", REP, "won"),
        "lost": customer(uow, ws, "Loser", REP, "lost"),
        "calm": customer(uow, ws, "Calm", REP2, "inquiry"),
    }
    move(uow, ws, ids["old_a"], "likelihood", "B", "A", NOW - timedelta(days=9))
    move(uow, ws, ids["new_a"], "likelihood", None, "A", NOW - 2 * H)
    move(uow, ws, ids["won"], "stage", "negotiating", "won", NOW - 3 * H)
    move(uow, ws, ids["lost"], "stage", "qualified", "lost", NOW - 4 * H)
    uow.session.add(LossRecord(workspace_id=ws, customer_id=ids["lost"], reason="price",
                               source="move", actor=REP, at=NOW - 4 * H))
    due = NOW - 10 * H
    task(uow, ws, REP, due, due + timedelta(minutes=20))
    task(uow, ws, REP, due, due + 5 * H)
    task(uow, ws, REP, due, None)
    task(uow, ws, REP, due, None, status="cancelled")
    task(uow, ws, REP, LAST_WEEK, LAST_WEEK)
    task(uow, ws, REP, LAST_WEEK - H, LAST_WEEK - H)
    revisit(uow, ws, ids["won"], date(2026, 11, 23), "reached", 2, "delivery")
    revisit(uow, ws, ids["won"], date(2026, 11, 24))
    complaint(uow, ws, 1, REP2, NOW - 30 * H, 15, 6)
    for kind, to, frm, unworked in (("claim", REP, None, None), ("return", None, REP2, True)):
        uow.session.add(OwnershipEvent(workspace_id=ws, customer_id=ids["calm"], kind=kind,
                                       to_user=to, from_user=frm, actor=REP, at=NOW - 5 * H,
                                       unworked=unworked))
    return ids
