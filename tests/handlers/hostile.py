"""Hostile user text, values filled with it, and a checker for every string of a payload.

`fill` builds any view dataclass with the hostile text in every text field it does not know
to be an id or a fixed vocabulary, so a field added later is hostile without anyone
remembering to make it so. `problems` walks a Slack payload and lists every string that could
ping, disguise a link, carry control or bidi characters, or break one of Slack's limits.
"""

from __future__ import annotations

import json
import re
import types
import typing
import unicodedata
from dataclasses import MISSING, fields, is_dataclass
from datetime import UTC, date, datetime, time
from typing import Any

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one grapheme, five code points
LONE_SURROGATE = json.loads('"\\ud83d"')  # what a JSON body can carry
# Control and bidi characters first, so that a label cut at 24 or 75 characters still has
# them; a mention, a broadcast, a disguised link, an entity, a split emoji after.
EVIL = (f"\u202e\x07\x00{LONE_SURROGATE}\u2066\u200f\u061c\x1b[2J <!channel> <@U0LEAD0001> "
        f"<https://evil.example|bank> {FAMILY} &amp; &lt;b <!here|here> \u2069x\r\n{FAMILY}")
LONG = EVIL + ("长" * 10_000) + FAMILY
TEXTS = {"short": EVIL, "long": LONG}

USER = "U0REP0001"  # ids are Slack's, never typed by a user
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
IDS = {"owner", "actor", "backup", "lead", "raised_by", "by", "target", "user", "channel_id"}
VOCABULARY: dict[str, Any] = {
    "tz": "Asia/Shanghai", "timezone": "Asia/Shanghai", "pool_tz": "Asia/Shanghai",
    "due_precision": "time",
    "precision": "time", "category": "service", "priority": "high", "stage": "negotiating",
    "likelihood": "A", "tier": "A", "value_tier": "A", "axis": "likelihood", "kind": "upgraded",
    "lang": "en", "language": "en", "entity": "customer", "field": "likelihood", "channel": "visit",
    "country": None, "link": "https://example.slack.com/archives/C0TEAM/p1700000000000100",
    "ts": "1700000000.000100", "working_days": ("mon", "tue"), "members": (USER,),
    "people": (USER,), "status": "open", "old": "B", "new": "A"}
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)

# Slack's limits for a text object, by where it sits (parent key, or the block's type).
TEXT_LIMITS = {"title": 24, "submit": 24, "close": 24, "header": 150, "button": 75,
               "option": 75, "description": 75, "placeholder": 150, "label": 2000,
               "hint": 2000, "fields": 2000, "section": 3000, "context": 3000,
               "confirm": 30, "deny": 30, "initial_value": 3000}
STRING_LIMITS = {"value": 2000, "action_id": 255, "block_id": 255, "callback_id": 255,
                 "private_metadata": 3000, "url": 3000}


def fill(cls: Any, text: str, **fixed: Any) -> Any:
    """An instance of the dataclass `cls` with `text` in every free-text field."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name in fixed:
            values[f.name] = fixed[f.name]
        elif f.name in VOCABULARY:
            values[f.name] = VOCABULARY[f.name]
        else:
            values[f.name] = _value(f.name, hints[f.name], text, f.default)
    return cls(**values)


def _value(name: str, hint: Any, text: str, default: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _value(name, next(a for a in args if a is not type(None)), text, default)
    if hint is str:
        return USER if name in IDS or name.endswith("_id") else text
    if hint is bool:
        return True
    if hint in (int, float):
        return hint(3)
    if hint is datetime:
        return NOW
    if hint is date:
        return NOW.date()
    if hint is time:
        return time(18, 30)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple(_value(name, args[0], text, MISSING) for _ in range(2))
    if origin is tuple:
        return tuple(_value(name, a, text, MISSING) for a in args)
    if is_dataclass(hint):
        return fill(hint, text)
    if default is not MISSING:
        return default
    raise TypeError(f"no hostile value for {name}: {hint}")


def problems(payload: Any, mrkdwn_root: bool = True) -> list[str]:
    """Every string of `payload` that breaks a rule, with where it is."""
    found: list[str] = []
    _walk(payload, "$", "", "mrkdwn" if mrkdwn_root else "other", found)
    return found


def _walk(value: Any, path: str, where: str, kind: str, found: list[str]) -> None:
    if isinstance(value, str):
        _check(value, path, where, kind, found)
    elif isinstance(value, list | tuple):
        limit = {"blocks": 100 if ".view" in path else 50, "elements": 25, "options": 100}
        if where in limit and len(value) > limit[where]:
            found.append(f"{path}: {len(value)} items (limit {limit[where]})")
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]", where, "other", found)
    elif isinstance(value, dict):
        text_type = value.get("type") if value.get("type") in ("plain_text", "mrkdwn") else None
        place = _place(value, where)
        for key, item in value.items():
            if text_type and key == "text":
                _check(item, f"{path}.text", place, text_type, found)
            elif key == "initial_value":
                _check(item, f"{path}.{key}", key, "plain_text", found)
            elif key == "text" and isinstance(item, str) and path == "$":
                _check(item, f"{path}.text", "message", kind, found)
            else:
                _walk(item, f"{path}.{key}", key if not text_type else place, "other", found)


def _place(value: dict[str, Any], where: str) -> str:
    """Which limit applies to a text object: its block's or element's type, else its key."""
    kind = value.get("type")
    if kind in ("button", "header", "section", "context"):
        return str(kind)
    if where in ("options", "initial_option") or "value" in value and "text" in value \
            and kind is None:
        return "option"
    return where


_DATE_TOKEN = re.compile(r"<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>|]*>")


def _check(text: Any, path: str, where: str, kind: str, found: list[str]) -> None:
    if not isinstance(text, str):
        return
    bad = [c for c in text if c in BIDI or unicodedata.category(c) == "Cs"
           or (unicodedata.category(c) == "Cc" and c not in "\n\t")]
    if bad:
        found.append(f"{path}: control/bidi characters {sorted(set(map(ascii, bad)))}")
    limit = TEXT_LIMITS.get(where) if kind != "other" else STRING_LIMITS.get(where)
    if where == "message":
        limit = 40_000
    if limit is not None and len(text) > limit:
        found.append(f"{path}: {len(text)} characters in {where} (limit {limit})")
    if kind == "mrkdwn":
        bots_own = _DATE_TOKEN.sub("", text)  # the bot's date tokens hold no user text
        for raw in ("<!", "<@U0LEAD0001>", "<https://evil", "|bank>"):
            if raw in bots_own:
                found.append(f"{path}: raw {raw!r} from user text in mrkdwn")
    elif kind == "plain_text" and any(escaped in text for escaped in (
            "&lt;!channel", "&lt;@U0LEAD0001&gt;", "&amp;amp;")):
        found.append(f"{path}: mrkdwn escaping in plain_text (Slack shows it literally)")
    if text.count(FAMILY[0]) != text.count(FAMILY):
        found.append(f"{path}: a ZWJ emoji was split")
