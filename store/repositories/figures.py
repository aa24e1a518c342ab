"""The rows the team figures are counted from (docs/figures.md), as plain facts: every read
is bounded by the team's people and the period, so it grows with the team's data, not the
database's. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from bot.domain.figures import ComplaintFact, DealHistory, MoveFact, OwnedFact, TaskFact
from bot.domain.pool_figures import CLAIM, REASSIGN, RETURN, OwnershipFact
from bot.domain.review import CLOSED_STAGES, NO_STAGE
from bot.domain.revisit_figures import RevisitFact
from bot.domain.revisit_outcomes import REACHED
from store.aftersale_models import LossRecord, Revisit
from store.models import ClassificationChange, Complaint, Customer, Task
from store.pool_models import OwnershipEvent
from store.repositories.customers import open_deal


class FigureRows:
    def __init__(self, session: Session) -> None:
        self.s = session

    def tasks_due(self, workspace_id: str, owners: Sequence[str], start: datetime,
                  end: datetime) -> list[TaskFact]:
        """The people's tasks due in [start, end), not cancelled."""
        rows = self.s.execute(select(Task.owner_id, Task.due_at, Task.done_at).where(
            Task.workspace_id == workspace_id, Task.owner_id.in_(owners),
            Task.due_at >= start, Task.due_at < end, Task.status != "cancelled"))
        return [TaskFact(owner, due, done) for owner, due, done in rows if due is not None]

    def moves(self, workspace_id: str, owners: Sequence[str], start: datetime,
              end: datetime) -> list[MoveFact]:
        """Stage and likelihood moves in [start, end) of customers the people own now, with
        when each customer's file was made."""
        rows = self.s.execute(
            select(Customer.owner_id, ClassificationChange.customer_id,
                   ClassificationChange.axis, ClassificationChange.old,
                   ClassificationChange.new, ClassificationChange.at, Customer.created_at)
            .join(Customer, Customer.id == ClassificationChange.customer_id)
            .where(Customer.workspace_id == workspace_id, Customer.owner_id.in_(owners),
                   ClassificationChange.axis.in_(("stage", "likelihood")),
                   ClassificationChange.at >= start, ClassificationChange.at < end))
        return [MoveFact(*row) for row in rows]

    def owned_at(self, workspace_id: str, owners: Sequence[str], starts: Sequence[datetime]
                 ) -> list[OwnedFact]:
        """How many customers each person owned at each start: those they own now whose file
        was made before it, less those lost then and still lost (last moved to lost before
        it). Counted here, one row per person, not read customer by customer."""
        if not starts:
            return []
        change = ClassificationChange
        last_lost = (select(func.max(change.at))
                     .where(change.customer_id == Customer.id, change.axis == "stage",
                            change.new == "lost").scalar_subquery())
        rows = (select(Customer.owner_id.label("owner"), Customer.created_at.label("made"),
                       case((Customer.stage == "lost", last_lost)).label("lost_at"))
                .where(Customer.workspace_id == workspace_id, Customer.owner_id.in_(owners))
                .subquery())
        counts = [func.sum(case((rows.c.made >= start, 0), (rows.c.lost_at < start, 0),
                                else_=1)) for start in starts]
        found = self.s.execute(select(rows.c.owner, *counts).group_by(rows.c.owner))
        return [OwnedFact(owner, start, int(n or 0))
                for owner, *ns in found for start, n in zip(starts, ns, strict=True)]

    def deal_histories(self, workspace_id: str, owners: Sequence[str], since: datetime
                       ) -> list[DealHistory]:
        """The people's customers that are A deals now or were moved from A after `since`,
        each with all its stage and likelihood moves (to replay what it was then), in one
        statement."""
        change = ClassificationChange
        left_a = select(change.customer_id).where(
            change.workspace_id == workspace_id, change.axis == "likelihood",
            change.old == "A", change.at > since)
        rows = self.s.execute(
            select(Customer.id, Customer.owner_id, Customer.created_at, Customer.stage,
                   Customer.likelihood, change.axis, change.old, change.new, change.at)
            .outerjoin(change, (change.customer_id == Customer.id)
                       & change.axis.in_(("stage", "likelihood")))
            .where(Customer.workspace_id == workspace_id, Customer.owner_id.in_(owners),
                   or_(Customer.likelihood == "A", Customer.id.in_(left_a))))
        found: dict[int, tuple[str, datetime, str | None, str | None]] = {}
        moves: dict[int, list[tuple[str, str | None, str | None, datetime]]] = {}
        for cid, owner, made, stage, likelihood, axis, old, new, at in rows:
            found[cid] = (owner, made, stage, likelihood)
            if axis is not None and at is not None:
                moves.setdefault(cid, []).append((axis, old, new, at))
        return [DealHistory(owner, made, stage, likelihood, tuple(moves.get(cid, ())))
                for cid, (owner, made, stage, likelihood) in found.items()]

    def pipeline(self, workspace_id: str, owners: Sequence[str]
                 ) -> list[tuple[str, str | None, int]]:
        """The people's open deals counted by stage (NO_STAGE for none) and likelihood."""
        rows = self.s.execute(
            select(Customer.stage, Customer.likelihood, func.count())
            .where(Customer.workspace_id == workspace_id, Customer.owner_id.in_(owners),
                   open_deal(CLOSED_STAGES))
            .group_by(Customer.stage, Customer.likelihood))
        return [(stage or NO_STAGE, likelihood, int(n)) for stage, likelihood, n in rows]

    def revisits_due(self, workspace_id: str, owners: Sequence[str], first: date, last: date,
                     zone: ZoneInfo) -> list[RevisitFact]:
        """Revisits due from `first` to `last` (local days) that the people make: those they
        hold, and those not yet out on customers they own."""
        owner = func.coalesce(Revisit.owner_id, Customer.owner_id)
        rows = self.s.execute(
            select(owner, Revisit.due_day, Revisit.done_at, Revisit.outcome, Revisit.score,
                   Revisit.reason)
            .join(Customer, Customer.id == Revisit.customer_id)
            .where(Revisit.workspace_id == workspace_id, Revisit.due_day >= first,
                   Revisit.due_day <= last, Revisit.status != "cancelled",
                   or_(Revisit.owner_id.in_(owners),
                       Revisit.owner_id.is_(None) & Customer.owner_id.in_(owners))))
        return [RevisitFact(owner=who, due_day=due,
                            done_day=done.astimezone(zone).date() if done else None,
                            reached=outcome == REACHED, score=score, reason=reason)
                for who, due, done, outcome, score, reason in rows]

    def loss_reasons(self, workspace_id: str, owners: Sequence[str], start: datetime,
                     end: datetime) -> list[tuple[str, str, datetime]]:
        """(owner, reason, when) of losses recorded in [start, end) on the people's customers."""
        rows = self.s.execute(
            select(Customer.owner_id, LossRecord.reason, LossRecord.at)
            .join(Customer, Customer.id == LossRecord.customer_id)
            .where(LossRecord.workspace_id == workspace_id, Customer.owner_id.in_(owners),
                   LossRecord.at >= start, LossRecord.at < end))
        return [(o, r, at) for o, r, at in rows]

    def complaints(self, workspace_id: str, team: str, start: datetime,
                   end: datetime) -> list[ComplaintFact]:
        """The team's complaints raised in [start, end)."""
        rows = self.s.execute(
            select(Complaint.owner_id, Complaint.created_at, Complaint.acknowledged_at,
                   Complaint.resolved_at)
            .where(Complaint.workspace_id == workspace_id, Complaint.team == team,
                   Complaint.created_at >= start, Complaint.created_at < end))
        return [ComplaintFact(*row) for row in rows]

    def ownership(self, workspace_id: str, people: Sequence[str], start: datetime,
                  end: datetime) -> list[OwnershipFact]:
        """Claims, returns and reassignments in [start, end) to or from the people."""
        rows = self.s.execute(
            select(OwnershipEvent.kind, OwnershipEvent.at, OwnershipEvent.to_user,
                   OwnershipEvent.from_user, OwnershipEvent.unworked)
            .where(OwnershipEvent.workspace_id == workspace_id,
                   OwnershipEvent.kind.in_((CLAIM, RETURN, REASSIGN)),
                   OwnershipEvent.at >= start, OwnershipEvent.at < end,
                   or_(OwnershipEvent.to_user.in_(people),
                       OwnershipEvent.from_user.in_(people))))
        return [OwnershipFact(kind, at, to, frm, bool(unworked))
                for kind, at, to, frm, unworked in rows]
