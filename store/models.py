"""Tables. Every row carries the Slack workspace (team id) it belongs to; times are UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from store.crypto import EncryptedText


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always hands back aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware UTC time")
        value = value.astimezone(UTC)
        # SQLite has no zone type: keep a naive UTC wall clock so comparisons sort right.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON}


class CustomerMatchKey(Base):
    """One key a customer is found by when a log is read (bot/domain/name_keys.py): its
    name's core, words, typo forms and initials (label null), or a contact person's name
    (label: the contact as written). Kept in step with the customer by store/match_index."""

    __tablename__ = "customer_match_keys"
    __table_args__ = (
        # A log's keys are probed here; the customer id rides along in the index.
        Index("ix_customer_match_keys_lookup", "workspace_id", "key", "customer_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(220))
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    label: Mapped[str | None] = mapped_column(String(200))


class Person(Base):
    """What the bot knows of a Slack user: their time zone and locale, cached from users.info,
    and the language they chose."""

    __tablename__ = "people"
    workspace_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tz: Mapped[str | None] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(200))
    tz_checked_at: Mapped[datetime | None]
    # Set with /settings: Slack's profile no longer overrides it.
    tz_set_by_user: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Slack's locale of the person's client ("zh-CN"), from users.info with include_locale.
    locale: Mapped[str | None] = mapped_column(String(16))
    # Set with /settings language: it wins over the Slack locale and the team's language.
    language: Mapped[str | None] = mapped_column(String(8))


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name_key"),
        # The nightly review reads a team's deals by owner: it must grow with the team only.
        Index("ix_customers_owner_stage", "owner_id", "stage"),
        # The cadence sweep's predicate: customers whose next look has come (docs/pipeline.md).
        Index("ix_customers_cadence_due", "cadence_due_at",
              sqlite_where=text("cadence_due_at IS NOT NULL"),
              postgresql_where=text("cadence_due_at IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    phone: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(200))
    # Sensitive identifiers are never shown in a channel and are stored encrypted.
    national_id: Mapped[str | None] = mapped_column(EncryptedText("customers.national_id"))
    # The customer file (docs/domain.md section 1). Nullable: files made from a log start
    # with a name only, and a file missing a required field is "incomplete", not invalid.
    kind: Mapped[str | None] = mapped_column(String(16))  # company | person
    industry: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[str | None] = mapped_column(String(100))  # staff or revenue band, as typed
    occupation: Mapped[str | None] = mapped_column(String(200))  # for a person
    contact_person: Mapped[str | None] = mapped_column(String(200))
    contact_title: Mapped[str | None] = mapped_column(String(200))
    needs: Mapped[str | None] = mapped_column(Text)
    source_channel: Mapped[str | None] = mapped_column(String(20))
    first_contact: Mapped[date | None]
    # The three classification axes (docs/domain.md section 2); values in
    # bot/domain/classification.py. Null until someone sets them.
    value_tier: Mapped[str | None] = mapped_column(String(8))
    stage: Mapped[str | None] = mapped_column(String(20))
    likelihood: Mapped[str | None] = mapped_column(String(8))
    # When the cadence sweep should next look at this customer (bot/domain/cadence.py); kept
    # up to date when it is logged on or moved, so the sweep searches instead of scanning.
    cadence_due_at: Mapped[datetime | None]


class CustomerTag(Base):
    """One free tag on a customer.

    A table rather than a JSON list on the customer: lists must be filtered by any
    combination of tags, and an indexed (workspace, tag_key) lookup does that the same way
    on SQLite and PostgreSQL, where JSON containment would need a query per dialect.
    """

    __tablename__ = "customer_tags"
    __table_args__ = (Index("ix_customer_tags_key", "workspace_id", "tag_key"),)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    tag_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    tag: Mapped[str] = mapped_column(String(100))


class Change(Base):
    """One field of a customer, task or log changed: who, when, from what to what."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_customer", "workspace_id", "customer_id", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    field: Mapped[str] = mapped_column(String(32))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)


