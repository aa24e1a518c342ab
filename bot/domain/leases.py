"""Leases on claimed work: how long a claim lasts, when it is renewed, and whose it still is.

A process that claims rows (notifications to send, logs to read) holds them for `LEASE`.
While the work is in flight a keeper renews the lease well before it runs out, so a slow
but living process never has its work taken; a process that dies (kill -9, power loss)
stops renewing, and its claims are free for any other process `LEASE` after the last
renewal. That, not a five-minute lease, bounds how late a crash makes a message.

The lease's end is also the claim's token: every row of one claim (or one renewal) gets
the same `lease_until`, and a renewal only touches rows still carrying the token this
process gave them. Another process can only claim a row after its lease ran out, so the
token it writes is later than any this process wrote: "the row carries one of my tokens"
means "it is still mine".
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

LEASE = timedelta(seconds=30)
# Renew a claim once less than this much of its lease is left; the keeper looks every
# KEEP_EVERY, so a living process's lease never gets closer than ~15 s to running out.
RENEW_WHEN_LEFT = timedelta(seconds=20)
KEEP_EVERY = timedelta(seconds=5)


def lease_end(now: datetime) -> datetime:
    """When a claim taken (or renewed) at `now` runs out unless renewed."""
    return now + LEASE


def needs_renewal(until: datetime, now: datetime) -> bool:
    """A held claim is renewed once less than RENEW_WHEN_LEFT of it is left."""
    return until - now < RENEW_WHEN_LEFT


@dataclass(frozen=True)
class Renewal:
    """Rows of one kind that carry the same token and are due to be renewed."""

    kind: str
    ids: tuple[int, ...]
    old: datetime
    new: datetime


class HeldClaims:
    """What this process holds, by kind of row: each row's current token and the earlier
    ones it wrote for it. Shared by the threads that claim and the one that renews."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: dict[tuple[str, int], datetime] = {}
        self._mine: dict[tuple[str, int], set[datetime]] = defaultdict(set)

    def hold(self, kind: str, ids: Sequence[int], until: datetime) -> None:
        """Record rows just claimed with lease end (token) `until`."""
        with self._lock:
            for row in ids:
                self._current[(kind, row)] = until
                self._mine[(kind, row)].add(until)

    def release(self, kind: str, row: int) -> None:
        """The work on the row is finished (or given up): stop renewing it."""
        with self._lock:
            self._current.pop((kind, row), None)
            self._mine.pop((kind, row), None)

    def owns(self, kind: str, row: int, lease_until: datetime | None) -> bool:
        """Whether the row's lease, as read from the database, is one this process wrote."""
        with self._lock:
            return lease_until is not None and lease_until in self._mine.get((kind, row), ())

    def held(self) -> int:
        with self._lock:
            return len(self._current)

    def due(self, now: datetime) -> list[Renewal]:
        """The renewals to make now, grouped by kind and token (one statement each). The new
        token is recorded as this process's before it is written, so a thread that reads
        the row between the write and `renewed` still recognises it."""
        groups: dict[tuple[str, datetime], list[int]] = defaultdict(list)
        with self._lock:
            for (kind, row), until in self._current.items():
                if needs_renewal(until, now):
                    groups[(kind, until)].append(row)
            new = lease_end(now)
            for (kind, _), rows in groups.items():
                for row in rows:
                    self._mine[(kind, row)].add(new)
        return [Renewal(kind, tuple(sorted(rows)), old, new)
                for (kind, old), rows in sorted(groups.items())]

    def renewed(self, renewal: Renewal, kept: Sequence[int]) -> None:
        """Record the outcome: `kept` rows carry the new token; the others were finished
        meanwhile or (lease already run out) taken by another process, and are let go."""
        kept_set = set(kept)
        with self._lock:
            for row in renewal.ids:
                key = (renewal.kind, row)
                if key not in self._current:
                    continue  # finished while the renewal ran
                if row in kept_set:
                    self._current[key] = renewal.new
                    # Tokens before the old one can no longer be read from the database
                    # (the old one can, by a read that began before the renewal's write).
                    self._mine[key] = {renewal.old, renewal.new}
                else:
                    self._current.pop(key, None)
                    self._mine.pop(key, None)
