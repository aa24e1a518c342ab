"""Slack's pace kept in the database, so every copy of the bot that sends keeps to one limit:
the keys one call falls under are read locked, then written back, in its unit of work."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from store.models import SendPace


class SendPaces:
    def __init__(self, session: Session) -> None:
        self.s = session

    def lock(self, keys: Sequence[str], now: float) -> dict[str, tuple[float, float]]:
        """(theoretical arrival time, blocked until) per key, its row locked until the unit
        of work ends (on SQLite the unit of work holds the write lock already); a key never
        seen starts free at `now`."""
        if not keys:
            return {}
        found = self._locked(keys)
        missing = [k for k in keys if k not in found]
        if missing:  # first use of a key: made free, then locked like the others
            insert = pg_insert if self.s.get_bind().dialect.name == "postgresql" else sqlite_insert
            self.s.execute(insert(SendPace).values(
                [{"key": k, "tat": now, "blocked_until": now} for k in missing]
            ).on_conflict_do_nothing(index_elements=["key"]))
            found.update(self._locked(missing))
        return found

    def _locked(self, keys: Sequence[str]) -> dict[str, tuple[float, float]]:
        # In key order, so two copies locking the same keys never wait on each other in turn.
        rows = self.s.execute(select(SendPace.key, SendPace.tat, SendPace.blocked_until)
                              .where(SendPace.key.in_(sorted(keys))).order_by(SendPace.key)
                              .with_for_update())
        return {key: (tat, blocked) for key, tat, blocked in rows}

    def save(self, values: Mapping[str, tuple[float, float]]) -> None:
        for key, (tat, blocked) in values.items():
            self.s.execute(update(SendPace).where(SendPace.key == key)
                           .values(tat=tat, blocked_until=blocked))
