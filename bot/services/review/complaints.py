"""The nightly review's complaints: each rep's open complaints first, the figures on top."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.review import ComplaintItem, ComplaintSummary, RepReview
from bot.services.complaints.figures import team_figures
from store.uow import UnitOfWork


def with_complaints(uow: UnitOfWork, workspace_id: str | None, team: str,
                    reps: tuple[RepReview, ...],
                    now: datetime) -> tuple[tuple[RepReview, ...], ComplaintSummary]:
    """Each rep's part with the open complaints about the customers they own (oldest first),
    and the team's complaint figures for the header."""
    figures = team_figures(uow, workspace_id, team, now)
    by_rep: dict[str, list[ComplaintItem]] = {}
    for c in uow.complaints.open_for_team(workspace_id, team):
        customer = uow.customers.get(c.workspace_id, c.customer_id) if c.customer_id else None
        rep = customer.owner_id if customer is not None else c.owner_id
        by_rep.setdefault(rep, []).append(ComplaintItem(
            number=c.number, customer_id=c.customer_id, customer=c.customer_name,
            priority=c.priority, status=c.status, owner_id=c.owner_id,
            age_hours=round((now - c.created_at).total_seconds() / 3600, 1)))
    summary = ComplaintSummary(
        open_count=len(figures.open), count=figures.count, resolved=figures.resolved,
        median_ack_minutes=figures.median_ack_minutes,
        median_resolve_hours=figures.median_resolve_hours, breaches=figures.breaches)
    return tuple(replace(r, complaints=tuple(by_rep.get(r.user_id, ()))) for r in reps), summary
