"""What a person's Home tab shows, as plain values that travel in the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.services.views import TaskView, task_from_payload, to_payload

SECTIONS = ("overdue", "upcoming", "revisits", "a_deals", "complaints", "returning")


@dataclass(frozen=True)
class HomeView:
    """A rep's lists (each with its full count), and a lead's team part when they lead one."""

    user: str
    lang: str
    tz: str
    expanded: str | None = None
    overdue: tuple[TaskView, ...] = ()
    upcoming: tuple[TaskView, ...] = ()
    revisits: tuple[tuple[str, str, str], ...] = ()  # customer, step, due day
    a_deals: tuple[tuple[int, str, str, bool], ...] = ()  # id, customer, stage, aging
    complaints: tuple[tuple[int, str, str, str], ...] = ()  # number, customer, priority, status
    returning: tuple[tuple[int, str, str], ...] = ()  # id, customer, protected until (ISO)
    counts: dict[str, int] = field(default_factory=dict)  # section -> how many in all
    team: str | None = None
    figures: dict[str, Any] | None = None  # team_figures_to_payload, for a lead
    late_reps: tuple[tuple[str, int], ...] = ()  # reps with overdue tasks, most first
    chart_file: str | None = None  # the team's latest chart (a Slack file id), for a lead


def home_to_payload(view: HomeView) -> dict[str, Any]:
    """A JSON-ready copy."""
    data: dict[str, Any] = to_payload(view)
    return data


def home_from_payload(d: dict[str, Any]) -> HomeView:
    """Rebuild a view from its payload."""
    def rows(key: str) -> tuple[Any, ...]:
        return tuple(tuple(row) for row in d.get(key) or ())

    return HomeView(
        user=d["user"], lang=d.get("lang") or "en", tz=d.get("tz") or "UTC",
        expanded=d.get("expanded"),
        overdue=tuple(task_from_payload(x) for x in d.get("overdue") or ()),
        upcoming=tuple(task_from_payload(x) for x in d.get("upcoming") or ()),
        revisits=rows("revisits"), a_deals=rows("a_deals"), complaints=rows("complaints"),
        returning=rows("returning"), counts={k: int(v) for k, v in (d.get("counts") or {}).items()},
        team=d.get("team"), figures=d.get("figures"), late_reps=rows("late_reps"),
        chart_file=d.get("chart_file"))
