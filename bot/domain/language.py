"""Which language a person wrote in: the bot answers in it (English or Chinese)."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")


def writes_chinese(*texts: str | None) -> bool:
    """True when any of the texts contains Chinese characters."""
    return any(text and _CJK.search(text) for text in texts)
