"""Reading what follows /customer: a move, tag changes, `new`, or a name."""

from __future__ import annotations

import re

from bot.domain.classification import axis_named
from bot.domain.mentions import mention_pattern

TAG_WORDS = ("tag", "tags", "标签")
NEW_WORDS = ("new", "新建")


def split_move(text: str) -> tuple[str, str, str] | None:
    """Split "NAME AXIS VALUE" at the last axis word ("stage", "阶段", "close likelihood")."""
    words = text.split()
    for i in range(len(words) - 2, 0, -1):
        for width in (2, 1):
            start = i - width + 1
            if start >= 1 and axis_named(" ".join(words[start:i + 1])):
                return " ".join(words[:start]), " ".join(words[start:i + 1]), \
                    " ".join(words[i + 1:])
    return None


def split_tags(text: str) -> tuple[str, str] | None:
    """Split "NAME tag +urgent -cold" at the last tag word followed by a +tag or -tag (so a
    customer called "Price Tag Ltd" is still just a name)."""
    words = text.split()
    for i in range(len(words) - 2, 0, -1):
        if words[i].casefold() in TAG_WORDS and words[i + 1][:1] in "+-＋－":
            return " ".join(words[:i]), " ".join(words[i + 1:])
    return None


def split_new(text: str) -> str | None:
    """The prefilled name of `/customer new [NAME]` ('' for none), or None if not `new`."""
    head, _, rest = text.partition(" ")
    return rest.strip() if head.casefold() in NEW_WORDS else None


# "Acme Corp assign @kim" (the mention escaped: bot/domain/mentions.py), or 分配给 in Chinese.
_ASSIGN = re.compile(r"^(?P<name>.+?)\s+(?:assign(?:\s+to)?|分配给|分配)\s*"
                     + mention_pattern("to") + "$", re.IGNORECASE)


def split_assign(text: str) -> tuple[str, str] | None:
    """Split "NAME assign @kim" into the name and the user id, or None if not an assignment."""
    match = _ASSIGN.match(text.strip())
    return (match["name"].strip(), match["to"]) if match else None
