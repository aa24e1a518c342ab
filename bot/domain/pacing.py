"""Slack's pace: which lane a message waits in, and when Slack will take it.

Lanes: what a person is waiting for (answers, button results, complaint pages) goes first,
reminders next, channel posts (reviews, digests, threads) last. Ready messages are picked by
smooth weighted round-robin, so a busy lane slows the others but never stops them, and
within a lane the workspaces take turns.

Pacing: every (workspace, method, channel) is held to Slack's documented limits before Slack
has to refuse (PLATFORM-NOTES, "Slack's pace"). Each limit is a GCRA: a message gets the
earliest moment every limit it falls under allows, and that moment is reserved, so the
messages of one busy channel are spread at its pace in the order they came. A 429 blocks
its key until Retry-After has passed. Times are seconds on a monotonic clock, passed in.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import IntEnum
from typing import Any, Protocol


class Lane(IntEnum):
    PERSON = 0    # answers to what someone just did, complaint pages
    REMINDER = 1  # reminders, overdue notices, check-backs
    CHANNEL = 2   # reviews, digests, channel threads


# Shares of the sending slots when every lane has messages ready.
WEIGHTS = {Lane.PERSON: 4, Lane.REMINDER: 2, Lane.CHANNEL: 1}


@dataclass(frozen=True)
class Rate:
    """At most `per_second` on average, `burst` of them back to back."""

    per_second: float
    burst: int = 1

    @property
    def interval(self) -> float:
        return 1.0 / self.per_second

    @property
    def tolerance(self) -> float:
        return (self.burst - 1) * self.interval


def per_minute(count: float, burst: int = 1) -> Rate:
    return Rate(count / 60.0, burst)


# Tier limits per workspace and method; chat.postMessage is paced per channel instead. The
# per-channel burst is kept below what Slack tolerates: bursts are "not guaranteed".
TIERS = {2: per_minute(20, 2), 3: per_minute(50, 3), 4: per_minute(100, 5)}
METHOD_TIERS = {"chat.update": 3, "chat.delete": 3, "reactions.add": 3,
                "conversations.open": 3, "chat.postEphemeral": 4, "views.publish": 4,
                "views.open": 4, "views.update": 4, "users.info": 4, "users.list": 2,
                "files.getUploadURLExternal": 4, "files.completeUploadExternal": 4}
PER_CHANNEL = {"chat.postMessage": Rate(1.0, 2)}


@dataclass(frozen=True)
class Limits:
    """The limits the pacer keeps: per channel for some methods, per workspace by tier."""

    per_channel: dict[str, Rate] = field(default_factory=lambda: dict(PER_CHANNEL))
    per_method: dict[str, Rate] = field(default_factory=lambda: {
        method: TIERS[tier] for method, tier in METHOD_TIERS.items()})

    def keys(self, workspace: str, method: str, channel: str) -> list[tuple[Hashable, Rate]]:
        """The limits one call falls under, each with the key it is counted by."""
        found: list[tuple[Hashable, Rate]] = []
        if method in self.per_channel:
            found.append(((workspace, method, channel), self.per_channel[method]))
        if method in self.per_method:
            found.append(((workspace, method), self.per_method[method]))
        return found


UNLIMITED = Limits(per_channel={}, per_method={})

# Slack waits 3 s for the answer to a request and disregards one that comes later; the half
# second more is for Slack to apply an answer it got at the last moment. A form answered
# "Checking…" (response_action "update") and given its result later (views.update) is updated
# no earlier than this after its submit was received: by then Slack has applied the answer or
# never will, so the answer cannot land after the result and hide it (docs/delivery.md).
ANSWER_WINDOW = timedelta(seconds=3.5)


class Pacing(Protocol):
    """What the sender asks of a pacer: this process's (Pacer) or every copy's (SharedPacer,
    bot/services/delivery/shared_pacing.py)."""

    limits: Limits

    def reserve(self, workspace: str, method: str, channel: str, now: float) -> float: ...

    def refused(self, workspace: str, method: str, channel: str, until: float) -> None: ...

    def blocked_until(self, workspace: str, method: str, channel: str,
                      now: float) -> float: ...


def reserve_slot(keys: Sequence[tuple[Hashable, Rate]], tat: MutableMapping[Hashable, float],
                 blocked: Mapping[Hashable, float], now: float) -> float:
    """The earliest moment (>= now) a call under these limits may go, given each key's
    theoretical arrival time (`tat`, updated in place: the moment is reserved) and the end
    of any 429 block."""
    slot = earliest_slot(keys, tat, blocked, now)
    take_slot(keys, tat, slot)
    return slot


def earliest_slot(keys: Sequence[tuple[Hashable, Rate]], tat: Mapping[Hashable, float],
                  blocked: Mapping[Hashable, float], now: float) -> float:
    """The earliest moment (>= now) the limits allow, nothing reserved."""
    slot = now
    for key, rate in keys:
        slot = max(slot, tat.get(key, now) - rate.tolerance, blocked.get(key, now))
    return slot


def take_slot(keys: Sequence[tuple[Hashable, Rate]], tat: MutableMapping[Hashable, float],
              slot: float) -> None:
    """Count a call at `slot` under each of its limits."""
    for key, rate in keys:
        tat[key] = max(tat.get(key, slot), slot) + rate.interval


def refused_keys(limits: Limits, workspace: str, method: str, channel: str
                 ) -> list[Hashable]:
    """The keys a 429 on this call blocks: its limits' keys, or the channel's own."""
    return [k for k, _ in limits.keys(workspace, method, channel)] or \
        [(workspace, method, channel)]


class Pacer:
    """When each call may go, per Slack's limits; shared by the sending threads of one
    process (bot/services/delivery/shared_pacing.py shares it between processes)."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._lock = threading.Lock()
        self._tat: dict[Hashable, float] = {}  # theoretical arrival time per key (GCRA)
        self._blocked: dict[Hashable, float] = {}

    def reserve(self, workspace: str, method: str, channel: str, now: float) -> float:
        """Reserve the earliest moment (>= now) this call may go, and return it."""
        keys = self.limits.keys(workspace, method, channel)
        with self._lock:
            return reserve_slot(keys, self._tat, self._blocked, now)

    def refused(self, workspace: str, method: str, channel: str, until: float) -> None:
        """Slack answered 429: nothing under that call's limits goes before `until`."""
        with self._lock:
            for key in refused_keys(self.limits, workspace, method, channel):
                self._blocked[key] = max(self._blocked.get(key, until), until)

    def blocked_until(self, workspace: str, method: str, channel: str, now: float) -> float:
        """The end of a 429's block on this call's keys (now when none)."""
        with self._lock:
            keys = refused_keys(self.limits, workspace, method, channel)
            return max([now, *(self._blocked.get(k, now) for k in keys)])


