"""Value types of the parsing package (kept apart so every module can import them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.domain.complaint_text import ComplaintIntent
    from bot.domain.log_moves import Move

    from ..customer_match import CustomerMatch

Precision = Literal["day", "time"]


@dataclass(frozen=True)
class DueReading:
    """A resolved due time: aware in the rep's zone; "day" precision means 00:00 local."""

    due: datetime
    precision: Precision
    label: str

    def to_json(self) -> dict[str, object]:
        """JSON form used in the `alternatives` list of the CLI contract."""
        return {"due": self.due.isoformat(), "due_precision": self.precision, "label": self.label}


@dataclass(frozen=True)
class ParsedLog:
    """Everything read from one free-text log message."""

    customer: str | None
    contact: str | None
    channel: str | None
    summary: str
    next_step: str | None
    due: DueReading | None
    confidence: float
    alternatives: tuple[DueReading, ...] = ()
    # existing / new / ambiguous, with candidates (bot/domain/customer_match.py)
    customer_match: CustomerMatch | None = None
    # Moves stated about whichever customer the log is about (axis, value), in order.
    moves: tuple[Move, ...] = ()
    complaint: ComplaintIntent | None = None  # it reads as a complaint, and how surely
    # Every promise: (next step, due) pairs, the first being `next_step`/`due` themselves.
    tasks: tuple[tuple[str, DueReading | None], ...] = ()
    happened_at: datetime | None = None  # a past time the log names: when it happened

    def to_json(self) -> dict[str, object]:
        """Exactly the JSON object of the `python -m bot parse` contract."""
        return {
            "customer": self.customer,
            "contact": self.contact,
            "channel": self.channel,
            "summary": self.summary,
            "next_step": self.next_step,
            "due": self.due.due.isoformat() if self.due else None,
            "due_precision": self.due.precision if self.due else None,
            "confidence": round(self.confidence, 2),
            "alternatives": [a.to_json() for a in self.alternatives],
        }


@dataclass(frozen=True)
class Span:
    """A time phrase found in the text, before the due time is chosen.

    `start`/`end` are character offsets; `grain` is Duckling's vocabulary
    (second|minute|hour|day|week|month|quarter|year); `alternatives` are other
    plausible readings of the same words, surfaced to the rep as buttons.
    """

    start: int
    end: int
    when: datetime
    grain: str
    source: str
    alternatives: tuple[tuple[datetime, str], ...] = ()

    @property
    def precision(self) -> Precision:
        """"time" for clock-level grains, else "day"."""
        return "time" if self.grain in ("hour", "minute", "second") else "day"
