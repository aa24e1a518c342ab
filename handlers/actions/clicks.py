"""Reading a button click: which record it names, and where its answer goes."""

from __future__ import annotations

from typing import Any

from bot.services.interactions import Reply


def target(action: dict[str, Any]) -> tuple[int | None, str]:
    """The record id a button's value starts with, and the rest (`"12:tomorrow"`).

    A value is user input (a crafted payload can carry anything), so a malformed one
    names no record.
    """
    head, _, rest = str(action.get("value", "")).partition(":")
    return (int(head) if head.isdigit() else None), rest


def reply_to(body: dict[str, Any], *, form: bool = False) -> Reply:
    """Where the answer goes: the clicked message, and (to open a form) the trigger."""
    return Reply(response_url=body.get("response_url"),
                 trigger_id=body.get("trigger_id") if form else None)