class StartGuard:
    """The same limits, kept on the moments sends actually start (in this process).

    Slots are reserved when messages are claimed. When the sender falls behind them (a
    stalled machine, a channel whose previous send was slow), several reserved moments pass
    together, and their messages would start back to back; Slack counts calls as they
    arrive and refuses the ones past its burst (the likely cause of the pace test's one
    failure in many runs: two replies deferred by a 429). Here a send starts only if the
    starts before it leave room under every limit; otherwise it is told when."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._tat: dict[Hashable, float] = {}

    def start(self, workspace: str, method: str, channel: str, now: float) -> float:
        """`now` if this call may start now (and it is counted as started), else the
        earliest moment it may."""
        keys = self.limits.keys(workspace, method, channel)
        earliest = earliest_slot(keys, self._tat, {}, now)
        if earliest > now:
            return earliest
        take_slot(keys, self._tat, now)
        return now


class LanePicker:
    """Ready messages by lane and workspace; `pick` takes the next one fairly."""

    def __init__(self, weights: dict[Lane, int] | None = None) -> None:
        self.weights = weights or dict(WEIGHTS)
        self._credit = dict.fromkeys(Lane, 0)
        self._ready: dict[Lane, dict[str, deque[object]]] = {lane: {} for lane in Lane}

    def add(self, lane: Lane, workspace: str, item: object) -> None:
        self._ready[lane].setdefault(workspace, deque()).append(item)

    def __len__(self) -> int:
        return sum(len(q) for spaces in self._ready.values() for q in spaces.values())

    def pick(self, waits: Callable[[Any], bool] = lambda item: False) -> Any | None:
        """The next item: the lane with most credit (smooth weighted round-robin among lanes
        with something ready), then that lane's next workspace in turn. Items for which
        `waits` holds (e.g. their channel has a send in flight) are passed over."""
        candidates = {lane: self._first(lane, waits) for lane in Lane}
        ready = [lane for lane, found in candidates.items() if found is not None]
        if not ready:
            return None
        total = sum(self.weights[lane] for lane in ready)
        for lane in ready:
            self._credit[lane] += self.weights[lane]
        lane = max(ready, key=lambda ln: (self._credit[ln], -ln))
        self._credit[lane] -= total
        found = candidates[lane]
        assert found is not None
        workspace, item = found
        spaces = self._ready[lane]
        spaces[workspace].remove(item)
        # The served workspace goes to the back of the lane's turn.
        queue = spaces.pop(workspace)
        if queue:
            spaces[workspace] = queue
        return item

    def _first(self, lane: Lane, waits: Callable[[Any], bool]) -> tuple[str, object] | None:
        for workspace, queue in self._ready[lane].items():
            for item in queue:
                if not waits(item):
                    return workspace, item
        return None
