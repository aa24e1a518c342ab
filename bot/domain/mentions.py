"""Slack's escaped mention of a person, `<@U123ABC>` or `<@U123ABC|kim>`, read one way.

A slash command's text reaches the bot with every @person escaped like this (the app's
`should_escape`). The user id is matched case-sensitively even inside a pattern that ignores
case elsewhere ("assign" or "ASSIGN"): Slack's ids are upper case, and `<@u123>` is not one.
The label after `|` is whatever the person's name was; it is never read, and may not contain
another `<` or `>` (so two mentions never read as one)."""

from __future__ import annotations

import re

USER_ID = r"[UW][A-Z0-9]{2,31}"
_EXACTLY_ONE = re.compile(r"\s*<@((?-i:" + USER_ID + r"))(?:\|[^<>]*)?>\s*")


def mention_pattern(group: str) -> str:
    """A regex fragment for one escaped mention, its user id captured in the named `group`."""
    return rf"<@(?P<{group}>(?-i:{USER_ID}))(?:\|[^<>]*)?>"


def mentioned_user(text: str) -> str | None:
    """The user id when `text` is one escaped mention and nothing else, else None."""
    found = _EXACTLY_ONE.fullmatch(text)
    return found.group(1) if found else None
