"""Team figures as a JSON payload and back: the weekly report is computed by a job and
travels in the outbox to be rendered (its version is the kind's, bot/services/delivery)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.figure_periods import Period
from bot.domain.figures import Churn, ComplaintTimes, Conversion, Figures, Timeliness
from bot.domain.pool_figures import PoolFigures
from bot.domain.revisit_figures import RevisitFigures
from bot.services.figures.compute import FigurePair, TeamFigures
from bot.services.views import to_payload


def team_figures_to_payload(found: TeamFigures) -> dict[str, Any]:
    """A JSON-ready copy (times as ISO-8601, a period's zone by its name)."""
    def pair(p: FigurePair) -> dict[str, Any]:
        return {"current": _figures(p.current), "previous": _figures(p.previous)}

    return {"team": found.team, "kind": found.kind, "timezone": found.timezone,
            "team_pair": pair(found.team_pair) if found.team_pair else None,
            "reps": [[rep, pair(p)] for rep, p in found.reps]}


def _figures(f: Figures) -> dict[str, Any]:
    data: dict[str, Any] = to_payload({k: v for k, v in vars(f).items() if k != "period"})
    period = f.period
    data["period"] = {"kind": period.kind, "zone": period.zone.key,
                      "first_day": period.first_day.isoformat(),
                      "start": period.start.isoformat(), "end": period.end.isoformat(),
                      "cut": period.cut.isoformat()}
    return data


def team_figures_from_payload(d: dict[str, Any]) -> TeamFigures:
    """Rebuild what team_figures_to_payload wrote."""
    def pair(p: dict[str, Any]) -> FigurePair:
        return FigurePair(_rebuilt(p["current"]), _rebuilt(p["previous"]))

    return TeamFigures(team=d["team"], kind=d["kind"], timezone=d["timezone"],
                       team_pair=pair(d["team_pair"]) if d.get("team_pair") else None,
                       reps=tuple((str(rep), pair(p)) for rep, p in d.get("reps") or ()))


def _pairs(rows: Any) -> tuple[tuple[str, int], ...]:
    return tuple((str(k), int(n)) for k, n in rows or ())


def _rebuilt(d: dict[str, Any]) -> Figures:
    p = d["period"]
    revisits = dict(d["revisits"])
    revisits["reasons"] = _pairs(revisits.get("reasons"))
    return Figures(
        period=Period(p["kind"], ZoneInfo(p["zone"]), date.fromisoformat(p["first_day"]),
                      datetime.fromisoformat(p["start"]), datetime.fromisoformat(p["end"]),
                      datetime.fromisoformat(p["cut"])),
        tasks=Timeliness(**d["tasks"]), new_a=int(d["new_a"]),
        conversion=Conversion(**d["conversion"]), churn=Churn(**d["churn"]),
        open_a=d.get("open_a"), aging_a=d.get("aging_a"), revisits=RevisitFigures(**revisits),
        loss_reasons=_pairs(d.get("loss_reasons")), complaints=ComplaintTimes(**d["complaints"]),
        pool=PoolFigures(**d["pool"]),
        working_days=(int(d["working_days"][0]), int(d["working_days"][1])))
