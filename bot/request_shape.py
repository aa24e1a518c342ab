"""What a request to /slack/events must look like before Bolt or a listener sees it.

Bolt parses and reads a body wherever it likes (`body["user"]["id"]`), so a body that is not
JSON, or carries a list where Slack sends an object, would end in a 500 and a traceback. Each
check names only the key that is wrong, never the value: the reason is logged.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from slack_bolt.request.internals import parse_body

from bot.domain.record_ids import is_slack_id

Kind = type | tuple[type, ...]
NOT_JSON = "the body is not JSON"
_ID = (dict, str)  # Slack sends `user`, `team`, `channel` as an object or as a bare id
# Keys Bolt itself reads from any request to build its context (slack_bolt/request/internals).
COMMON: dict[str, Kind] = {
    "type": str, "token": str, "api_app_id": str, "enterprise": _ID, "team": _ID,
    "user": dict, "channel": dict, "enterprise_id": str, "team_id": str, "user_id": str,
    "channel_id": str, "authorizations": list, "event": dict, "view": dict, "message": dict,
    "container": dict, "actions": list, "state": dict, "response_url": str,
    "response_urls": list, "trigger_id": str, "thread_ts": str, "callback_id": str,
    "is_enterprise_install": (bool, str), "is_ext_shared_channel": bool,
    "function_execution_id": str, "bot_access_token": str, "function_data": dict,
    "previous_message": dict, "item": dict, "assistant_thread": dict, "action_id": str,
    "value": str, "private_metadata": str, "text": str, "command": str, "ts": str,
    "message_ts": str,
}
FLAT_IDS = ("user_id", "team_id", "channel_id", "enterprise_id", "api_app_id")
# Marks that name one message or request, each kept in the keys that make a Slack retry or a
# double click harmless (200 characters, with a prefix): Slack's timestamps are 17
# characters and its trigger ids about 45. A longer one is not Slack's; stored, it overflowed
# those keys on PostgreSQL and the request ended in a 500 (a DM with a 1,000-character ts,
# tests/property/test_entry_points.py).
MARKS = frozenset({"ts", "thread_ts", "event_ts", "message_ts", "action_ts", "trigger_id"})
MARK_LENGTH = 64
# What each kind of request must carry for the listeners that handle it.
REQUIRED: dict[str, tuple[str, ...]] = {
    "block_actions": ("user", "actions"),
    "view_submission": ("user", "view"),
    "view_closed": ("user", "view"),
    "message_action": ("user", "callback_id"),
    "shortcut": ("user", "callback_id"),
    "block_suggestion": ("user", "action_id"),
    "event_callback": ("event",),
    "url_verification": ("challenge",),
}
ACTION: dict[str, Kind] = {"action_id": str, "block_id": str, "value": str, "type": str,
                           "selected_option": dict, "selected_user": str, "action_ts": str}
# A message event is what the DM and thread-reply listeners read, field by field.
MESSAGE: dict[str, Kind] = {"user": str, "channel": str, "ts": str, "thread_ts": str,
                            "event_ts": str, "text": str, "subtype": str, "bot_id": str,
                            "channel_type": str, "client_msg_id": str, "team": str,
                            "blocks": list, "files": list}
EVENT: dict[str, Kind] = {**COMMON, "user": _ID, "channel": _ID, "type": str}
VIEW: dict[str, Kind] = {"id": str, "type": str, "callback_id": str, "private_metadata": str,
                         "state": dict, "team_id": str, "app_installed_team_id": str,
                         "root_view_id": str, "hash": str}


def request_problem(body: str, content_type: str | None) -> str | None:
    """Why this body cannot be a request from Slack (None when it can), parsed exactly as
    Bolt will parse it."""
    try:
        payload = parse_body(body, content_type)
    except (ValueError, RecursionError):  # json's errors are ValueErrors
        return NOT_JSON
    return payload_problem(payload)


def payload_problem(payload: Any) -> str | None:
    """Why an already parsed body cannot be a request from Slack (None when it can)."""
    if not isinstance(payload, dict) or not payload:
        return "the body is not an object"
    if "ssl_check" in payload:
        return None
    if "command" in payload:
        return _keys(payload, {"command": str, "user_id": str, "team_id": str,
                                "trigger_id": str}, "",
                     required=("command", "user_id", "team_id")) or _ids(payload, "") or \
            _reply_urls(payload)
    kind = payload.get("type")
    if not isinstance(kind, str):
        return "no type"
    if "event" in payload and payload["event"] is None:
        return "event is null"  # Bolt reads body.get("event", {}) as an object, for any type
    problem = _keys(payload, COMMON, "", required=REQUIRED.get(kind, ()))
    if problem is None:
        problem = _nested(payload, kind)
    return problem


def _ids(obj: dict[str, Any], where: str) -> str | None:
    """Every id Slack sends, flat or as an object's `id`, has the shape of a Slack id."""
    for key in FLAT_IDS:
        value = obj.get(key)
        if value is not None and not is_slack_id(value):
            return f"{where}{key} is not a Slack id"
    for key in ("user", "team", "channel", "enterprise"):
        part = obj.get(key)
        if isinstance(part, dict) and part.get("id") is not None and not is_slack_id(
                part["id"]):
            return f"{where}{key}.id is not a Slack id"
        if isinstance(part, str) and not is_slack_id(part):
            return f"{where}{key} is not a Slack id"
    return None