class ClassificationChange(Base):
    """A customer moved on one axis (tier, stage, likelihood): who, when, from, to and how.

    Its own table rather than the `changes` audit rows (which record these fields too, for
    the customer's history): the nightly review asks "what moved in this workspace since
    yesterday", which the audit index (workspace, customer, at) cannot answer without a scan,
    and it needs what the audit trail does not keep: the source and the log that moved it.
    """

    __tablename__ = "classification_changes"
    __table_args__ = (Index("ix_classification_changes_since", "workspace_id", "at"),
                      Index("ix_classification_changes_customer", "customer_id", "at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    axis: Mapped[str] = mapped_column(String(16))  # tier | stage | likelihood
    old: Mapped[str | None] = mapped_column(String(20))
    new: Mapped[str | None] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(16))  # log | command | button | import
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id"))


class FollowUp(Base):
    """One logged contact. raw_text is whatever the rep typed, kept whatever was understood.

    A row is stored as "received" before Slack is answered, then read ("recorded",
    "needs_customer") by the background processor; so a crash loses no text.
    """

    __tablename__ = "follow_ups"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source_key"),
        # Last contact per customer, and a rep's logs of the day (the nightly review).
        Index("ix_follow_ups_customer", "customer_id", "status", "created_at"),
        Index("ix_follow_ups_author", "author_id", "created_at"),
        # A customer's newest contact in one probe, however long its history: the order is
        # when the contact happened (contact_time in store/repositories/follow_ups.py), and
        # reading each log looks it up two or three times.
        Index("ix_follow_ups_contact", "customer_id", "status",
              text("coalesce(happened_at, created_at)"), "id"),
        Index("ix_follow_ups_received", "created_at",
              sqlite_where=text("status = 'received'"),
              postgresql_where=text("status = 'received'")),
        # Whose logs still ask "which customer?", every tick, for reps in no team.
        Index("ix_follow_ups_waiting", "workspace_id", "author_id",
              sqlite_where=text("status = 'needs_customer'"),
              postgresql_where=text("status = 'needs_customer'")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))
    source_key: Mapped[str] = mapped_column(String(200))
    raw_text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    customer_guess: Mapped[str | None] = mapped_column(String(200))
    # The customer ids the bot offered for this log ("12,40"): a click may only pick one of
    # them; a log held for sharing offers the one customer it is held for.
    offered_customers: Mapped[str | None] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[datetime | None]
    due_precision: Mapped[str | None] = mapped_column(String(8))
    due_label: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    tz: Mapped[str | None] = mapped_column(String(64))
    reply_channel: Mapped[str | None] = mapped_column(String(32))
    reply_url: Mapped[str | None] = mapped_column(Text)
    # A reply in a review thread: the message's own ts (to react to) and the thread's.
    source_ts: Mapped[str | None] = mapped_column(String(32))
    reply_thread_ts: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the contact happened, if the log says ("yesterday afternoon"); else created_at.
    happened_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    @property
    def contact_at(self) -> datetime:
        """When the contact happened: the time the log names, else when it was logged."""
        return self.happened_at or self.created_at


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id"))
    step: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # promise no.
    title: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime | None]
    due_precision: Mapped[str | None] = mapped_column(String(8))
    tz: Mapped[str] = mapped_column(String(64))
    overdue_at: Mapped[datetime | None]
    overdue_since: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # "cadence:<customer>:<day>", "win_back:<customer>:<loss>", or a periodic row's
    # "senior:", "review:", "refresh:<customer>:<day>": one task per customer and
    # period, whatever number of bots sweep at once (the constraint, not a check, decides).
    cadence_key: Mapped[str | None] = mapped_column(String(120))

    __table_args__ = (
        UniqueConstraint("workspace_id", "cadence_key", name="uq_tasks_cadence_key"),
        # One task per promise of a log, however often the log is read or attached.
        UniqueConstraint("follow_up_id", "step", name="uq_tasks_follow_up_step"),
        Index("ix_tasks_owner_open", "workspace_id", "owner_id", "status"),
        # The review and the leads' digest ask by owner across the team, and by customer.
        Index("ix_tasks_owner_status_done", "owner_id", "status", "done_at"),
        Index("ix_tasks_customer_status", "customer_id", "status"),
        # The figures count a team's tasks due in a period: without it SQLite read every
        # task the owners ever had (a year: 2x slower for /stats month, bench/figures.py).
        Index("ix_tasks_owner_due", "workspace_id", "owner_id", "due_at"),
        # The overdue sweep's predicate: open tasks not yet marked overdue, by when they become so.
        Index("ix_tasks_overdue_sweep", "overdue_at",
              sqlite_where=text("status = 'open' AND overdue_since IS NULL"),
              postgresql_where=text("status = 'open' AND overdue_since IS NULL")),
    )


class InboxRequest(Base):
    """A request stored before Slack is answered and done after it by a worker (a complaint
    raised by /complaint or a DM): once Slack has its 200 it never sends the request again,
    so the work must outlive the process that answered. Unique per source, so a retry or a
    double submission stores it once."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("workspace_id", "kind", "source_key"),
        Index("ix_inbox_received", "created_at",
              sqlite_where=text("status = 'received'"),
              postgresql_where=text("status = 'received'")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    source_key: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="received")
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Notification(Base):
    """Everything the bot must say in Slack: claimed, sent once, and its ts recorded."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(64))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    late: Mapped[bool] = mapped_column(default=False)
    slack_channel: Mapped[str | None] = mapped_column(String(32))
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    dedupe_key: Mapped[str | None] = mapped_column(String(200))
    # A thread reply: sent only once this parent message has its ts (never at top level).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("notifications.id"))
    created_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("workspace_id", "dedupe_key"),
        Index("ix_notifications_parent", "parent_id"),
        # The sweep's predicate is "pending and due": index exactly that (PLATFORM-NOTES).
        Index("ix_notifications_due", "due_at",
              sqlite_where=text("status = 'pending'"),
              postgresql_where=text("status = 'pending'")),
        Index("ix_notifications_task", "task_id"),
        # What the tick prunes: sent, and sent long ago (bot/services/delivery/pruning.py).
        Index("ix_notifications_sent", "sent_at",
              sqlite_where=text("status = 'sent'"),
              postgresql_where=text("status = 'sent'")),
    )


