"""Free-text understanding of a rep's follow-up log: who, how, what next, and when.

Public API: `parse_log`, `find_due`, `warm_up` and the value types. Pure: `now` is an
argument and nothing here reads the clock, the environment or the network. The rules
used to resolve time phrases are written down in RULES.md beside this file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.complaint_text import complaint_intent
from bot.domain.log_moves import find_moves

from ..customer_match import KnownCustomer
from . import dateparser_engine, duckling_engine
from .customer import read_log
from .promises import contact_time, every_promise
from .timephrases import choose_due, find_spans, readings_around
from .types import DueReading, ParsedLog, Precision

# Only about 2,000 characters of a log are read (the whole text is kept): Duckling's time
# grows with the square of the length (measured: 2,000 characters 0.08 s, 10,000 2 s,
# 100,000 160 s) and holds the interpreter meanwhile, so a pasted e-mail would stall the
# reader and the acknowledgements of everyone. A log names its customer near the start and
# its promise near the end ("…, send the quote by Friday"), so a long one is read as its
# head and its tail.
PARSE_HEAD, PARSE_TAIL = 1500, 500
PARSE_WINDOW = PARSE_HEAD + PARSE_TAIL


def parse_window(text: str) -> str:
    """What is read of a log: all of it, or its head and tail when it is longer."""
    if len(text) <= PARSE_WINDOW:
        return text
    return f"{text[:PARSE_HEAD]}\n…\n{text[-PARSE_TAIL:]}"


def find_due(
    text: str, *, now: datetime, tz: ZoneInfo, country: str | None = None
) -> DueReading | None:
    """The time phrase in `text` resolved in `tz` against `now` (a past one if only that)."""
    text = parse_window(text)
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
    known_customers: Sequence[str | KnownCustomer] = (),
    country: str | None = None,
) -> ParsedLog:
    """Read customer, contact, channel, summary, every next step with its due time, and when
    it happened, from a log (its `parse_window`)."""
    text = parse_window(text)
    spans = find_spans(text, now, tz, country)
    due, alternatives = choose_due(spans, text, now, tz, future_only=True)
    parsed = read_log(text, due, alternatives, known_customers)
    future, past = readings_around(spans, text, now, tz)
    tasks = every_promise(parsed, text, future)
    promised = {d.due for _, d in tasks[1:] if d is not None}
    # Another promise's time is that promise's, not a second reading of this one's.
    return replace(parsed, tasks=tasks, happened_at=contact_time(past),
                   alternatives=tuple(a for a in parsed.alternatives if a.due not in promised),
                   moves=tuple(find_moves(text)), complaint=complaint_intent(text))


def warm_up() -> None:
    """Pay the parsers' start-up cost (native library, zone data, first parse) now."""
    duckling_engine.warm_up()
    dateparser_engine.warm_up()


__all__ = ["PARSE_WINDOW", "DueReading", "ParsedLog", "Precision", "find_due", "parse_log",
           "parse_window", "warm_up"]
