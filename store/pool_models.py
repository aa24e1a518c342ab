"""Tables of ownership and the shared pool (docs/pool.md): a customer's people as a list kept
on the customer, its place in the pool, and every claim, return, reassignment and share as
an append-only event. Times are UTC.

Their own module, imported at the end of store/models.py like the after-sale tables.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from store.models import Base

OWNER, SHARED = "owner", "shared"


class CustomerPerson(Base):
    """One person on a customer's list: its owner, or someone it is shared with, since when
    and why (created, claimed, assigned, shared, logged, task: the last two migrated from
    the sharing that used to be derived from logs and tasks)."""

    __tablename__ = "customer_people"
    __table_args__ = (
        UniqueConstraint("customer_id", "user_id", name="uq_customer_people_person"),
        # One owner per customer, whatever number of requests write at once.
        Index("uq_customer_people_owner", "customer_id", unique=True,
              sqlite_where=text("role = 'owner'"), postgresql_where=text("role = 'owner'")),
        # A rep's customers (their list, what they may see) grow with them, not the workspace.
        Index("ix_customer_people_user", "workspace_id", "user_id", "role"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(8))  # owner | shared
    since: Mapped[datetime]
    why: Mapped[str] = mapped_column(String(16))
    added_by: Mapped[str] = mapped_column(String(32))


class PoolState(Base):
    """A customer's place in the pool: its owner's current term (since, until, what ends it,
    the warning) or, while pooled, since when, why and from whom it came back."""

    __tablename__ = "pool_states"
    __table_args__ = (
        # The sweep's predicate: terms whose warning or end has come (nothing else is read).
        Index("ix_pool_states_check", "check_at", sqlite_where=text("check_at IS NOT NULL"),
              postgresql_where=text("check_at IS NOT NULL")),
        # /pool: a team's pooled prospects, oldest first.
        Index("ix_pool_states_pooled", "workspace_id", "team", "in_pool_since",
              sqlite_where=text("in_pool_since IS NOT NULL"),
              postgresql_where=text("in_pool_since IS NOT NULL")),
        # The lead's digest: a team's prospects warned and not yet returned (a return, a win
        # or a new term clears warned_at), soonest end first.
        Index("ix_pool_states_warned", "team", "protected_until",
              sqlite_where=text("warned_at IS NOT NULL"),
              postgresql_where=text("warned_at IS NOT NULL")),
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    team: Mapped[str | None] = mapped_column(String(100))  # whose pool it returns to
    owner_since: Mapped[datetime | None]  # the term's start: claim, assignment or win
    protected_until: Mapped[datetime | None]
    ends_by: Mapped[str | None] = mapped_column(String(20))  # protection_ended | no_contact
    warn_at: Mapped[datetime | None]
    warned_at: Mapped[datetime | None]
    check_at: Mapped[datetime | None]  # when the sweep next looks (bot/domain/pool.next_check)
    in_pool_since: Mapped[datetime | None]  # set while nobody owns it
    returned_reason: Mapped[str | None] = mapped_column(String(20))
    returned_from: Mapped[str | None] = mapped_column(String(32))  # for the cool-down
    returned_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class OwnershipEvent(Base):
    """One claim, return, reassignment, share, unshare or warning: who, when, why. Never
    changed once written; a warning's or return's key makes it once (bot/domain/pool.py)."""

    __tablename__ = "ownership_events"
    __table_args__ = (
        UniqueConstraint("workspace_id", "key", name="uq_ownership_events_key"),
        Index("ix_ownership_events_customer", "customer_id", "at"),  # its history
        Index("ix_ownership_events_at", "workspace_id", "at"),  # the week's figures
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))  # bot/domain/pool_figures.EVENT_KINDS
    to_user: Mapped[str | None] = mapped_column(String(32))
    from_user: Mapped[str | None] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    reason: Mapped[str | None] = mapped_column(String(40))  # a code the blocks translate
    note: Mapped[str | None] = mapped_column(Text)  # the words a lead gave, as typed
    key: Mapped[str | None] = mapped_column(String(120))
    unworked: Mapped[bool | None] = mapped_column(Boolean)  # a return: no contact in the term


def _append_only(_mapper: Any, _conn: Any, row: OwnershipEvent) -> None:
    raise RuntimeError(f"ownership event {row.id} is history: add a new event instead")


event.listen(OwnershipEvent, "before_update", _append_only)
event.listen(OwnershipEvent, "before_delete", _append_only)
