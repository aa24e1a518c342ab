"""A period named as a deadline ("this week", "这周", "本月内", "今年", "by end of quarter")
means its last working day: the start of a period already under way is no due time at all."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from . import calendar as cal
from .rules import add_months, at
from .types import Span

_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_QUARTER = re.compile(
    r"(?i)\b(?:eoq|quarter[-\s]end|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?quarter)\b"
    r"|(?:本|这个?|這個?|今)?季度(?:末|底|内|內)?"
)


def _next_start(start: date, grain: str) -> date:
    if grain == "week":
        return start + timedelta(days=7)
    return add_months(start, _MONTHS[grain])


def _last_working_day(start: date, grain: str, country: str | None) -> date:
    """The period's last working day; its last day when it has none (a week of holidays)."""
    end = _next_start(start, grain) - timedelta(days=1)
    day = end
    while day >= start:
        if cal.is_working_day(day, country):
            return day
        day -= timedelta(days=1)
    return end


def _period_start(day: date, grain: str) -> date:
    if grain == "week":
        return day - timedelta(days=day.weekday())
    first_month = day.month - (day.month - 1) % _MONTHS[grain]
    return date(day.year, first_month, 1)


def quarter_spans(text: str, now: datetime, tz: ZoneInfo) -> list[Span]:
    """"end of quarter", "本季度": the current quarter (its end chosen by `as_deadlines`)."""
    today = now.astimezone(tz).date()
    start = _period_start(today, "quarter")
    return [Span(m.start(), m.end(), at(start, 0, 0, tz), "quarter", "en")
            for m in _QUARTER.finditer(text)]


def as_deadlines(spans: list[Span], now: datetime, tz: ZoneInfo,
                 country: str | None) -> list[Span]:
    """Each span naming the week, month, quarter or year under way, read as its last
    working day (today when that has passed); other spans as they are."""
    today = now.astimezone(tz).date()
    out = []
    for span in spans:
        start = span.when.astimezone(tz).date()
        if span.grain in ("week", *_MONTHS) and start <= today < _next_start(start, span.grain):
            end = max(_last_working_day(start, span.grain, country), today)
            span = Span(span.start, span.end, at(end, 0, 0, tz), "day", span.source)
        out.append(span)
    return out
