"""The outbox of everything said in Slack. They never commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, delete, exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from store.models import (
    Notification,
)
from store.repositories.claims import claim_leased
from store.repositories.keyed import add_all_once

L = TypeVar("L")


def _lane(kinds: Sequence[str] | None, not_kinds: Sequence[str]) -> list[ColumnElement[bool]]:
    """The conditions selecting one sending lane's rows."""
    lane: list[ColumnElement[bool]] = \
        [Notification.kind.in_(list(kinds))] if kinds is not None else []
    if not_kinds:
        lane.append(Notification.kind.not_in(list(not_kinds)))
    return lane


class Notifications:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, note: Notification) -> Notification | None:
        """Queue a notification; None when one with the same dedupe key exists already."""
        if note.dedupe_key is not None:
            exists = self.s.scalar(select(Notification.id).where(
                Notification.workspace_id == note.workspace_id,
                Notification.dedupe_key == note.dedupe_key))
            if exists is not None:
                return None
            try:
                with self.s.begin_nested():
                    self.s.add(note)
            except IntegrityError:
                return None
            return note
        self.s.add(note)  # written with the rest at commit, in one batch
        return note

    def add_all_once(self, notes: Sequence[Notification]) -> list[Notification]:
        """Queue notifications carrying dedupe keys (one workspace's), each whose key was
        not queued: one read of the keys and one flush for the lot. The ones queued."""
        if not notes:
            return []
        queued = self.queued_keys(notes[0].workspace_id, [n.dedupe_key or "" for n in notes])
        fresh = list({n.dedupe_key: n for n in notes if n.dedupe_key not in queued}.values())
        return add_all_once(self.s, fresh, lambda n: self.add(n) is not None)

    def queued_keys(self, workspace_id: str, keys: Sequence[str]) -> set[str]:
        """Which of these dedupe keys were queued already (sent or not)."""
        if not keys:
            return set()
        found = self.s.scalars(select(Notification.dedupe_key).where(
            Notification.workspace_id == workspace_id, Notification.dedupe_key.in_(keys)))
        return {key for key in found if key is not None}

    def claim_due(self, now: datetime, lease: timedelta, limit: int, *,
                  kinds: Sequence[str] | None = None,
                  not_kinds: Sequence[str] = ()) -> Sequence[int]:
        """Lease up to `limit` due, unleased notifications to this worker; returns their ids.
        `kinds` / `not_kinds` narrow it to one sending lane.

        A thread reply is ready only once its parent message has Slack's ts recorded, so it
        can never be posted at the channel's top level, nor before its parent.
        """
        parent = aliased(Notification)
        parent_posted = or_(Notification.parent_id.is_(None), exists().where(
            parent.id == Notification.parent_id, parent.slack_ts.is_not(None)))
        return claim_leased(self.s, Notification, Notification.due_at, now, lease, limit,
                            Notification.status == "pending", Notification.due_at <= now,
                            parent_posted, *_lane(kinds, not_kinds))

    def due_lanes(self, now: datetime,
                  lanes: Mapping[L, tuple[Sequence[str] | None, Sequence[str]]]) -> set[L]:
        """The lanes (each given as claim_due's `kinds` / `not_kinds`) with something due and
        unleased now, in one read: a claim is a write, and on SQLite each took the one
        writer from the acknowledgements even when its lane had nothing."""
        free = or_(Notification.lease_until.is_(None), Notification.lease_until <= now)
        names = list(lanes)
        found = self.s.execute(select(*(
            exists().where(Notification.status == "pending", Notification.due_at <= now, free,
                           *_lane(*lanes[name])).label(f"lane_{i}")
            for i, name in enumerate(names)))).one()
        return {name for name, due in zip(names, found, strict=True) if due}

    def mark_sent(self, note_id: int, now: datetime, late: bool, channel: str | None,
                  ts: str | None) -> int:
        """Record a message Slack took, in one UPDATE (nothing read first); how many rows."""
        result = self.s.execute(update(Notification).where(Notification.id == note_id)
                                .values(status="sent", sent_at=now, late=late,
                                        slack_channel=channel, slack_ts=ts)
                                .execution_options(synchronize_session=False))
        return int(getattr(result, "rowcount", 0) or 0)

    def fail_replies(self, parent_id: int, error: str) -> int:
        """Give up on the thread replies of a parent that will never be posted."""
        result = self.s.execute(update(Notification).where(
            Notification.parent_id == parent_id, Notification.status == "pending")
            .values(status="failed", last_error=error[:2000])
            .execution_options(synchronize_session=False))
        return int(getattr(result, "rowcount", 0) or 0)

    def by_key(self, workspace_id: str, dedupe_key: str) -> Notification | None:
        return self.s.scalar(select(Notification).where(
            Notification.workspace_id == workspace_id, Notification.dedupe_key == dedupe_key))

    def replies_to(self, parent_id: int) -> Sequence[Notification]:
        return self.s.scalars(select(Notification).where(Notification.parent_id == parent_id)
                              .order_by(Notification.id)).all()

    def get_many(self, ids: Sequence[int]) -> Sequence[Notification]:
        if not ids:
            return []
        return self.s.scalars(select(Notification).where(Notification.id.in_(ids))
                              .order_by(Notification.due_at, Notification.id)).all()

    def pending_for_task(self, task_id: int) -> Sequence[Notification]:
        return self.s.scalars(select(Notification).where(
            Notification.task_id == task_id, Notification.status == "pending")).all()

    def cancel_pending_for_task(self, task_id: int, kinds: Sequence[str]) -> int:
        result = self.s.execute(update(Notification).where(
            and_(Notification.task_id == task_id, Notification.status == "pending",
                 Notification.kind.in_(kinds))).values(status="cancelled")
            .execution_options(synchronize_session=False))
        return int(getattr(result, "rowcount", 0) or 0)

    def prune_sent(self, before: datetime, keep_kinds: Sequence[str], limit: int) -> int:
        """Delete up to `limit` messages sent before `before`, except those of `keep_kinds`
        and any a kept message replies to (its parent goes once its replies have); how
        many."""
        reply = aliased(Notification)
        old = select(Notification.id).where(
            Notification.status == "sent", Notification.sent_at < before,
            Notification.kind.not_in(keep_kinds),
            ~exists().where(reply.parent_id == Notification.id),
        ).order_by(Notification.sent_at).limit(limit)
        ids = list(self.s.scalars(old))
        if ids:
            self.s.execute(delete(Notification).where(Notification.id.in_(ids)))
        return len(ids)

    def sent_to(self, workspace_id: str, recipient: str) -> Sequence[Notification]:
        return self.s.scalars(select(Notification).where(
            Notification.workspace_id == workspace_id, Notification.recipient == recipient,
            Notification.status == "sent").order_by(Notification.sent_at)).all()
