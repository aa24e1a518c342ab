"""Slack's pace shared by every copy of the bot that sends (CRM_PACING=shared).

Each copy's own Pacer (bot/domain/pacing.py) keeps Slack's limits for what that copy sends:
two workers sending to one channel would together reach twice its limit. This pacer keeps
the same GCRA in the database instead: a reservation reads the call's keys locked, reserves
the slot with the same rule and writes them back in one unit of work, so copies take turns
at one limit. It costs a short transaction per message, which is why one copy keeps its pace
in memory (the default, CRM_PACING=process).

The dispatcher counts in its process's monotonic seconds; copies share the wall clock (kept
by NTP), so each call is translated: the slot is kept as epoch seconds and returned as the
same distance from the caller's `now`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from bot.domain.pacing import Limits, refused_keys, reserve_slot
from bot.services.context import ServiceContext


def _key(key: Hashable) -> str:
    parts = key if isinstance(key, tuple) else (key,)
    return "\x1f".join(str(p) for p in parts)[:300]


class SharedPacer:
    """Pacer's interface (reserve, refused, blocked_until) over the send_pace table. Times in
    and out are on the caller's `monotonic` clock, stored on the shared `wall` clock."""

    def __init__(self, ctx: ServiceContext, limits: Limits | None = None, *,
                 wall: Callable[[], float],
                 monotonic: Callable[[], float]) -> None:
        self.ctx = ctx
        self.limits = limits or Limits()
        self.wall, self.monotonic = wall, monotonic

    def reserve(self, workspace: str, method: str, channel: str, now: float) -> float:
        """Reserve the earliest moment (>= now) this call may go, for every copy."""
        keys = self.limits.keys(workspace, method, channel)
        if not keys:
            return now
        shift = self._shift()
        names: dict[Hashable, str] = {key: _key(key) for key, _ in keys}
        with self.ctx.uow() as uow:
            stored = uow.send_paces.lock(list(names.values()), now + shift)
            tat = {key: stored[name][0] for key, name in names.items()}
            blocked = {key: stored[name][1] for key, name in names.items()}
            slot = reserve_slot(keys, tat, blocked, now + shift)
            uow.send_paces.save({name: (tat[key], blocked[key]) for key, name in names.items()})
            uow.commit()
        return slot - shift

    def refused(self, workspace: str, method: str, channel: str, until: float) -> None:
        """Slack answered 429: no copy sends under that call's limits before `until`."""
        shift = self._shift()
        names = [_key(k) for k in refused_keys(self.limits, workspace, method, channel)]
        with self.ctx.uow() as uow:
            stored = uow.send_paces.lock(names, self.wall())
            uow.send_paces.save({name: (tat, max(blocked, until + shift))
                                 for name, (tat, blocked) in stored.items()})
            uow.commit()

    def blocked_until(self, workspace: str, method: str, channel: str, now: float) -> float:
        """The end of a 429's block on this call's keys, for any copy (now when none)."""
        shift = self._shift()
        names = [_key(k) for k in refused_keys(self.limits, workspace, method, channel)]
        with self.ctx.uow() as uow:
            stored = uow.send_paces.lock(names, now + shift)
            uow.commit()
        return max([now, *(blocked - shift for _, blocked in stored.values())])

    def _shift(self) -> float:
        return self.wall() - self.monotonic()
