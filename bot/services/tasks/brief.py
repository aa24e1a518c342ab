"""The brief before a contact that every task reminder carries (docs/domain.md section 12):
the customer's last contact, needs, last objection or dissatisfaction, open complaints and
next revisit.

The sender claims reminders in batches; `prefetch_briefs` reads the briefs of a whole batch
in a fixed number of queries (bot/services/delivery/kinds.py `Kind.prefetch`), and a reminder
composed on its own reads its one brief the same way."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain.brief import Brief, Concern, last_concern
from bot.domain.revisit_outcomes import is_dissatisfied
from bot.services.context import ServiceContext
from bot.services.views import to_payload
from store.aftersale_models import Revisit
from store.models import Customer, Notification
from store.uow import UnitOfWork

BRIEF = "brief"  # the payload key a batch's prefetch fills for the composer


def briefs_for(uow: UnitOfWork, customers: Sequence[Customer]) -> dict[int, Brief]:
    """Each customer's brief, read for all of them together (five queries)."""
    ids = [c.id for c in customers]
    logs = uow.briefs.recent_logs(ids)
    scores = uow.revisits.latest_scores(ids)
    complaints = uow.briefs.open_complaints(ids)
    revisits = uow.briefs.next_revisits(ids)
    out = {}
    for c in customers:
        recent = logs.get(c.id, [])
        concern = last_concern(((at, raw) for at, _, raw in recent), _low(scores.get(c.id)))
        open_ = complaints.get(c.id, [])
        nxt = revisits.get(c.id)
        out[c.id] = Brief(
            last_contact_at=recent[0][0] if recent else None,
            last_contact=(recent[0][1] or recent[0][2]) if recent else None,
            needs=c.needs or None,
            concern=concern.text if concern else None,
            concern_score=concern.score if concern else None,
            open_complaints=len(open_), complaint=open_[0].raw_text if open_ else None,
            next_revisit=nxt.step if nxt else None,
            next_revisit_day=nxt.due_day if nxt else None)
    return out


def _low(revisit: Revisit | None) -> Concern | None:
    """The customer's newest revisit score when it was 1-3, with its reason."""
    if revisit is None or revisit.score is None or not is_dissatisfied(revisit.score) \
            or revisit.answered_at is None:
        return None
    # The customer's words when given, else the reason's code (the blocks translate it).
    return Concern(revisit.answered_at, revisit.reason_text or revisit.reason or "",
                   revisit.score)


def prefetch_briefs(ctx: ServiceContext, uow: UnitOfWork, notes: Sequence[Notification],
                    now: datetime) -> dict[int, dict[str, Any]]:
    """The brief of each reminder's customer in a claimed batch, by notification id: what the
    composer adds to the payload instead of reading it again per reminder."""
    tasks = uow.briefs.tasks_of_notes([n.id for n in notes])
    customers = uow.briefs.customers(sorted({t.customer_id for t in tasks.values()
                                             if t.customer_id is not None}))
    briefs = briefs_for(uow, list(customers.values()))
    return {note_id: {BRIEF: to_payload(briefs[t.customer_id])}
            for note_id, t in tasks.items() if t.customer_id in briefs}
