"""Posted review threads and the reps in them. They never commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import ReviewThread


class ReviewThreads:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, workspace_id: str, channel: str, thread_ts: str, team: str, day: date,
            reps: Iterable[str], now: datetime) -> None:
        """Record the reps of a posted review thread (again after a re-send: no error)."""
        for rep in dict.fromkeys(reps):
            key = (workspace_id, channel, thread_ts, rep)
            if self.s.get(ReviewThread, key) is None:
                self.s.add(ReviewThread(workspace_id=workspace_id, channel=channel,
                                        thread_ts=thread_ts, rep_id=rep, team=team, day=day,
                                        created_at=now))

    def for_rep(self, workspace_id: str, channel: str, thread_ts: str,
                rep: str) -> ReviewThread | None:
        """The review thread this rep is part of, if the message is in one."""
        return self.s.get(ReviewThread, (workspace_id, channel, thread_ts, rep))

    def of_team(self, workspace_id: str, team: str, day: date) -> list[ReviewThread]:
        return list(self.s.scalars(select(ReviewThread).where(
            ReviewThread.workspace_id == workspace_id, ReviewThread.team == team,
            ReviewThread.day == day)))
