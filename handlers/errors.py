"""The app's error handler: log the failure, tell the user something useful, keep their text.

Logs name a request by its ids only (team, user, channel, kind, which button or form): what
people type, response URLs and tokens never reach the log.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import BoltRequest, BoltResponse

from bot.catalog import tr
from handlers import ids
from handlers.blocks.i18n import language_of
from handlers.blocks.text import shown

log = logging.getLogger("bot.errors")
_ID = re.compile(r"[A-Z0-9]{1,32}")  # Slack's team, user and channel ids
KINDS = ("event_callback", "block_actions", "view_submission", "view_closed", "message_action",
         "shortcut", "block_suggestion", "url_verification", "app_rate_limited")
EVENTS = ("message", "app_mention", "app_home_opened", "app_uninstalled", "tokens_revoked")


def handle_error(error: Exception, body: dict[str, Any], request: BoltRequest) -> BoltResponse:
    """A failed slash command answers with an apology that quotes the text back; a failed
    event answers 500 so Slack delivers it again."""
    log.error("listener failed on %s: %s", request_ids(body), type(error).__name__,
              exc_info=error)
    if "command" in body:
        return BoltResponse(status=200, body=json.dumps({"response_type": "ephemeral",
                                                        "text": apology(body)}),
                            headers={"content-type": ["application/json"]})
    if body.get("type") == "event_callback":
        return BoltResponse(status=500, body="")
    return BoltResponse(status=200, body="")


def apology(body: dict[str, Any]) -> str:
    """What a person is told when their command failed on the bot's side: their text back."""
    typed = shown(str(body.get("text") or ""), 2500)
    # Nothing is read from the database here (it may be what failed): in the typed language.
    lang = language_of(typed)
    sorry = tr(lang, "Sorry, something went wrong on my side and this was not saved. Please "
                     "try again in a minute.")
    return sorry + (tr(lang, "\nYou typed:\n>{text}", text=typed) if typed else "")


def request_ids(body: dict[str, Any]) -> str:
    """What a log line may say about a request: its kind and the ids it names. A command,
    button, form or event the bot does not know is shown as "?" (a crafted request can put
    any text there)."""
    event = _dict(body.get("event"))
    kind = (_known(body.get("command"), ids.COMMANDS) if "command" in body
            else _known(body.get("type"), KINDS))
    detail = _detail(body, event)
    parts = [kind + (f" {detail}" if detail else "")]
    for name, value in (("team", _id(body, "team")),
                        ("user", _id(body, "user") or event.get("user")),
                        ("channel", _id(body, "channel") or event.get("channel"))):
        if isinstance(value, str) and value:
            parts.append(f"{name} {value if _ID.fullmatch(value) else '?'}")
    return ", ".join(parts)


def _detail(body: dict[str, Any], event: dict[str, Any]) -> str:
    """Which event, button, form or shortcut."""
    if event:
        return _known(event.get("type"), EVENTS)
    if body.get("actions"):
        return _known(_first(body.get("actions")).get("action_id"), ids.ACTIONS)
    if "view" in body or "callback_id" in body:
        callback = _dict(body.get("view")).get("callback_id") or body.get("callback_id")
        return _known(callback, ids.VIEWS + ids.SHORTCUTS)
    return ""


def _known(value: Any, names: tuple[str, ...]) -> str:
    return value if isinstance(value, str) and value in names else "?"


def _id(body: dict[str, Any], key: str) -> Any:
    part = body.get(key)
    return part.get("id") if isinstance(part, dict) else body.get(f"{key}_id") or part


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _first(values: Any) -> dict[str, Any]:
    return _dict(values[0]) if isinstance(values, list) and values else {}
