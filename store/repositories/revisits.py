"""Revisit plans, revisits and every answer given to them. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.aftersale_models import Revisit, RevisitAnswer, RevisitPlan
from store.models import Customer

OPEN_STATUSES = ("planned", "open")


def add_once(session: Session, row: object) -> bool:
    """Insert a row carrying a unique key; False when the key exists (this bot's earlier run,
    or another copy at the same moment: the constraint decides, not a look beforehand)."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


class Revisits:
    def __init__(self, session: Session) -> None:
        self.s = session

    def last_plan_at(self, customer_id: int, kind: str) -> datetime | None:
        """When the customer's newest plan of this kind was started (None: never)."""
        return self.s.scalar(select(func.max(RevisitPlan.event_at)).where(
            RevisitPlan.customer_id == customer_id, RevisitPlan.kind == kind))

    def plan_by_key(self, workspace_id: str, event_key: str) -> RevisitPlan | None:
        return self.s.scalar(select(RevisitPlan).where(
            RevisitPlan.workspace_id == workspace_id, RevisitPlan.event_key == event_key))

    def plan_of(self, revisit: Revisit) -> RevisitPlan | None:
        return self.s.get(RevisitPlan, revisit.plan_id)

    def plans_by_ids(self, plan_ids: Sequence[int]) -> dict[int, RevisitPlan]:
        """These plans by id, in one statement (a sweep's batch)."""
        if not plan_ids:
            return {}
        return {p.id: p for p in self.s.scalars(select(RevisitPlan).where(
            RevisitPlan.id.in_(set(plan_ids))))}

    def start_plan(self, plan: RevisitPlan, revisits: Sequence[Revisit]) -> RevisitPlan | None:
        """Store a plan and its revisits; None when a plan with its key exists already."""
        if self.plan_by_key(plan.workspace_id, plan.event_key) is not None:
            return None
        try:
            with self.s.begin_nested():
                self.s.add(plan)
                self.s.flush()
                for revisit in revisits:
                    revisit.plan_id = plan.id
                    self.s.add(revisit)
        except IntegrityError:
            return None
        return plan

    def plans_of_log(self, follow_up_id: int) -> Sequence[RevisitPlan]:
        """The plans a log started (its move to won, the service visit it told of)."""
        return self.s.scalars(select(RevisitPlan).where(
            RevisitPlan.follow_up_id == follow_up_id).order_by(RevisitPlan.id)).all()

    def remove_plan(self, plan: RevisitPlan) -> None:
        """Delete a plan and its revisits (none of which was ever called): its event was
        taken back, and a later one must be free to start a plan of its own."""
        for revisit in self.of_plan(plan.id):
            self.s.delete(revisit)
        self.s.flush()
        self.s.delete(plan)
        self.s.flush()

    def of_plan(self, plan_id: int) -> Sequence[Revisit]:
        return self.s.scalars(select(Revisit).where(Revisit.plan_id == plan_id)
                              .order_by(Revisit.position)).all()

    def get(self, workspace_id: str, revisit_id: int) -> Revisit | None:
        found = self.s.get(Revisit, revisit_id)
        return found if found is not None and found.workspace_id == workspace_id else None

    def for_task(self, task_id: int) -> Revisit | None:
        """The revisit whose current try this task is."""
        return self.s.scalar(select(Revisit).where(Revisit.task_id == task_id))

    def task_due(self, now: datetime, limit: int = 200) -> Sequence[Revisit]:
        """Revisits whose next try's task is due by `now` (the sweep; FOR UPDATE SKIP LOCKED
        on PostgreSQL so two copies of the bot take different rows)."""
        return self.s.scalars(
            select(Revisit).where(Revisit.task_due_at.is_not(None), Revisit.task_due_at <= now)
            .order_by(Revisit.task_due_at).limit(limit).with_for_update(skip_locked=True)).all()

    def mark_out(self, made: Sequence[tuple[Revisit, int | None, str]], now: datetime) -> None:
        """Each revisit's try is out, with its task and owner (the sweep's batch): one UPDATE
        for the lot, whichever of their columns change (the unit of work's flush would send
        one per run of rows that change the same ones)."""
        if not made:
            return
        self.s.execute(update(Revisit), [
            {"id": r.id, "status": "open", "owner_id": owner, "task_id": task_id,
             "tries": r.tries + 1, "task_due_at": None, "updated_at": now}
            for r, task_id, owner in made])
        for revisit, _, _ in made:  # read again if asked
            self.s.expire(revisit)

    def open_for(self, workspace_id: str, user: str, unassigned: bool, limit: int = 50
                 ) -> Sequence[Revisit]:
        """The revisits still to be made by `user`: those whose task they hold, and those not
        yet out on customers they own (all not yet out when `unassigned`: the service person
        configured to make every revisit); soonest first."""
        mine = Revisit.owner_id == user
        waiting = Revisit.owner_id.is_(None) & (
            true() if unassigned else Revisit.customer_id.in_(
                select(Customer.id).where(Customer.workspace_id == workspace_id,
                                          Customer.owner_id == user)))
        return self.s.scalars(select(Revisit).where(
            Revisit.workspace_id == workspace_id, Revisit.status.in_(OPEN_STATUSES),
            mine | waiting).order_by(Revisit.due_day, Revisit.id).limit(limit)).all()

    def out_for_customer(self, customer_id: int) -> Revisit | None:
        """The customer's revisit whose task is out now (the soonest, if several)."""
        return self.s.scalar(select(Revisit).where(
            Revisit.customer_id == customer_id, Revisit.status == "open")
            .order_by(Revisit.due_day, Revisit.id).limit(1))

    def next_for_customer(self, customer_id: int) -> Revisit | None:
        """The customer's next revisit still to be made (the brief before a contact)."""
        return self.s.scalar(select(Revisit).where(
            Revisit.customer_id == customer_id, Revisit.status.in_(OPEN_STATUSES))
            .order_by(Revisit.due_day, Revisit.id).limit(1))

    def latest_scores(self, customer_ids: Sequence[int]) -> dict[int, Revisit]:
        """Each customer's newest scored revisit (a score of 1-3 flags the customer)."""
        if not customer_ids:
            return {}
        newest = (select(Revisit.customer_id, func.max(Revisit.answered_at).label("at"))
                  .where(Revisit.customer_id.in_(customer_ids), Revisit.score.is_not(None))
                  .group_by(Revisit.customer_id).subquery())
        rows = self.s.scalars(select(Revisit).join(
            newest, (Revisit.customer_id == newest.c.customer_id)
            & (Revisit.answered_at == newest.c.at)).where(Revisit.score.is_not(None)))
        return {r.customer_id: r for r in rows}

    def due_between(self, workspace_id: str, first: date, last: date) -> Sequence[Revisit]:
        """A workspace's revisits due from `first` to `last` (the figures' period)."""
        return self.s.scalars(select(Revisit).where(
            Revisit.workspace_id == workspace_id, Revisit.due_day >= first,
            Revisit.due_day <= last, Revisit.status != "cancelled")
            .order_by(Revisit.due_day, Revisit.id)).all()

    def cancel_open(self, customer_id: int, now: datetime) -> Sequence[Revisit]:
        """Cancel a customer's revisits not yet made (the customer was lost or merged); the
        revisits cancelled, as they stood (their status is what `cancelled_at` restores)."""
        rows = self.s.scalars(select(Revisit).where(
            Revisit.customer_id == customer_id, Revisit.status.in_(OPEN_STATUSES))).all()
        for r in rows:
            r.status, r.task_due_at, r.updated_at = "cancelled", None, now
        return rows

    def cancelled_at(self, customer_id: int, at: datetime) -> Sequence[Revisit]:
        """A customer's revisits cancelled at exactly `at` and untouched since (what a move
        to lost at that moment cancelled: its Undo brings them back)."""
        return self.s.scalars(select(Revisit).where(
            Revisit.customer_id == customer_id, Revisit.status == "cancelled",
            Revisit.updated_at == at).order_by(Revisit.due_day, Revisit.id)).all()

    def planned_by(self, customer_id: int, last_day: date) -> Revisit | None:
        """The customer's soonest revisit not yet out whose day is no later than `last_day`
        (a call told in words before its task was made)."""
        return self.s.scalar(select(Revisit).where(
            Revisit.customer_id == customer_id, Revisit.status == "planned",
            Revisit.due_day <= last_day).order_by(Revisit.due_day, Revisit.id).limit(1))

    def record_answer(self, answer: RevisitAnswer) -> bool:
        """Keep an answer as given; False when its Slack request or log was recorded already."""
        return add_once(self.s, answer)

    def answers(self, revisit_id: int) -> Sequence[RevisitAnswer]:
        """Every answer given to the revisit, oldest first."""
        return self.s.scalars(select(RevisitAnswer).where(RevisitAnswer.revisit_id == revisit_id)
                              .order_by(RevisitAnswer.at, RevisitAnswer.id)).all()
