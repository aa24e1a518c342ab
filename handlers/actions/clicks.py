"""Reading a button click: which record it names, and where its answer goes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.record_ids import split_id
from bot.services.clicks import Click, receive_click
from bot.services.context import ServiceContext
from bot.services.interactions import Reply, refuse_unknown


def ack_at_once(ack: Ack) -> None:
    """Answer a control that opens a form at once, empty: the form (and the reading it needs)
    follows in a lazy listener, on the request's trigger, alive for 3 seconds."""
    ack()


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


def do_after_answer(services: ServiceContext, workspace_id: str, body: dict[str, Any],
                    does: str, record: int | None, args: tuple[str, ...],
                    now: datetime, *, keep: bool = False) -> None:
    """Store the click for the worker (one INSERT), which does it after Slack has its answer
    and answers on the clicked message (bot/services/clicks.py)."""
    action = (body.get("actions") or [{}])[0]
    when = action.get("action_ts") or body.get("trigger_id") or ""
    receive_click(services, Click(
        workspace_id=workspace_id, user_id=body["user"]["id"], does=does, record=record,
        args=args, response_url=body.get("response_url") or None,
        source_key=f"click:{body['user']['id']}:{action.get('action_id')}:{when}",
        keep_message=keep), now)