def _reply_urls(payload: dict[str, Any]) -> str | None:
    """Where the bot answers is a web address: the work after the answer posts there."""
    urls = [payload.get("response_url")] + [
        part.get("response_url") for part in payload.get("response_urls") or ()
        if isinstance(part, dict)]
    for url in urls:
        if url is None or url == "":  # a click inside a modal has nowhere to answer
            continue
        parts = urlsplit(url) if isinstance(url, str) and url.isascii() else None
        if parts is None or parts.scheme not in ("https", "http") or not parts.netloc:
            return "response_url is not a web address"
    return None


def _nested(payload: dict[str, Any], kind: str) -> str | None:
    problem = _ids(payload, "") or _reply_urls(payload)
    if problem is not None:
        return problem
    if "user" in REQUIRED.get(kind, ()) and not payload["user"].get("id"):
        return "user.id is missing"
    for key in ("authorizations", "response_urls"):
        if not all(isinstance(part, dict) for part in payload.get(key) or ()):
            return f"{key} holds something that is not an object"
    if kind == "block_actions":
        actions = payload["actions"]
        if not actions:
            return "actions is empty"
        for action in actions:
            if not isinstance(action, dict):
                return "an action is not an object"
            problem = _keys(action, ACTION, "actions[].", required=("action_id",))
            option = action.get("selected_option")
            if problem is None and option is not None:
                problem = _keys(option, {"value": str}, "actions[].selected_option.")
            if problem:
                return problem
    if kind in ("view_submission", "view_closed"):
        view = payload["view"]
        # Bolt reads view["type"] for every submission (is it a workflow step?).
        problem = _keys(view, VIEW, "view.", required=("type", "callback_id") + (
            ("state",) if kind == "view_submission" else ()))
        if problem is None and kind == "view_submission":
            values = view["state"].get("values")
            if not isinstance(values, dict) or not all(
                    isinstance(block, dict) and all(isinstance(v, dict) for v in block.values())
                    for block in values.values()):
                return "view.state.values is not a map of blocks"
        return problem
    if kind == "event_callback":
        event = payload["event"]
        return _keys(event, MESSAGE if event.get("type") == "message" else EVENT, "event.",
                     required=("type",)) or _ids(event, "event.")
    return None


def _keys(obj: dict[str, Any], kinds: dict[str, Kind], where: str, *,
          required: tuple[str, ...] = ()) -> str | None:
    for key in required:
        if obj.get(key) is None:
            return f"{where}{key} is missing"
    for key, kind in kinds.items():
        value = obj.get(key)
        if value is not None and not isinstance(value, kind):
            return f"{where}{key} has the wrong type"
        if key in MARKS and isinstance(value, str) and len(value) > MARK_LENGTH:
            return f"{where}{key} is longer than Slack's"
    return None
