"""Quarantine around Duckling (pyduckling-native-phihos): one function, one lock.

Duckling is the measured best general time-phrase finder for English and the long
tail of Chinese forms (see docs/parsing.md). Its quirks are handled here only:
- it silently falls back to UTC for zones it does not know (all of ``Etc/*``); then
  we ask in UTC with the reference shifted by the zone's offset and re-label the
  wall clock in the rep's zone;
- "by X" comes back as the interval [now, X): for a follow-up the deadline is X;
- part-of-day intervals (tonight, tomorrow morning) become a representative hour.
"""

from __future__ import annotations

import threading
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from .types import Span

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}

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
            lang: duckling.parse_locale(lang, duckling.default_locale_lang(duckling.parse_lang(lang)))
            for lang in ("EN", "ZH")
        }
    return _STATE["mod"]


def warm_up() -> None:
    """Load the native library and the zone database; run one parse."""
    with _LOCK:
        _duckling()
    duckling_spans("tomorrow at 3pm", datetime.fromisoformat("2020-01-01T00:00:00+00:00"),
                   ZoneInfo("UTC"), "EN")


@lru_cache(maxsize=256)
def _zone_known(key: str) -> bool:
    mod = _STATE["mod"]
    probe = datetime.fromisoformat("2021-07-01T12:00:00+00:00")
    ctx = mod.Context(mod.parse_ref_time(_STATE["zones"], key, int(probe.timestamp())),
                      _STATE["locales"]["EN"])
    got = mod.parse("now", ctx, _STATE["dims"], False)
    if not got:
        return False
    offset = datetime.fromisoformat(got[0]["value"]["value"]).utcoffset()
    return offset == probe.astimezone(ZoneInfo(key)).utcoffset()


def _to_local(raw: str, tz: ZoneInfo, relabel: bool) -> datetime:
    value = datetime.fromisoformat(raw)
    if relabel:
        return value.replace(tzinfo=None).replace(tzinfo=tz)
    return value.astimezone(tz)


def _span_from(entity: dict[str, Any], tz: ZoneInfo, relabel: bool, now: datetime) -> Span | None:
    value = entity["value"]
    kind = value.get("type")
    if kind == "value":
        when = _to_local(value["value"], tz, relabel)
        grain = str(value["grain"])
    elif kind == "interval":
        start, end = value.get("from"), value.get("to")
        if start and end:
            first = _to_local(start["value"], tz, relabel)
            last = _to_local(end["value"], tz, relabel)
            if (start["grain"] == "second" and abs((first - now).total_seconds()) < 120
                    and (last - now).total_seconds() > 120):
                # "by Friday 3pm" is [now, Fri 15:00): the deadline is the end
                when, grain = _to_local(end["value"], tz, relabel), "minute"
            elif start["grain"] == "hour" and first.hour in _PART_OF_DAY_START and (
                3 * 3600 < (last - first).total_seconds() <= 12 * 3600
            ):  # a part of day (not "lunch", 12-14, which keeps its start)
                when = first.replace(hour=_PART_OF_DAY_START[first.hour])
                grain = "hour"
            else:
                when, grain = first, str(start["grain"])
        elif start:
            when, grain = _to_local(start["value"], tz, relabel), str(start["grain"])
        elif end:
            when, grain = _to_local(end["value"], tz, relabel), str(end["grain"])
        else:
            return None
    else:
        return None
    return Span(int(entity["start"]), int(entity["end"]), when, grain, "duckling")


def duckling_spans(text: str, now: datetime, tz: ZoneInfo, lang: str) -> list[Span]:
    """Every time phrase Duckling finds in `text` ("EN" or "ZH" rules), resolved in `tz`."""
    with _LOCK:
        mod = _duckling()
        key = tz.key
        relabel = not _zone_known(key)
        if relabel:
            offset = now.astimezone(tz).utcoffset()
            seconds = int(now.timestamp() + (offset.total_seconds() if offset else 0))
            ref = mod.parse_ref_time(_STATE["zones"], "UTC", seconds)
        else:
            ref = mod.parse_ref_time(_STATE["zones"], key, int(now.timestamp()))
        ctx = mod.Context(ref, _STATE["locales"][lang])
        entities = mod.parse(text, ctx, _STATE["dims"], False)
    local_now = now.astimezone(tz)
    spans = (_span_from(e, tz, relabel, local_now) for e in entities)
    return [s for s in spans if s is not None]
