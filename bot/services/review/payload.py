"""The nightly review as a JSON payload and back (it travels in the outbox to be rendered)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.domain.review import (
    ComplaintItem,
    ComplaintSummary,
    DealLine,
    LogLine,
    MoveLine,
    RepReview,
    TaskLine,
    TeamReview,
)
from bot.services.views import to_payload


def review_to_payload(review: TeamReview) -> dict[str, Any]:
    """A JSON-ready copy of the review (dates and times as ISO-8601)."""
    data: dict[str, Any] = to_payload(review)
    return data


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _deal(d: dict[str, Any]) -> DealLine:
    return DealLine(**{**d, "last_contact": _dt(d.get("last_contact")),
                       "due_at": _dt(d.get("due_at")), "a_since": _dt(d.get("a_since"))})


def _move(d: dict[str, Any]) -> MoveLine:
    return MoveLine(**{**d, "at": datetime.fromisoformat(d["at"])})


def _task(d: dict[str, Any]) -> TaskLine:
    return TaskLine(**{**d, "due_at": _dt(d.get("due_at")), "done_at": _dt(d.get("done_at"))})


def _log(d: dict[str, Any]) -> LogLine:
    return LogLine(**{**d, "at": datetime.fromisoformat(d["at"])})


def rep_from_payload(d: dict[str, Any]) -> RepReview:
    """Rebuild one rep's part."""
    return RepReview(
        user_id=d["user_id"], a_deals=tuple(_deal(x) for x in d["a_deals"]),
        b_count=int(d["b_count"]), c_count=int(d["c_count"]),
        unrated_count=int(d["unrated_count"]), moved=tuple(_move(x) for x in d["moved"]),
        tasks_done=tuple(_task(x) for x in d["tasks_done"]),
        logs=tuple(_log(x) for x in d["logs"]), overdue=tuple(_task(x) for x in d["overdue"]),
        stalled=tuple(_deal(x) for x in d["stalled"]),
        complaints=tuple(ComplaintItem(**x) for x in d.get("complaints") or ()))


def review_from_payload(d: dict[str, Any]) -> TeamReview:
    """Rebuild a team's review (with whatever rep parts the payload carries)."""
    return TeamReview(
        team=d["team"], day=date.fromisoformat(d["day"]), timezone=d["timezone"],
        a_drought=bool(d["a_drought"]),
        drought_days=tuple(date.fromisoformat(x) for x in d["drought_days"]),
        by_stage=tuple((str(s), int(n)) for s, n in d["by_stage"]),
        by_likelihood=tuple((g, int(n)) for g, n in d["by_likelihood"]),
        moves=tuple((str(k), int(n)) for k, n in d["moves"]),
        overdue_count=int(d["overdue_count"]),
        reps=tuple(rep_from_payload(r) for r in d.get("reps") or ()),
        complaints=ComplaintSummary(**d["complaints"]) if d.get("complaints") else None)