class PeriodicRun(Base):
    """A periodic job done for one period (e.g. a team's digest for one day)."""

    __tablename__ = "periodic_runs"
    job: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(64), primary_key=True)
    done_at: Mapped[datetime]


class SendPace(Base):
    """Slack's pace shared by every copy of the bot that sends (CRM_PACING=shared): per limit
    key (workspace, method[, channel]), the GCRA's next theoretical arrival time and the end
    of a 429's block, in seconds since the epoch (bot/services/delivery/shared_pacing.py)."""

    __tablename__ = "send_pace"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    tat: Mapped[float] = mapped_column(Float)
    blocked_until: Mapped[float] = mapped_column(Float)


class ReviewThread(Base):
    """A posted nightly review's thread and a rep in it: that rep's message there is a log.

    Slack threads are one level deep, so each rep's part is a reply in the review's one
    thread; the rep is part of the key, and anyone else's message there is not a log.
    """

    __tablename__ = "review_threads"
    workspace_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    thread_ts: Mapped[str] = mapped_column(String(32), primary_key=True)
    rep_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    team: Mapped[str] = mapped_column(String(200))
    day: Mapped[date]
    created_at: Mapped[datetime]


class Complaint(Base):
    """A customer's complaint: numbered per workspace, owned by whoever is on duty, its text
    kept as raised. Timestamps feed the SLA clocks and the figures."""

    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        UniqueConstraint("workspace_id", "source_key"),
        # /complaints and the review list open complaints by team and by owner.
        Index("ix_complaints_team_status", "workspace_id", "team", "status"),
        Index("ix_complaints_customer", "customer_id", "status"),
        Index("ix_complaints_created", "workspace_id", "created_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))  # command | shortcut | dm
    source_key: Mapped[str] = mapped_column(String(200))
    team: Mapped[str | None] = mapped_column(String(100))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    customer_name: Mapped[str] = mapped_column(String(200))
    raised_by: Mapped[str] = mapped_column(String(32))
    raw_text: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)  # the message it was raised from
    category: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))  # open | acknowledged | resolved
    owner_id: Mapped[str] = mapped_column(String(32))
    backup_id: Mapped[str | None] = mapped_column(String(32))
    lead_id: Mapped[str | None] = mapped_column(String(32))
    # Escalation clocks are numbered for the life of the complaint; a reassignment or a
    # reopening starts the policy again at `escalation_base` (the next free number).
    escalation_step: Mapped[int] = mapped_column(Integer, default=0)
    escalation_base: Mapped[int] = mapped_column(Integer, default=0)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    check_back_task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    thread_channel: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    tz: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    checked_back_at: Mapped[datetime | None]
    satisfied: Mapped[bool | None]
    updated_at: Mapped[datetime]


class ComplaintClock(Base):
    """One timer of one complaint (an escalation step, an SLA warning or breach, the
    check-back): claimed by the sweep like a notification, fired once, in one transaction
    with what it causes."""

    __tablename__ = "complaint_clocks"
    __table_args__ = (
        UniqueConstraint("complaint_id", "kind", "round"),
        Index("ix_complaint_clocks_due", "due_at",
              sqlite_where=text("status = 'pending'"),
              postgresql_where=text("status = 'pending'")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    kind: Mapped[str] = mapped_column(String(24))
    # Escalation step number, or how many times the complaint was reopened for the others,
    # so a clock can never be created twice for the same moment.
    round: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    fired_at: Mapped[datetime | None]


class ComplaintEvent(Base):
    """What happened to a complaint: raised, paged, acknowledged, reassigned, warned, breached,
    resolved, checked back, reopened (the figures count these)."""

    __tablename__ = "complaint_events"
    __table_args__ = (Index("ix_complaint_events_complaint", "complaint_id", "at"),
                      Index("ix_complaint_events_kind", "workspace_id", "kind", "at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(32))
    target: Mapped[str | None] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class DutyOverride(Base):
    """Someone covers the duty of a team from `start` until `end` (/oncall cover)."""

    __tablename__ = "duty_overrides"
    __table_args__ = (Index("ix_duty_overrides_team", "workspace_id", "team", "end"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    team: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[str] = mapped_column(String(32))
    start: Mapped[datetime]
    end: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]


class DutyAnchor(Base):
    """The day a team's rotation began when the configuration gives no `duty.start`: recorded
    the first time it is used, so restarts do not reset whose turn it is."""

    __tablename__ = "duty_anchors"
    workspace_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    team: Mapped[str] = mapped_column(String(100), primary_key=True)
    started_on: Mapped[date]


# The after-sale and pool tables live in their own modules (this one is long enough); importing
# them here keeps Base.metadata, and so the migrations and their check, complete whoever
# imports this.
from store import aftersale_models, pool_models  # noqa: E402,F401
