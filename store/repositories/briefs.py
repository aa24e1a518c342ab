"""What the brief before a contact reads, for a batch of customers at once: a fixed number
of queries whatever the batch's size (the reminders a sender claims together). They never
commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.aftersale_models import Revisit
from store.models import Complaint, Customer, FollowUp, Notification, Task
from store.repositories.follow_ups import contact_time
from store.repositories.revisits import OPEN_STATUSES

RECENT_LOGS = 5  # the logs looked at for the last objection, per customer


class Briefs:
    def __init__(self, session: Session) -> None:
        self.s = session

    def tasks_of_notes(self, note_ids: Sequence[int]) -> dict[int, Task]:
        """The task each of these notifications is about, by notification id."""
        if not note_ids:
            return {}
        rows = self.s.execute(select(Notification.id, Task).join(
            Task, Task.id == Notification.task_id).where(Notification.id.in_(note_ids)))
        return {note_id: task for note_id, task in rows}

    def customers(self, customer_ids: Sequence[int]) -> dict[int, Customer]:
        if not customer_ids:
            return {}
        return {c.id: c for c in self.s.scalars(
            select(Customer).where(Customer.id.in_(customer_ids)))}

    def recent_logs(self, customer_ids: Sequence[int], per_customer: int = RECENT_LOGS
                    ) -> dict[int, list[tuple[datetime, str, str]]]:
        """Each customer's newest recorded logs, newest first: (when, summary, raw text)."""
        if not customer_ids:
            return {}
        at = contact_time().label("at")
        ranked = (select(FollowUp.customer_id, at, FollowUp.summary, FollowUp.raw_text,
                         func.row_number().over(
                             partition_by=FollowUp.customer_id,
                             order_by=(contact_time().desc(), FollowUp.id.desc())).label("n"))
                  .where(FollowUp.customer_id.in_(customer_ids),
                         FollowUp.status == "recorded").subquery())
        rows = self.s.execute(select(ranked.c.customer_id, ranked.c.at, ranked.c.summary,
                                     ranked.c.raw_text).where(ranked.c.n <= per_customer)
                              .order_by(ranked.c.customer_id, ranked.c.n))
        out: dict[int, list[tuple[datetime, str, str]]] = {}
        for customer_id, when, summary, raw in rows:
            out.setdefault(customer_id, []).append((when, summary or "", raw or ""))
        return out

    def open_complaints(self, customer_ids: Sequence[int]) -> dict[int, list[Complaint]]:
        """Each customer's complaints not yet resolved, newest first."""
        if not customer_ids:
            return {}
        out: dict[int, list[Complaint]] = {}
        for c in self.s.scalars(select(Complaint).where(
                Complaint.customer_id.in_(customer_ids), Complaint.status != "resolved")
                .order_by(Complaint.created_at.desc(), Complaint.id.desc())):
            if c.customer_id is not None:
                out.setdefault(c.customer_id, []).append(c)
        return out

    def next_revisits(self, customer_ids: Sequence[int]) -> dict[int, Revisit]:
        """Each customer's next revisit still to be made (Revisits.next_for_customer, for a
        batch)."""
        if not customer_ids:
            return {}
        ranked = (select(Revisit.id, func.row_number().over(
            partition_by=Revisit.customer_id,
            order_by=(Revisit.due_day, Revisit.id)).label("n"))
            .where(Revisit.customer_id.in_(customer_ids),
                   Revisit.status.in_(OPEN_STATUSES)).subquery())
        rows = self.s.scalars(select(Revisit).join(ranked, ranked.c.id == Revisit.id)
                              .where(ranked.c.n == 1))
        return {r.customer_id: r for r in rows}
