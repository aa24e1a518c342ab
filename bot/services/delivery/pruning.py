"""Letting go of messages sent long ago: the outbox would otherwise grow by every message the
bot ever said. A sent row is needed only for a while: its dedupe key recognises a repeat of
the work that queued it (Slack retries within minutes; each day's digest and review are
recorded in periodic_runs, a complaint's pages and alerts in its clocks), and a thread's
replies need their parent's ts until they are sent. So the tick deletes rows sent more than
KEEP_SENT ago, a batch at a time, except a kind declared `kept` (a complaint's thread root,
which its later events reply to however long it stays open) and a parent whose replies are
still there (it goes once they have)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.context import ServiceContext
from bot.services.delivery.kinds import KINDS

KEEP_SENT = timedelta(days=30)
_PRUNE_AT_ONCE = 500  # a tick's batch: a short transaction, whatever the backlog


def prune_sent(ctx: ServiceContext, now: datetime, keep: timedelta = KEEP_SENT) -> int:
    """Delete messages sent more than `keep` ago (a batch); how many."""
    kept = sorted(k.name for k in KINDS.values() if k.kept)
    with ctx.uow() as uow:
        pruned = uow.notifications.prune_sent(now - keep, kept, _PRUNE_AT_ONCE)
        uow.commit()
    return pruned
