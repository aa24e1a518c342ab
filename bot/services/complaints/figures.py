"""Complaint figures for a team's lead: what is open now, and the last 30 days."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.complaints import median
from bot.services.context import ServiceContext
from bot.services.language import own_language
from store.uow import UnitOfWork

WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class OpenComplaint:
    id: int
    number: int
    customer: str
    owner_id: str
    status: str
    priority: str
    category: str
    age_hours: float


@dataclass(frozen=True)
class ComplaintFigures:
    """Open complaints with age and owner; for those raised in the last 30 days: how many,
    how many resolved, median times to acknowledge and resolve, SLA breaches, per owner
    (raised, resolved) and the most frequent categories."""

    team: str
    open: tuple[OpenComplaint, ...] = ()
    count: int = 0
    resolved: int = 0
    median_ack_minutes: float | None = None
    median_resolve_hours: float | None = None
    breaches: int = 0
    per_owner: tuple[tuple[str, int, int], ...] = ()
    categories: tuple[tuple[str, int], ...] = ()

    @property
    def resolution_rate(self) -> float | None:
        """Resolved share of the window's complaints (domain.md target: at least 95%)."""
        return self.resolved / self.count if self.count else None


@dataclass(frozen=True)
class FiguresOutcome:
    status: str  # "figures" | "forbidden" (the blocks say why)
    figures: ComplaintFigures | None = None
    message: str | None = None
    lang: str = "en"  # of the person who asked


def team_figures(uow: UnitOfWork, workspace_id: str | None, team: str,
                 now: datetime) -> ComplaintFigures:
    """The figures of one team at `now` (also used by the nightly review's header)."""
    open_now = tuple(
        OpenComplaint(c.id, c.number, c.customer_name, c.owner_id, c.status, c.priority,
                      c.category, (now - c.created_at).total_seconds() / 3600)
        for c in uow.complaints.open_for_team(workspace_id, team))
    recent = uow.complaints.raised_since(workspace_id, team, now - WINDOW)
    resolved = [c for c in recent if c.status == "resolved" and c.resolved_at]
    acks = [(c.acknowledged_at - c.created_at).total_seconds() / 60
            for c in recent if c.acknowledged_at]
    fixes = [(c.resolved_at - c.created_at).total_seconds() / 3600
             for c in resolved if c.resolved_at]
    breaches = len(uow.complaints.events([c.id for c in recent], ("breach",)))
    owners: dict[str, list[int]] = {}
    for c in recent:
        row = owners.setdefault(c.owner_id, [0, 0])
        row[0] += 1
        row[1] += c.status == "resolved"
    categories = Counter(c.category for c in recent).most_common(3)
    return ComplaintFigures(
        team=team, open=open_now, count=len(recent), resolved=len(resolved),
        median_ack_minutes=median(acks), median_resolve_hours=median(fixes), breaches=breaches,
        per_owner=tuple(sorted(((o, n, r) for o, (n, r) in owners.items()),
                               key=lambda row: (-row[1], row[0]))),
        categories=tuple(categories))


def complaint_figures(ctx: ServiceContext, workspace_id: str, viewer: str,
                      now: datetime) -> FiguresOutcome:
    """/complaints: the figures of the team the viewer leads (admins: their own team)."""
    team = next((t for t in ctx.directory.teams if t.lead == viewer), None)
    if team is None and viewer in ctx.directory.admins:
        team = ctx.directory.team_of(viewer) or (ctx.directory.teams[0]
                                                  if ctx.directory.teams else None)
    with ctx.uow().reading() as uow:
        lang = own_language(ctx, viewer, uow)
        if team is None:
            return FiguresOutcome("forbidden", lang=lang)
        return FiguresOutcome("figures", team_figures(uow, workspace_id, team.name, now),
                              lang=lang)
