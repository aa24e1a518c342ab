"""Letting go of what corrected key dates replaced (`care_dates.replaced`): every correction
by another way in (a form after a log, a log after the CSV) keeps the value it replaced, so a
date a rep's logs keep giving again would otherwise grow without end.

What Undo of a log uses (`care/logs.withdraw_log_care_dates`): the history is a stack, the
current value on top. Undo of the log that gave the current value restores the newest value
kept; Undo of a log further down only takes its value out, which changes no date. After
KEEP_REPLACED untouched:

- with the current value from a form or the import (no Undo can take it back), nothing is
  kept: no Undo can change the date any more, as before;
- with the current value from a log, the newest value kept is all that is left, settled
  (owned by no log): Undo of that log still gives it back, Undo of an older log changes
  nothing (as before) and no chain of Undos can then delete a date a form gave before.

The tick prunes a batch of rows untouched for KEEP_REPLACED (a partial index reads only the
rows that keep something), oldest first, and marks each touched so it is looked at again
only after another KEEP_REPLACED."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.services.context import ServiceContext

KEEP_REPLACED = timedelta(days=90)
_PRUNE_AT_ONCE = 200  # a tick's batch: a short transaction, whatever the backlog


def prune_replaced(ctx: ServiceContext, now: datetime, keep: timedelta = KEEP_REPLACED) -> int:
    """Prune what corrected key dates untouched for `keep` replaced (a batch); how many."""
    with ctx.uow() as uow:
        rows = uow.care_dates.replaced_untouched(now - keep, _PRUNE_AT_ONCE)
        for row in rows:
            row.replaced = settled(row.replaced or [], current_from_log=row.follow_up_id
                                   is not None)
            row.updated_at = now
        uow.commit()
    return len(rows)


def settled(replaced: list[dict[str, Any]], *, current_from_log: bool
            ) -> list[dict[str, Any]] | None:
    """What is kept of a history older than the retention: the newest value, owned by no log
    any more, when an Undo of the current value's log needs it; else nothing."""
    if not current_from_log or not replaced:
        return None
    return [{**replaced[-1], "follow_up_id": None}]
