"""Text as every database can keep it: people's words arrive with bytes some cannot store."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# NUL: PostgreSQL refuses it in text ("cannot contain NUL"), C libraries (Duckling) panic on
# it. A lone UTF-16 surrogate (JSON allows "\ud800") cannot be encoded as UTF-8 at all, so
# neither SQLite nor PostgreSQL can be handed it.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"  # Unicode's own mark for "a character was here that could not be kept"


def storable(text: str) -> str:
    """`text` with every character a database cannot store replaced by U+FFFD, so it is
    kept (same length, same positions) rather than refused."""
    if (text.isascii() and "\x00" not in text) or not _UNSTORABLE.search(text):
        return text  # the same object: callers test `storable(t) is t` to skip copying
    return _UNSTORABLE.sub(REPLACEMENT, text)


def each_string(value: Any, change: Callable[[str], str]) -> Any:
    """A JSON-shaped value (dicts, lists, strings, numbers) with `change` applied to every
    string in it, keys aside."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {key: each_string(item, change) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [each_string(item, change) for item in value]
    return value


def storable_payload(value: Any) -> Any:
    """A payload with every string storable (a NUL made PostgreSQL refuse a row)."""
    return each_string(value, storable)
