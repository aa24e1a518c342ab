"""Complaints, their clocks and events, duty overrides and anchors. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import Complaint, ComplaintClock, ComplaintEvent, DutyAnchor, DutyOverride
from store.repositories.claims import claim_leased

# The first key of PostgreSQL's two-key advisory lock that numbers a workspace's complaints.
_NUMBERING_LOCK = 7001


class Complaints:
    def __init__(self, session: Session) -> None:
        self.s = session

    def by_source(self, workspace_id: str, source_key: str) -> Complaint | None:
        """The complaint already raised from this Slack request or message, if any."""
        return self.s.scalar(select(Complaint).where(
            Complaint.workspace_id == workspace_id, Complaint.source_key == source_key))

    def add_numbered(self, complaint: Complaint, attempts: int = 5) -> Complaint | None:
        """Store the complaint with the workspace's next number; None when the same source
        was raised already. Two raises at once cannot share a number: the loser of the
        unique (workspace, number) race takes the next one."""
        if self.s.get_bind().dialect.name == "postgresql":
            # Raises in one workspace take their numbers one at a time (until commit): with
            # only the unique-index race, the 16th of 16 simultaneous raises lost 15 times.
            self.s.execute(select(func.pg_advisory_xact_lock(
                _NUMBERING_LOCK, func.hashtext(complaint.workspace_id))))
        for _ in range(attempts):
            if self.by_source(complaint.workspace_id, complaint.source_key) is not None:
                return None
            top = self.s.scalar(select(func.max(Complaint.number)).where(
                Complaint.workspace_id == complaint.workspace_id))
            complaint.number = (top or 0) + 1
            try:
                with self.s.begin_nested():
                    self.s.add(complaint)
                return complaint
            except IntegrityError:
                self.s.expunge(complaint) if complaint in self.s else None
        raise RuntimeError("could not number the complaint: too many raised at once")

    def get(self, workspace_id: str, complaint_id: int) -> Complaint | None:
        return self.s.scalar(select(Complaint).where(
            Complaint.workspace_id == workspace_id, Complaint.id == complaint_id))

    def by_number(self, workspace_id: str, number: int) -> Complaint | None:
        return self.s.scalar(select(Complaint).where(
            Complaint.workspace_id == workspace_id, Complaint.number == number))

    def open_for_team(self, workspace_id: str | None,
                      team: str | None) -> Sequence[Complaint]:
        """Open (not resolved) complaints of a team, oldest first (None: any workspace, as
        the nightly review reads a team by its members)."""
        stmt = select(Complaint).where(Complaint.team == team, Complaint.status != "resolved")
        if workspace_id is not None:
            stmt = stmt.where(Complaint.workspace_id == workspace_id)
        return self.s.scalars(stmt.order_by(Complaint.created_at)).all()

    def open_for_customer(self, workspace_id: str, customer_id: int) -> Sequence[Complaint]:
        return self.s.scalars(select(Complaint).where(
            Complaint.workspace_id == workspace_id, Complaint.customer_id == customer_id,
            Complaint.status != "resolved")).all()

    def for_customer(self, workspace_id: str, customer_id: int,
                     limit: int = 10) -> Sequence[Complaint]:
        """A customer's complaints, open first, newest first."""
        return self.s.scalars(select(Complaint).where(
            Complaint.workspace_id == workspace_id, Complaint.customer_id == customer_id)
            .order_by((Complaint.status == "resolved"), Complaint.created_at.desc())
            .limit(limit)).all()

    def raised_since(self, workspace_id: str | None, team: str | None,
                     since: datetime) -> Sequence[Complaint]:
        """Complaints of a team raised since `since` (the figures' window)."""
        stmt = select(Complaint).where(Complaint.team == team, Complaint.created_at >= since)
        if workspace_id is not None:
            stmt = stmt.where(Complaint.workspace_id == workspace_id)
        return self.s.scalars(stmt).all()

    def add_event(self, event: ComplaintEvent) -> None:
        self.s.add(event)

    def events(self, complaint_ids: Sequence[int], kinds: Sequence[str] | None = None
               ) -> Sequence[ComplaintEvent]:
        if not complaint_ids:
            return []
        stmt = select(ComplaintEvent).where(ComplaintEvent.complaint_id.in_(complaint_ids))
        if kinds is not None:
            stmt = stmt.where(ComplaintEvent.kind.in_(kinds))
        return self.s.scalars(stmt.order_by(ComplaintEvent.at, ComplaintEvent.id)).all()


