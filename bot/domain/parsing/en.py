"""English follow-up phrases Duckling lacks or reads differently (rules in RULES.md).

EOD / COB, end of week / month / year, N business days, first thing; everything
else in English is left to Duckling.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from . import calendar as cal
from .rules import add_months, at
from .types import Span

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "a couple of": 2,
}
_COUNT = (
    r"(?P<n>\d{1,3}|a couple of|couple of|one|two|three|four|five|six|seven|eight|nine|ten|an?)"
)
_DAYWORD = (
    r"(?P<day>today|tomorrow|tmrw|tmr|monday|tuesday|wednesday|thursday|friday|mon|tue|tues|"
    r"wed|thu|thur|thurs|fri)"
)
_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}
EOD_HOUR, FIRST_THING_HOUR = 17, 9

_PATTERNS = re.compile(
    r"(?i)\b(?:"
    rf"(?P<bd>(?:in|within|after)\s+)?{_COUNT}\s+(?:business|working|work|biz)\s+days?"
    r"(?:\s+from\s+now)?"
    r"|(?P<nbd>next\s+(?:business|working)\s+day)"
    rf"|(?:{_DAYWORD}\s+(?:by\s+|at\s+)?)?(?P<eod>eod|cob|eob|end\s+of\s+(?:the\s+)?(?:business\s+)?day|"
    r"close\s+of\s+(?:business|play))(?:\s+" + _DAYWORD.replace("day>", "day2>") + r")?"
    r"|(?P<first>first\s+thing)(?:\s+(?:in\s+the\s+morning|tomorrow(?:\s+morning)?|"
    r"monday|tuesday|wednesday|thursday|friday))?"
    r"|(?P<eow>eow|end\s+of\s+(?:the\s+|this\s+)?week)"
    r"|(?P<eom>eom|end\s+of\s+(?:the\s+|this\s+)?month|month[-\s]end)"
    r"|(?P<eonm>end\s+of\s+next\s+month)"
    r"|(?P<bonm>(?:beginning|start|early)\s+(?:of\s+)?next\s+month)"
    r"|(?P<eoy>eoy|end\s+of\s+(?:the\s+|this\s+)?year|year[-\s]end)"
    r")\b"
)


def _count(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text, 1)


def _named_day(word: str, today: date, country: str | None) -> date:
    word = word.lower()
    if word == "today":
        return today
    if word.startswith("tm") or word == "tomorrow":
        return today + timedelta(days=1)
    weekday = _WEEKDAY_INDEX[word[:3]]
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def en_spans(text: str, now: datetime, tz: ZoneInfo, country: str | None) -> list[Span]:
    """English deadline phrases in `text`, resolved against `now` in `tz`."""
    local = now.astimezone(tz)
    today = local.date()
    spans: list[Span] = []
    for match in _PATTERNS.finditer(text):
        g = match.groupdict()
        grain = "day"
        if g["n"] is not None and not g["eod"]:
            day = cal.add_working_days(today, _count(g["n"]), country)
        elif g["nbd"]:
            day = cal.next_working_day(today, country)
        elif g["eod"]:
            named = g["day"] or g["day2"]
            day = _named_day(named, today, country) if named else today
            when = at(day, EOD_HOUR, 0, tz)
            if not named and when <= local:
                when = at(cal.next_working_day(today, country), EOD_HOUR, 0, tz)
            spans.append(Span(match.start(), match.end(), when, "hour", "en"))
            continue
        elif g["first"]:
            said = match.group(0).lower()
            if "tomorrow" in said:
                day = today + timedelta(days=1)
            elif any(d in said for d in _WEEKDAY_INDEX):
                day = _named_day(said.split()[-1], today, country)
            else:
                day = cal.next_working_day(today, country, include=local.hour < FIRST_THING_HOUR)
            spans.append(Span(match.start(), match.end(), at(day, FIRST_THING_HOUR, 0, tz),
                              "hour", "en"))
            continue
        elif g["eow"]:
            friday = today + timedelta(days=4 - today.weekday())
            day = friday if friday >= today else friday + timedelta(days=7)
        elif g["eom"] or g["eonm"]:
            month = add_months(today.replace(day=1), 1 if g["eonm"] else 0)
            day = cal.last_working_day_of_month(month.year, month.month, country)
            if day < today:
                month = add_months(month, 1)
                day = cal.last_working_day_of_month(month.year, month.month, country)
        elif g["bonm"]:
            month = add_months(today.replace(day=1), 1)
            day = cal.first_working_day_of_month(month.year, month.month, country)
        else:
            day = cal.last_working_day_of_month(today.year, 12, country)
        spans.append(Span(match.start(), match.end(), at(day, 0, 0, tz), grain, "en"))
    return spans
