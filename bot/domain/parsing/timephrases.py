"""Find the time phrases in a message and choose the due time (rules in RULES.md)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .duckling_engine import duckling_spans
from .en import en_spans
from .period_ends import as_deadlines, quarter_spans
from .rules import bare_hour
from .traps import mask_traps
from .types import DueReading, Span
from .zh import zh_spans

_CJK = re.compile(r"[\u3400-\u9fff]")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NEXT_WEEKDAY = re.compile(r"(?i)\bnext\s+(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?")
_BARE_CLOCK = re.compile(
    r"(?i)(?:\bat|@|^)\s*(\d{1,2})(?::(\d{2}))?\s*(?:o'?clock)?\s*(?:ish)?$"
)
_PART_OF_DAY = re.compile(r"(?i)morning|afternoon|evening|night|tonight|tonite|noon|lunch")
_DURATION = re.compile(
    r"(?i)^(?:in|within|after)\s+(?:a|an|one|\d+|two|three|four|five|six|seven|few|couple of)?"
    r"\s*(?:days?|weeks?|months?|years?|fortnight)$"
    r"|^(?:a|an|one|\d+|two|three|four|five|six)\s+(?:days?|weeks?|months?|years?|fortnight)"
    r"\s+(?:from\s+now|hence|later)$"
)
_CLOCK_ONLY = re.compile(
    r"(?i)^(?:at\s*|@\s*)?\d{1,2}(?:[:：]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)?$"
    r"|^(?:上午|下午|中午|晚上|早上)?[0-9零一二两兩三四五六七八九十]{1,3}(?:点|點)(?:半|一刻|三刻|[0-9零一二三四五六七八九十]{1,3}分?)?$"
)
_JOIN_GAP = re.compile(r"^[\s,，的]*(?:at|@|by)?\s*$")
# "12月25日前" is "by 25 December"; Duckling reads "25日前" as "25 days ago" and its longer
# span would otherwise win over our date.
_BEFORE_SUFFIX = re.compile(r"^\s*(?:之前|以前|前)$")


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _adjust_duckling(span: Span, text: str, now: datetime) -> Span:
    """Our rules where Duckling's reading differs: durations, bare hours, "next Friday"."""
    said = text[span.start : span.end].strip()
    if _DURATION.match(said):
        day = span.when.replace(hour=0, minute=0, second=0, microsecond=0)
        return Span(span.start, span.end, day, "day", span.source)
    alternatives = list(span.alternatives)
    when = span.when
    bare = _BARE_CLOCK.search(said)
    if bare and span.grain in ("hour", "minute") and not _PART_OF_DAY.search(said):
        hour, other = bare_hour(int(bare.group(1)))
        if other is not None and when.hour in (hour, other):
            when = when.replace(hour=hour)
            if said == bare.group(0).strip() and when <= now:  # clock only, already past
                when += timedelta(days=1)
            alternatives.append((when.replace(hour=other), span.grain))
    nxt = _NEXT_WEEKDAY.search(said)
    if nxt:
        weekday = _WEEKDAYS.index(nxt.group(1).lower())
        today = now.date()
        coming = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
        if coming != when.date():
            alternatives.append((datetime.combine(coming, when.timetz()), span.grain))
    return Span(span.start, span.end, when, span.grain, span.source, tuple(alternatives))


def _join(first: Span, second: Span, text: str) -> Span | None:
    """"明天 3pm", "Friday 下午三点": a day-only span next to a clock-only span."""
    if not _JOIN_GAP.match(text[first.end : second.start]):
        return None
    pairs = ((first, second), (second, first))
    for day, clock in pairs:
        clock_said = text[clock.start : clock.end].strip()
        if day.grain == "day" and clock.precision == "time" and _CLOCK_ONLY.match(clock_said):
            when = datetime.combine(day.when.date(), clock.when.timetz())
            alts = tuple(
                (datetime.combine(day.when.date(), alt.timetz()), grain)
                for alt, grain in clock.alternatives
            )
            return Span(first.start, second.end, when, clock.grain, "joined", alts)
    return None


def find_spans(text: str, now: datetime, tz: ZoneInfo, country: str | None) -> list[Span]:
    """All time phrases in `text`, ours preferred over Duckling's where they overlap."""
    masked = mask_traps(text)
    local_now = now.astimezone(tz)
    own = en_spans(masked, now, tz, country) + quarter_spans(masked, now, tz)
    duck = [_adjust_duckling(s, masked, local_now) for s in duckling_spans(masked, now, tz, "EN")]
    if _CJK.search(masked):
        own += zh_spans(masked, now, tz, country)
        duck += duckling_spans(masked, now, tz, "ZH")
    spans = list(own)
    for candidate in sorted(duck, key=lambda s: s.start - s.end):
        rivals = [s for s in spans if _overlaps(s, candidate)]
        if all(s.source == "zh" and candidate.start <= s.start and s.end <= candidate.end
               and (candidate.end - candidate.start) > (s.end - s.start)
               and not (candidate.start == s.start
                        and _BEFORE_SUFFIX.match(masked[s.end : candidate.end]))
               for s in rivals):
            spans = [s for s in spans if s not in rivals] + [candidate]
    spans = sorted(as_deadlines(spans, now, tz, country), key=lambda s: s.start)
    joined: list[Span] = []
    for span in spans:
        merged = _join(joined[-1], span, masked) if joined else None
        if merged:
            joined[-1] = merged
        else:
            joined.append(span)
    return joined


def _reading(span: Span, text: str) -> DueReading:
    precision = span.precision
    due = span.when if precision == "time" else span.when.replace(hour=0, minute=0, second=0)
    return DueReading(due=due, precision=precision, label=text[span.start : span.end].strip())


def choose_due(
    spans: list[Span], text: str, now: datetime, tz: ZoneInfo, *, future_only: bool
) -> tuple[DueReading | None, tuple[DueReading, ...]]:
    """The due time among `spans` and the other plausible readings, for buttons."""
    today = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    future = [s for s in spans if s.when >= today]
    pool = future if future or future_only else spans
    if not pool:
        return None, ()
    best = max(pool, key=lambda s: (s.end - s.start, -s.start))
    alternatives = [
        DueReading(due=when, precision=_reading(Span(0, 0, when, grain, ""), text).precision,
                   label=text[best.start : best.end].strip())
        for when, grain in best.alternatives
    ]
    alternatives += [_reading(s, text) for s in future if s is not best]
    chosen = _reading(best, text)
    unique = {a.due: a for a in alternatives if a.due != chosen.due}
    return chosen, tuple(unique.values())[:3]


def readings_around(spans: list[Span], text: str, now: datetime, tz: ZoneInfo
                    ) -> tuple[list[DueReading], list[DueReading]]:
    """The time phrases as readings: those from today on, and those of earlier days."""
    today = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    future = [_reading(s, text) for s in spans if s.when >= today]
    past = [_reading(s, text) for s in spans if s.when < today]
    return future, past
