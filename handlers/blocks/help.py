"""Every command's help, in the language the person is answered in (English or Chinese)."""

from __future__ import annotations

from typing import Any

from handlers.blocks.i18n import t
from handlers.blocks.text import section


def help_message(command: str, lang: str) -> dict[str, Any]:
    """The help of `/command` ("customer", "review", …): its title and text."""
    return {"text": t(lang, f"{command}_usage_title"),
            "blocks": [section(t(lang, f"{command}_usage"))]}
