"""Free-text understanding of a rep's follow-up log: who, how, what next, and when.

Public API: `parse_log`, `find_due`, `warm_up` and the value types. Pure: `now` is an
argument and nothing here reads the clock, the environment or the network. The rules
used to resolve time phrases are written down in RULES.md beside this file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from . import dateparser_engine, duckling_engine
from .customer import read_log
from .timephrases import choose_due, find_spans
from .types import DueReading, ParsedLog, Precision

# Only the first characters of a log are read (the whole text is kept): Duckling's time grows
# with the square of the length (measured: 2,000 characters 0.08 s, 10,000 2 s, 100,000
# 160 s) and holds the interpreter meanwhile, so a pasted e-mail would stall the reader and
# the acknowledgements of everyone. A log names its customer and promise near the start.
PARSE_WINDOW = 2000


def find_due(
    text: str, *, now: datetime, tz: ZoneInfo, country: str | None = None
) -> DueReading | None:
    """The time phrase in `text` resolved in `tz` against `now` (a past one if only that)."""
    text = text[:PARSE_WINDOW]
    spans = find_spans(text, now, tz, country)
    due, _ = choose_due(spans, text, now, tz, future_only=False)
    if due is None:
        return dateparser_engine.parse_whole(text, now, tz)
    return due


def parse_log(
    text: str,
    *,
    now: datetime,
    tz: ZoneInfo,
    known_customers: Sequence[str] = (),
    country: str | None = None,
) -> ParsedLog:
    """Read customer, contact, channel, summary, next step and due time from the first
    PARSE_WINDOW characters of a log."""
    text = text[:PARSE_WINDOW]
    spans = find_spans(text, now, tz, country)
    due, alternatives = choose_due(spans, text, now, tz, future_only=True)
    return read_log(text, due, alternatives, known_customers)


def warm_up() -> None:
    """Pay the parsers' start-up cost (native library, zone data, first parse) now."""
    duckling_engine.warm_up()
    dateparser_engine.warm_up()


__all__ = ["PARSE_WINDOW", "DueReading", "ParsedLog", "Precision", "find_due", "parse_log",
           "warm_up"]
