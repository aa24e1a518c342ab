"""Quarantine around dateparser: one lock, explicit languages, GUIDE rule 8.

Used only as the last resort of `find_due` for a short phrase nobody else read
(e.g. "25 March 2026" written in an unusual order); see docs/parsing.md for why
it is not the main parser.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import dateparser

from .traps import mask_traps
from .types import DueReading, Precision

_LOCK = threading.Lock()
_LANGUAGES = ["en", "zh"]
_WORTH_TRYING = re.compile(r"[A-Za-z\u4e00-\u9fff].*\d|\d.*[A-Za-z\u4e00-\u9fff]")


def warm_up() -> None:
    """dateparser's first parse costs ~150 ms: pay it at start-up."""
    with _LOCK:
        dateparser.parse("tomorrow 3pm", languages=_LANGUAGES)


def parse_whole(text: str, now: datetime, tz: ZoneInfo) -> DueReading | None:
    """The whole of a short `text` read as one date by dateparser, or None."""
    masked = mask_traps(text).strip()
    if len(masked) > 40 or not _WORTH_TRYING.search(masked):
        return None
    base = now.astimezone(tz).replace(tzinfo=None)  # naive local wall clock (rule 8)
    with _LOCK:
        found = dateparser.parse(
            masked, languages=_LANGUAGES,
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future",
                      "RETURN_TIME_AS_PERIOD": True},
        )
    if found is None:
        return None
    precision: Precision = "time" if (found.hour, found.minute) != (0, 0) else "day"
    return DueReading(due=found.replace(tzinfo=tz), precision=precision, label=text.strip())
