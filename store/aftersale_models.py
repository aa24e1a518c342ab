"""Tables of the after-sale work (docs/revisits.md): revisit plans, their revisits and every
answer given, customers' care dates, loss reasons and "lost?" proposals. Times are UTC.

Their own module: store/models.py is long enough already; it imports this one at its end so
the metadata (and the migrations) always hold these tables.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from store.models import Base


class RevisitPlan(Base):
    """A plan one event started (a purchase, a service visit): its key makes it once per
    event, whatever number of bots sweep it (bot/domain/revisit_plans.plan_key)."""

    __tablename__ = "revisit_plans"
    __table_args__ = (
        UniqueConstraint("workspace_id", "event_key", name="uq_revisit_plans_event_key"),
        # "The customer's last plan of this kind" decides whether a won flip starts another.
        Index("ix_revisit_plans_customer", "customer_id", "kind", "event_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(16))  # after_purchase | service
    event_key: Mapped[str] = mapped_column(String(120))
    event_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(16))  # stage | log | command
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id"))
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]


class Revisit(Base):
    """One revisit of a plan (its step, "3d"): its working day, its current try and task, and
    the answer that stands (every answer given is a RevisitAnswer)."""

    __tablename__ = "revisits"
    __table_args__ = (
        UniqueConstraint("plan_id", "step", name="uq_revisits_plan_step"),
        # The sweep's predicate: revisits whose next task is due (nothing else is read).
        Index("ix_revisits_task_due", "task_due_at",
              sqlite_where=text("task_due_at IS NOT NULL"),
              postgresql_where=text("task_due_at IS NOT NULL")),
        # A customer's next revisit and latest score (the card, the brief before a contact).
        Index("ix_revisits_customer", "customer_id", "status", "due_day"),
        # The figures read a workspace's revisits due in a period.
        Index("ix_revisits_due_day", "workspace_id", "due_day"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    plan_id: Mapped[int] = mapped_column(ForeignKey("revisit_plans.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    step: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    due_day: Mapped[date]  # the team's working day it is due (figures: "done on time")
    # planned (no task yet) | open (a try's task is out) | reached | unreached | cancelled
    status: Mapped[str] = mapped_column(String(16))
    task_due_at: Mapped[datetime | None]  # when the sweep makes the next try's task
    tries: Mapped[int] = mapped_column(Integer, default=0)  # tasks made so far
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))  # the current try's
    owner_id: Mapped[str | None] = mapped_column(String(32))  # set when its task is made
    outcome: Mapped[str | None] = mapped_column(String(16))
    score: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(40))
    reason_text: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]  # reached, or out of tries
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class RevisitAnswer(Base):
    """Every answer given to a revisit, as given: nothing a rep clicked or typed is lost.

    `source_key` is the Slack request or log it came from: a retried delivery or a second
    click records it once; a correction is a new row."""

    __tablename__ = "revisit_answers"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source_key", name="uq_revisit_answers_source"),
        Index("ix_revisit_answers_revisit", "revisit_id", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    revisit_id: Mapped[int] = mapped_column(ForeignKey("revisits.id"))
    source_key: Mapped[str] = mapped_column(String(200))
    try_no: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    score: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id"))  # a log's
    actor: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]


class CustomerCareDate(Base):
    """A customer's key date (birthday, anniversary, renewal, named): month and day, a year
    when it matters. `check_at` is when the sweep next looks at it (bot/domain/care_dates
    .next_check, at the team's local midnight), so the sweep searches instead of scanning."""

    __tablename__ = "care_dates"
    __table_args__ = (
        # One date per kind and label (a birthday per contact person): a second entry edits it.
        UniqueConstraint("customer_id", "kind", "label", name="uq_care_dates_kind_label"),
        Index("ix_care_dates_check", "check_at",
              sqlite_where=text("check_at IS NOT NULL"),
              postgresql_where=text("check_at IS NOT NULL")),
        # The tick's pruning of what corrected dates replaced (bot/services/care/pruning.py)
        # reads only the rows that still keep some, untouched for a while.
        Index("ix_care_dates_replaced", "updated_at",
              sqlite_where=text("replaced IS NOT NULL"),
              postgresql_where=text("replaced IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(100), default="", server_default="")
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))  # form | import | log
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id"))
    # What it was before each correction, oldest first ({month, day, year, source,
    # follow_up_id}): an Undo of the log that gave the current value restores the last one.
    # None is SQL NULL (not JSON null), so the pruning's partial index leaves the row out.
    replaced: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True))
    check_at: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class LossRecord(Base):
    """Why a customer was lost: the reason and the rep's words, who and when, and what it
    answers (the move to lost, or the win-back task) - each answered once."""

    __tablename__ = "loss_reasons"
    __table_args__ = (
        UniqueConstraint("classification_change_id", name="uq_loss_reasons_move"),
        UniqueConstraint("task_id", name="uq_loss_reasons_task"),
        Index("ix_loss_reasons_at", "workspace_id", "at"),
        Index("ix_loss_reasons_customer", "customer_id", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    reason: Mapped[str] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # move | win_back | proposal
    classification_change_id: Mapped[int | None] = mapped_column(
        ForeignKey("classification_changes.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    actor: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]


class LossProposal(Base):
    """A quiet customer proposed as lost to its owner, once per quiet spell (its key), and
    the answer: lost, or still active (which starts a new spell)."""

    __tablename__ = "loss_proposals"
    __table_args__ = (
        UniqueConstraint("workspace_id", "key", name="uq_loss_proposals_key"),
        Index("ix_loss_proposals_customer", "customer_id", "answered_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    key: Mapped[str] = mapped_column(String(120))
    owner_id: Mapped[str] = mapped_column(String(32))
    proposed_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(String(16))  # lost | active
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None]