class ComplaintClocks:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, clock: ComplaintClock) -> bool:
        """Start a clock; False when that clock (complaint, kind, round) exists already."""
        exists = self.s.scalar(select(ComplaintClock.id).where(
            ComplaintClock.complaint_id == clock.complaint_id, ComplaintClock.kind == clock.kind,
            ComplaintClock.round == clock.round))
        if exists is not None:
            return False
        try:
            with self.s.begin_nested():
                self.s.add(clock)
        except IntegrityError:
            return False
        return True

    def claim_due(self, now: datetime, lease: timedelta, limit: int) -> Sequence[ComplaintClock]:
        """Lease up to `limit` due clocks to this transaction. The caller fires them and
        commits in the same transaction: on PostgreSQL the claimed rows stay locked (and are
        skipped by other copies) until then, on SQLite the write lock is held."""
        ids = claim_leased(self.s, ComplaintClock, ComplaintClock.due_at, now, lease, limit,
                           ComplaintClock.status == "pending", ComplaintClock.due_at <= now)
        if not ids:
            return []
        return self.s.scalars(select(ComplaintClock).where(ComplaintClock.id.in_(ids))
                              .order_by(ComplaintClock.due_at, ComplaintClock.id)).all()

    def cancel(self, complaint_id: int, kinds: Sequence[str]) -> int:
        """Stop the complaint's pending clocks of these kinds."""
        result = self.s.execute(update(ComplaintClock).where(
            ComplaintClock.complaint_id == complaint_id, ComplaintClock.status == "pending",
            ComplaintClock.kind.in_(kinds)).values(status="cancelled")
            .execution_options(synchronize_session=False))
        return int(getattr(result, "rowcount", 0) or 0)

    def of_round(self, complaint_id: int, kinds: Sequence[str],
                 round_: int) -> Sequence[ComplaintClock]:
        return self.s.scalars(select(ComplaintClock).where(
            ComplaintClock.complaint_id == complaint_id, ComplaintClock.kind.in_(kinds),
            ComplaintClock.round == round_)).all()

    def pending(self, complaint_id: int) -> Sequence[ComplaintClock]:
        return self.s.scalars(select(ComplaintClock).where(
            ComplaintClock.complaint_id == complaint_id, ComplaintClock.status == "pending")
            .order_by(ComplaintClock.due_at)).all()


class Duty:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add_override(self, override: DutyOverride) -> None:
        self.s.add(override)

    def overrides(self, workspace_id: str, team: str, after: datetime) -> Sequence[DutyOverride]:
        """The team's overrides still in force or to come after `after`."""
        return self.s.scalars(select(DutyOverride).where(
            DutyOverride.workspace_id == workspace_id, DutyOverride.team == team,
            DutyOverride.end > after).order_by(DutyOverride.start)).all()

    def recorded_anchor(self, workspace_id: str, team: str) -> date | None:
        """The recorded first day of the team's rotation, if one was recorded (a read)."""
        found = self.s.get(DutyAnchor, (workspace_id, team))
        return None if found is None else found.started_on

    def anchor(self, workspace_id: str, team: str, day: date) -> date:
        """The recorded first day of the team's rotation, recording `day` if there is none."""
        recorded = self.recorded_anchor(workspace_id, team)
        if recorded is not None:
            return recorded
        try:
            with self.s.begin_nested():
                self.s.add(DutyAnchor(workspace_id=workspace_id, team=team, started_on=day))
        except IntegrityError:
            found = self.s.get(DutyAnchor, (workspace_id, team))
            assert found is not None
            return found.started_on
        return day
