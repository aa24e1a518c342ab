"""Which sending lane each kind of message waits in (bot/domain/pacing.py: the rules; each
kind's lane is declared with the kind, in bot/services/delivery/kinds.py)."""

from __future__ import annotations

from bot.domain.pacing import Lane
from bot.services.delivery.kinds import KINDS


def lane_of(kind: str) -> Lane:
    """The lane a kind of message is sent in; a kind this release does not know is looked at
    in the first lane (where it is held: see sending.prepare), never behind a review."""
    known = KINDS.get(kind)
    return known.lane if known is not None else Lane.PERSON


def lane_filter(lane: Lane) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(kinds, not_kinds) selecting one lane's rows in the outbox."""
    if lane is Lane.PERSON:
        return None, tuple(name for name, kind in KINDS.items() if kind.lane is not Lane.PERSON)
    return tuple(name for name, kind in KINDS.items() if kind.lane is lane), ()
