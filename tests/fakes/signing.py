"""Build the exact, signed HTTP requests Slack sends to the bot's request URL."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from typing import Any

from tests.fakes._fixtures import APP_ID, BOT_USER_ID, deep_merge, load_fixture
from tests.fakes._wire import (
    FORM,
    TEST_SIGNING_SECRET,
    SignedRequest,
    compute_signature,
    form_request,
    interactive_request,
    issue_trigger_id,
    new_ts,
    sign,
    trigger_issued_at,
)

__all__ = [
    "TEST_SIGNING_SECRET",
    "SignedRequest",
    "block_actions",
    "channel_message",
    "compute_signature",
    "dm_message",
    "dm_message_event",
    "event",
    "issue_trigger_id",
    "message_action",
    "new_ts",
    "replay_fixture",
    "sign",
    "slash_command",
    "trigger_issued_at",
    "view_submission",
]


def slash_command(
    command: str,
    text: str = "",
    *,
    user_id: str,
    team_id: str,
    channel_id: str = "C111",
    response_url: str | None = None,
    trigger_id: str | None = None,
    signing_secret: str = TEST_SIGNING_SECRET,
    timestamp: int | None = None,
    **extra: str,
) -> SignedRequest:
    """A slash command POST (form fields as in slash-commands/hello_socket_mode_python_sdk.json)."""
    fields: dict[str, Any] = load_fixture("slash-commands/hello_socket_mode_python_sdk.json")[
        "fields"
    ]
    fields.update(
        team_id=team_id,
        channel_id=channel_id,
        user_id=user_id,
        user_name=user_id.lower(),
        command=command,
        text=text,
        api_app_id=APP_ID,
        is_enterprise_install="false",
        response_url=response_url
        or f"https://hooks.slack.com/commands/{team_id}/{secrets.randbelow(10**12)}/{secrets.token_urlsafe(18)}",
        trigger_id=trigger_id or issue_trigger_id(),
    )
    if channel_id.startswith("D"):
        fields["channel_name"] = "directmessage"
    fields.update(extra)
    return form_request(fields, signing_secret=signing_secret, timestamp=timestamp)


def event(
    inner_event: dict[str, Any],
    *,
    team_id: str,
    event_id: str | None = None,
    retry_num: int | None = None,
    retry_reason: str | None = None,
    authed_user_id: str = BOT_USER_ID,
    signing_secret: str = TEST_SIGNING_SECRET,
    timestamp: int | None = None,
) -> SignedRequest:
    """An event_callback JSON POST shaped like events/app_mention_socket_mode_python_sdk.json."""
    body = load_fixture("events/app_mention_socket_mode_python_sdk.json")
    event_ts = str(inner_event.get("event_ts") or inner_event.get("ts") or time.time())
    body.update(
        team_id=team_id,
        api_app_id=APP_ID,
        event=inner_event,
        event_id=event_id or "Ev" + secrets.token_hex(5).upper(),
        event_time=int(float(event_ts)),
        event_context=f"1-{inner_event.get('type')}-{team_id}-{inner_event.get('channel', '')}",
    )
    body["authorizations"][0].update(team_id=team_id, user_id=authed_user_id)
    headers: dict[str, str] = {}
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
    raw = json.dumps(body).encode()
    return sign(
        raw,
        "application/json",
        signing_secret=signing_secret,
        timestamp=timestamp,
        payload=body,
        extra_headers=headers,
    )


def dm_message_event(
    text: str,
    *,
    user_id: str,
    team_id: str,
    channel: str | None = None,
    client_msg_id: str | None = None,
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """The inner message.im event of a user typing in the bot's DM (events/message_im_docs.json)."""
    inner = _typed("events/message_im_docs.json", text, user_id, team_id,
                   channel or f"D{user_id}", ts, client_msg_id)
    if thread_ts:
        inner.update(thread_ts=thread_ts, parent_user_id=user_id)
    return inner


