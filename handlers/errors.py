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

from handlers.blocks.text import shown

log = logging.getLogger("bot.errors")
_NAME = re.compile(r"[A-Za-z0-9_./:-]{1,64}")


def handle_error(error: Exception, body: dict[str, Any], request: BoltRequest) -> BoltResponse:
    """A failed slash command answers with an apology that quotes the text back; a failed
    event answers 500 so Slack delivers it again."""
    log.error("listener failed on %s: %s", request_ids(body), type(error).__name__,
              exc_info=error)
    if "command" in body:
        typed = shown(str(body.get("text") or ""), 2500)
        text = ("Sorry, something went wrong on my side and this was not saved. "
                "Please try again in a minute." + (f"\nYou typed:\n>{typed}" if typed else ""))
        return BoltResponse(status=200, body=json.dumps({"response_type": "ephemeral",
                                                        "text": text}),
                            headers={"content-type": ["application/json"]})
    if body.get("type") == "event_callback":
        return BoltResponse(status=500, body="")
    return BoltResponse(status=200, body="")


def request_ids(body: dict[str, Any]) -> str:
    """What a log line may say about a request: its kind and the ids it names."""
    event = _dict(body.get("event"))
    kind = (str(body.get("command") or "") if "command" in body
            else f"{body.get('type') or 'unknown'}")
    detail = (event.get("type") or (_first(body.get("actions")).get("action_id"))
              or _dict(body.get("view")).get("callback_id") or body.get("callback_id"))
    parts = [_safe(kind) + (f" {_safe(detail)}" if isinstance(detail, str) else "")]
    for name, value in (("team", _id(body, "team")), ("user", _id(body, "user") or
                                                     event.get("user")),
                        ("channel", _id(body, "channel") or event.get("channel"))):
        if isinstance(value, str) and value:
            parts.append(f"{name} {_safe(value)}")
    return ", ".join(parts)


def _id(body: dict[str, Any], key: str) -> Any:
    part = body.get(key)
    return part.get("id") if isinstance(part, dict) else body.get(f"{key}_id") or part


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _first(values: Any) -> dict[str, Any]:
    return _dict(values[0]) if isinstance(values, list) and values else {}


def _safe(value: str) -> str:
    # Ids, commands and action ids are short names; anything else in their place (a crafted
    # request can put any text there) is not shown.
    return value if _NAME.fullmatch(value) else "?"
