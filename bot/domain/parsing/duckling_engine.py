"""Quarantine around Duckling (pyduckling-native-phihos): one function, one lock.

Duckling is the measured best general time-phrase finder for English and the long
tail of Chinese forms (see docs/parsing.md). Its quirks are handled here only:
- its zone reader silently falls back to UTC for names it lacks (all of ``Etc/*``)
  and misreads the "slim" TZif files of the tzdata package (New York at -04:00 in
  January). So Duckling never sees the rep's zone: we ask in UTC with the reference
  shifted to the rep's wall clock and attach the zone afterwards with zoneinfo
  (GUIDE rule 8, as for dateparser). Phrases naming their own zone ("4pm CET") and
  hour/minute durations ("in 2 hours") are real instants and are converted instead;
- "by X" comes back as the interval [now, X): for a follow-up the deadline is X;
- part-of-day intervals (tonight, tomorrow morning) become a representative hour.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from ..storable import storable
from .types import Span

_LOCK = threading.Lock()
# A parse abandoned by the reader's time box may still hold the lock: the next readings then
# go on without Duckling (our own rules still read most phrases) instead of queueing behind it.
LOCK_WAIT = 2.0
_STATE: dict[str, Any] = {}

_NAMED_ZONE = re.compile(
    r"(?i)\b(?:gmt|utc|cet|cest|bst|ist|pst|pdt|est|edt|cst|cdt|mst|mdt|jst|z)\b|[+-]\d{2}:?\d{2}\b"
)
_CLOCK_DURATION = re.compile(
    r"(?i)\b(?:hours?|hrs?|h|minutes?|mins?|seconds?|secs?|sec)\b|[\"']|小时|小時|分钟|分鐘|秒|鐘|钟头"
)
# Part-of-day intervals Duckling returns as [from, to): the hour we use as the due time.
_PART_OF_DAY_START = {0: 9, 4: 9, 12: 14, 18: 18}


def _duckling() -> Any:
    if "mod" not in _STATE:
        import duckling  # heavy native import, paid once in warm_up()

        zoneinfo_dir = resources.files("tzdata") / "zoneinfo"
        _STATE["mod"] = duckling
        _STATE["zones"] = duckling.load_time_zones(str(zoneinfo_dir))
        _STATE["dims"] = duckling.parse_dimensions(["time"])
        _STATE["locales"] = {
            lang: duckling.parse_locale(
                lang, duckling.default_locale_lang(duckling.parse_lang(lang))
            )
            for lang in ("EN", "ZH")
        }
    return _STATE["mod"]


def warm_up() -> None:
    """Load the native library and the zone database; run one parse."""
    with _LOCK:
        _duckling()
    duckling_spans("tomorrow at 3pm", datetime.fromisoformat("2020-01-01T00:00:00+00:00"),
                   ZoneInfo("UTC"), "EN")


def _to_local(raw: str, tz: ZoneInfo, shift: timedelta | None) -> datetime:
    """Duckling's pseudo-UTC wall clock as a time in `tz`; `shift` set: a real instant."""
    value = datetime.fromisoformat(raw)
    if shift is not None:
        return (value - shift).astimezone(tz)
    wall = value.replace(tzinfo=tz)
    return wall.astimezone(UTC).astimezone(tz)  # normalises a wall time in a DST gap


def _span_from(
    entity: dict[str, Any], tz: ZoneInfo, shift: timedelta | None, now: datetime
) -> Span | None:
    value = entity["value"]
    kind = value.get("type")
    if kind == "value":
        when = _to_local(value["value"], tz, shift)
        grain = str(value["grain"])
    elif kind == "interval":
        start, end = value.get("from"), value.get("to")
        if start and end:
            first = _to_local(start["value"], tz, shift)
            last = _to_local(end["value"], tz, shift)
            if (start["grain"] == "second" and abs((first - now).total_seconds()) < 120
                    and (last - now).total_seconds() > 120):
                # "by Friday 3pm" is [now, Fri 15:00): the deadline is the end. Duckling
                # reports that end to the second even for "by Friday": midnight means a day.
                when = _to_local(end["value"], tz, shift)
                grain = "day" if (when.hour, when.minute, when.second) == (0, 0, 0) else "minute"
            elif start["grain"] == "hour" and first.hour in _PART_OF_DAY_START and (
                3 * 3600 < (last - first).total_seconds() <= 12 * 3600
            ):  # a part of day (not "lunch", 12-14, which keeps its start)
                when = first.replace(hour=_PART_OF_DAY_START[first.hour])
                grain = "hour"
            else:
                when, grain = first, str(start["grain"])
        elif start:
            when, grain = _to_local(start["value"], tz, shift), str(start["grain"])
        elif end:
            when, grain = _to_local(end["value"], tz, shift), str(end["grain"])
        else:
            return None
    else:
        return None
    return Span(int(entity["start"]), int(entity["end"]), when, grain, "duckling")


def duckling_spans(text: str, now: datetime, tz: ZoneInfo, lang: str) -> list[Span]:
    """Every time phrase Duckling finds in `text` ("EN" or "ZH" rules), resolved in `tz`;
    none when Duckling is still busy with an earlier text after LOCK_WAIT seconds."""
    local_now = now.astimezone(tz)
    offset = local_now.utcoffset() or timedelta()
    if not _LOCK.acquire(timeout=LOCK_WAIT):
        return []
    try:
        mod = _duckling()
        wall_seconds = int(now.timestamp() + offset.total_seconds())
        ref = mod.parse_ref_time(_STATE["zones"], "UTC", wall_seconds)
        ctx = mod.Context(ref, _STATE["locales"][lang])
        # The binding panics on a NUL (it builds a C string); same length keeps the offsets.
        entities = mod.parse(storable(text), ctx, _STATE["dims"], False)
    finally:
        _LOCK.release()
    spans = []
    for entity in entities:
        said = text[int(entity["start"]) : int(entity["end"])]
        # a named zone gives a real instant; an hour/minute duration is now + N real hours
        shift = timedelta() if _NAMED_ZONE.search(said) else None
        shift = offset if shift is None and _CLOCK_DURATION.search(said) else shift
        span = _span_from(entity, tz, shift, local_now)
        if span is not None:
            spans.append(span)
    return spans