def _typed(fixture: str, text: str, user_id: str, team_id: str, channel: str,
           ts: str | None, client_msg_id: str | None = None) -> dict[str, Any]:
    """The fixture's inner message event, as typed by this user in this channel."""
    inner: dict[str, Any] = load_fixture(fixture)["event"]
    ts = ts or new_ts()
    inner.update(channel=channel, user=user_id, text=text, ts=ts, event_ts=ts,
                 client_msg_id=client_msg_id or str(uuid.uuid4()), team=team_id,
                 blocks=[_rich_text_block(text)])
    return inner


def dm_message(
    text: str,
    *,
    user_id: str,
    team_id: str,
    channel: str | None = None,
    client_msg_id: str | None = None,
    ts: str | None = None,
    thread_ts: str | None = None,
    **event_kw: Any,
) -> SignedRequest:
    """A signed message.im delivery; ``event_kw`` goes to :func:`event` (event_id, retry_num...)."""
    inner = dm_message_event(
        text,
        user_id=user_id,
        team_id=team_id,
        channel=channel,
        client_msg_id=client_msg_id,
        ts=ts,
        thread_ts=thread_ts,
    )
    return event(inner, team_id=team_id, **event_kw)


def channel_message(
    text: str,
    *,
    user_id: str,
    team_id: str,
    channel: str,
    thread_ts: str | None = None,
    ts: str | None = None,
    channel_type: str = "channel",
    **event_kw: Any,
) -> SignedRequest:
    """A signed message.channels (or, with channel_type="group", message.groups) delivery,
    shaped like events/message_channel_socket_mode_python_sdk.json; a reply in a thread when
    ``thread_ts`` is given. ``event_kw`` goes to :func:`event` (event_id, retry_num...)."""
    inner = _typed("events/message_channel_socket_mode_python_sdk.json", text, user_id,
                   team_id, channel, ts)
    inner["channel_type"] = channel_type
    if thread_ts:
        inner.update(thread_ts=thread_ts, parent_user_id=BOT_USER_ID)
    return event(inner, team_id=team_id, **event_kw)


def _rich_text_block(text: str) -> dict[str, Any]:
    section = {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}
    return {"type": "rich_text", "block_id": secrets.token_hex(2), "elements": [section]}


