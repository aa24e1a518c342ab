"""Reading a button click: which record it names, and where its answer goes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.record_ids import split_id
from bot.services.context import ServiceContext
from bot.services.interactions import Reply, refuse_unknown


def target(action: dict[str, Any]) -> tuple[int | None, str]:
    """The record id a button's value starts with, and the rest (`"12:tomorrow"`); None when
    the value names no valid record."""
    return split_id(action.get("value"))


def chosen(action: dict[str, Any]) -> tuple[int | None, str]:
    """The same for the option picked in a menu (`"12:negotiating"`)."""
    option = action.get("selected_option")
    return split_id(option.get("value") if isinstance(option, dict) else None)


def reply_to(body: dict[str, Any], *, form: bool = False, keep: bool = False) -> Reply:
    """Where the answer goes: the clicked message (below it when `keep`: the message holds
    more than what was clicked), and (to open a form) the trigger."""
    return Reply(response_url=body.get("response_url"),
                 trigger_id=body.get("trigger_id") if form else None, keep_message=keep)


def refuse(services: ServiceContext, workspace_id: str, body: dict[str, Any],
           now: datetime) -> None:
    """Tell the person who clicked that the control names no record (nothing is changed)."""
    refuse_unknown(services, workspace_id, body["user"]["id"], reply_to(body), now)
