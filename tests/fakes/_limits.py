"""Slack's pace for FakeSlack: time per call and the rate limits (PLATFORM-NOTES, "Slack's
pace"). Off unless asked for, so tests of behaviour stay fast."""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

# Per-minute limits of the Web API tiers, per workspace and method.
TIER_PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}
METHOD_TIERS = {"chat.update": 3, "chat.delete": 3, "reactions.add": 3,
                "conversations.open": 3, "chat.postEphemeral": 4, "views.publish": 4,
                "views.open": 4, "views.push": 4, "views.update": 4, "users.info": 4,
                "users.list": 2}


@dataclass(frozen=True)
class SlackPace:
    """How slow and how strict the fake is. `per_channel`: chat.postMessage per second per
    channel, `channel_burst` of them back to back; `tiers`: method -> tier, each tier
    allowing TIER_PER_MINUTE with bursts of a tenth of a minute's worth (at least 3)."""

    latency: float = 0.150
    per_channel: float = 1.0
    channel_burst: int = 3
    tiers: dict[str, int] = field(default_factory=lambda: dict(METHOD_TIERS))


@dataclass
class _Bucket:
    rate: float  # tokens per second
    capacity: float
    tokens: float
    at: float

    def take(self, now: float) -> float | None:
        """Take a token; or, when there is none, how long until there is one."""
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return None
        return (1 - self.tokens) / self.rate


class Limiter:
    """Slack's limits, counted as calls arrive; remembers every 429 it answered."""

    def __init__(self, pace: SlackPace) -> None:
        self.pace = pace
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, ...], _Bucket] = {}
        self.refused: Counter[tuple[str, str]] = Counter()  # (method, channel) -> 429s

    def check(self, token: str, method: str, channel: str) -> int | None:
        """None when Slack takes the call; else the Retry-After (whole seconds) it answers."""
        now = time.monotonic()
        with self._lock:
            waits = [bucket.take(now) for bucket in self._buckets_for(token, method, channel)]
            wait = max((w for w in waits if w is not None), default=None)
            if wait is None:
                return None
            self.refused[(method, channel)] += 1
            return max(1, math.ceil(wait))

    def _buckets_for(self, token: str, method: str, channel: str) -> list[_Bucket]:
        found = []
        if method == "chat.postMessage":
            found.append(self._bucket((token, method, channel), self.pace.per_channel,
                                      self.pace.channel_burst))
        tier = self.pace.tiers.get(method)
        if tier is not None:
            per_minute = TIER_PER_MINUTE[tier]
            found.append(self._bucket((token, method), per_minute / 60,
                                      max(3, per_minute // 10)))
        return found

    def _bucket(self, key: tuple[str, ...], rate: float, burst: int) -> _Bucket:
        if key not in self._buckets:
            self._buckets[key] = _Bucket(rate, burst, burst, time.monotonic())
        return self._buckets[key]
