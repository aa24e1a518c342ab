"""Matching customer names as people type them: case-, accent- and spacing-insensitive."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz, process

_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def name_key(name: str) -> str:
    """The form two spellings of one customer name share ("Acmé  corp." -> "acme corp")."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = _SPACES.sub(" ", stripped.casefold()).strip()
    return _EDGE_PUNCT.sub("", folded)


def clean_display_name(name: str) -> str:
    """A customer name as it will be stored: trimmed and with inner spacing collapsed."""
    return _SPACES.sub(" ", name).strip(" \t\r\n:,;.-")[:200]


def closest(name: str, candidates: Sequence[tuple[int, str, str]], limit: int = 3,
            cutoff: float = 60.0) -> list[tuple[int, str]]:
    """The existing customers whose names look most like `name`, best first, as (id, name)."""
    key = name_key(name)
    if not key or not candidates:
        return []
    keys = [c[2] for c in candidates]
    found = process.extract(key, keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    return [(candidates[i][0], candidates[i][1]) for _, _, i in found]