def block_actions(
    action_id: str,
    value: str | None,
    *,
    user_id: str,
    team_id: str,
    response_url: str,
    block_id: str = "8KR",
    container: dict[str, Any] | None = None,
    message: dict[str, Any] | None = None,
    trigger_id: str | None = None,
    channel_id: str | None = None,
    action: dict[str, Any] | None = None,
    signing_secret: str = TEST_SIGNING_SECRET,
    timestamp: int | None = None,
) -> SignedRequest:
    """A button click (or ``action=`` override) on a message, as in block_actions_message_button."""
    payload = load_fixture("interactivity/block_actions_message_button_bolt_python.json")
    msg = message if message is not None else payload["message"]
    channel = channel_id or (container or {}).get("channel_id") or payload["channel"]["id"]
    act = dict(payload["actions"][0], action_id=action_id, block_id=block_id, value=value)
    act["action_ts"] = new_ts()
    act = deep_merge(act, action or {})
    if act.get("value") is None:
        act.pop("value")
    payload.update(
        user={
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": team_id,
        },
        api_app_id=APP_ID,
        container=container
        or {
            "type": "message",
            "message_ts": msg["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
        },
        trigger_id=trigger_id or issue_trigger_id(),
        team={"id": team_id, "domain": "workspace-domain"},
        channel={"id": channel, "name": "directmessage" if channel.startswith("D") else "general"},
        message=msg,
        response_url=response_url,
        actions=[act],
    )
    return interactive_request(payload, signing_secret=signing_secret, timestamp=timestamp)


def _state_leaf(leaf: Any) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": leaf} if isinstance(leaf, str) else leaf


def view_submission(
    callback_id: str,
    values: dict[str, dict[str, Any]],
    *,
    user_id: str,
    team_id: str,
    private_metadata: str = "",
    view_id: str | None = None,
    trigger_id: str | None = None,
    signing_secret: str = TEST_SIGNING_SECRET,
    timestamp: int | None = None,
) -> SignedRequest:
    """A modal submit; ``values`` is state.values ({block: {action: str | element state}})."""
    # Each form Slack opens has its own view id (a submit is known by it): a new one each
    # time unless the test submits the same form again.
    view_id = view_id or f"V{issue_trigger_id().replace('.', '')[-10:]}"
    payload = load_fixture("interactivity/view_submission_bolt_python.json")
    state = {b: {a: _state_leaf(v) for a, v in acts.items()} for b, acts in values.items()}
    template = payload["view"]["blocks"][0]
    blocks = [
        dict(template, block_id=b, element={"type": leaf["type"], "action_id": a})
        for b, acts in state.items()
        for a, leaf in acts.items()
    ]
    user = {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}
    payload.update(
        team={"id": team_id, "domain": "workspace-domain"},
        user=user,
        api_app_id=APP_ID,
        trigger_id=trigger_id or issue_trigger_id(),
    )
    payload["view"].update(
        id=view_id,
        root_view_id=view_id,
        team_id=team_id,
        app_installed_team_id=team_id,
        app_id=APP_ID,
        callback_id=callback_id,
        private_metadata=private_metadata,
        blocks=blocks,
        state={"values": state},
    )
    return interactive_request(payload, signing_secret=signing_secret, timestamp=timestamp)


def message_action(
    callback_id: str,
    *,
    user_id: str,
    team_id: str,
    response_url: str,
    message: dict[str, Any] | None = None,
    channel_id: str = "C111",
    trigger_id: str | None = None,
    signing_secret: str = TEST_SIGNING_SECRET,
    timestamp: int | None = None,
) -> SignedRequest:
    """A message shortcut shaped like interactivity/message_action_bolt_python.json."""
    payload = load_fixture("interactivity/message_action_bolt_python.json")
    msg = message if message is not None else payload["message"]
    payload.update(
        action_ts=new_ts(),
        team={"id": team_id, "domain": "workspace-domain"},
        user={"id": user_id, "name": user_id.lower()},
        channel={
            "id": channel_id,
            "name": "directmessage" if channel_id.startswith("D") else "dev",
        },
        callback_id=callback_id,
        trigger_id=trigger_id or issue_trigger_id(),
        message_ts=msg["ts"],
        message=msg,
        response_url=response_url,
    )
    return interactive_request(payload, signing_secret=signing_secret, timestamp=timestamp)


def replay_fixture(
    relative_path: str,
    *,
    signing_secret: str = TEST_SIGNING_SECRET,
    overrides: dict[str, Any] | None = None,
    timestamp: int | None = None,
) -> SignedRequest:
    """Sign and wrap any fixture file as-is (``overrides`` deep-merge into its fields/payload)."""
    doc = load_fixture(relative_path)
    kw: dict[str, Any] = {"signing_secret": signing_secret, "timestamp": timestamp}
    if relative_path.startswith("socket-mode/") and "payload" in doc:
        kind, doc = doc["type"], doc["payload"]  # the HTTP form of a Socket Mode envelope
        if kind == "slash_commands":
            doc = {"fields": doc}
        elif kind == "interactive":
            return interactive_request(deep_merge(doc, overrides or {}), **kw)
    if "raw_body" in doc and not overrides:
        return sign(doc["raw_body"].encode(), FORM, payload=doc.get("fields", {}), **kw)
    if "fields" in doc:
        return form_request(deep_merge(doc["fields"], overrides or {}), **kw)
    if relative_path.startswith("interactivity/"):
        return interactive_request(deep_merge(doc, overrides or {}), **kw)
    body = deep_merge(doc, overrides or {})
    return sign(json.dumps(body).encode(), "application/json", payload=body, **kw)
