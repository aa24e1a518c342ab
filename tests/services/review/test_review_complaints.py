"""The nightly review lists each rep's open complaints first and the team's figures on top."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.services.complaints import actions
from bot.services.complaints.raising import ComplaintRequest, raise_complaint
from bot.services.review.build import build_review
from handlers.blocks.review_lines import Style, rep_sections, team_lines
from store.models import Customer
from tests.services.review.test_review import DAY, MORNING, NOW, REP, REP2, WS

STYLE = Style(lang="en", person=lambda u: f"@{u}", text=lambda v, n: (v or "")[:n])


def test_review_lists_open_complaints_first_and_figures_in_the_header(services) -> None:
    with services.uow() as uow:
        for name, owner in (("Acme", REP), ("Delta", REP2), ("Gamma", REP)):
            uow.customers.add(Customer(workspace_id=WS, name=name, name_key=name.casefold(),
                                       owner_id=owner, created_by=owner, created_at=MORNING))
        uow.commit()
    raised = {}
    for key, text in (("a", "Acme: delivery late"), ("d", "Delta: rude on the phone"),
                      ("g", "Gamma: broken printer")):
        out = raise_complaint(services, ComplaintRequest(WS, REP2, text, "command", key),
                              MORNING)
        assert out.complaint is not None
        raised[key] = out.complaint.id
    actions.acknowledge(services, WS, REP, raised["g"], MORNING + timedelta(minutes=20))
    actions.resolve(services, WS, REP, raised["g"], MORNING + timedelta(hours=2))
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    parts = {r.user_id: r for r in review.reps}
    assert [c.customer for c in parts[REP].complaints] == ["Acme"]
    assert [c.customer for c in parts[REP2].complaints] == ["Delta"]
    assert parts[REP].complaints[0].age_hours == 11.0
    figures = review.complaints
    assert figures is not None
    assert (figures.open_count, figures.count, figures.resolved) == (2, 3, 1)
    assert (figures.median_ack_minutes, figures.median_resolve_hours) == (20.0, 2.0)
    header = team_lines(review, STYLE)
    assert header[-1].startswith("Complaints: 2 open; last 30 days 3 raised, 1 resolved")
    first = rep_sections(parts[REP], ZoneInfo("Asia/Shanghai"), STYLE)[0]
    assert first.title == "Open complaints" and first.items[0].startswith("#1 Acme (medium, open)")


def test_a_team_without_complaints_has_no_complaint_lines(services) -> None:
    review = build_review(services, "East", DAY, NOW)
    assert review is not None and all(r.complaints == () for r in review.reps)
    assert not any("Complaints" in line for line in team_lines(review, STYLE))
    assert rep_sections(review.reps[0], ZoneInfo("Asia/Shanghai"), STYLE)[0].title != \
        "Open complaints"
