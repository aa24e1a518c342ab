"""Free-text understanding of a rep's follow-up log (first version)."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

import dateparser
from dateparser.search import search_dates

Precision = Literal["day", "time"]


@dataclass(frozen=True)
class DueReading:
    due: datetime
    precision: Precision
    label: str

    def to_json(self) -> dict[str, object]:
        return {"due": self.due.isoformat(), "due_precision": self.precision, "label": self.label}


@dataclass(frozen=True)
class ParsedLog:
    customer: str | None
    contact: str | None
    channel: str | None
    summary: str
    next_step: str | None
    due: DueReading | None
    confidence: float
    alternatives: tuple[DueReading, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The JSON object of the CLI contract."""
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


_LOCK = threading.Lock()
_SETTINGS: dict[str, object] = {"PREFER_DATES_FROM": "future"}


def _dp_search(text: str, now: datetime, tz: ZoneInfo) -> DueReading | None:
    base = now.astimezone(tz).replace(tzinfo=None)
    settings = dict(_SETTINGS, RELATIVE_BASE=base)
    with _LOCK:
        found = search_dates(text, languages=["en", "zh"], settings=settings)  # type: ignore[arg-type]
    if not found:
        return None
    label, value = found[-1]
    precision: Precision = "time" if (value.hour, value.minute) != (0, 0) else "day"
    return DueReading(due=value.replace(tzinfo=tz), precision=precision, label=label)


def find_due(
    text: str, *, now: datetime, tz: ZoneInfo, country: str | None = None
) -> DueReading | None:
    """Find the due time named in ``text``, resolved in ``tz`` against ``now``."""
    return _dp_search(text, now, tz)


_CHANNELS = {
    "call": ("called", "call", "phoned", "打电话", "电话"),
    "visit": ("visited", "visit", "拜访", "上门"),
    "email": ("emailed", "email", "邮件"),
    "chat": ("chatted", "messaged", "wechat", "微信"),
    "meeting": ("met", "meeting", "会议", "开会"),
}


def parse_log(
    text: str,
    *,
    now: datetime,
    tz: ZoneInfo,
    known_customers: Sequence[str] = (),
    country: str | None = None,
) -> ParsedLog:
    """Split a free-text log into customer, channel, summary, next step and due time."""
    customer: str | None = None
    body = text.strip()
    m = re.match(r"^\s*([^:：,，]{1,40})[:：]\s*(.*)$", body, re.S)
    if m:
        customer, body = m.group(1).strip(), m.group(2).strip()
    lowered = text.lower()
    channel = next((c for c, words in _CHANNELS.items() if any(w in lowered for w in words)), None)
    due = find_due(text, now=now, tz=tz, country=country)
    return ParsedLog(
        customer=customer,
        contact=None,
        channel=channel,
        summary=body,
        next_step=None,
        due=due,
        confidence=0.5 if due else 0.3,
    )


def warm_up() -> None:
    """Pay dateparser's first-parse cost now rather than on the first message."""
    with _LOCK:
        dateparser.parse("tomorrow 3pm", languages=["en", "zh"])


__all__ = ["DueReading", "ParsedLog", "Precision", "find_due", "parse_log", "warm_up"]
