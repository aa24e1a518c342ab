"""One generator per kind of Slack request, each built from the fixture shapes by
tests/fakes/signing.py, filled with hostile values and then possibly mangled, and signed.

Each generator gives a Probe: the request, and (when the request is well formed and its
text is one the bot promises to keep) where that text must be stored.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from hypothesis import strategies as st

from bot.domain.complaint_text import complaint_body
from bot.services.logs.intake import HELP_WORDS
from handlers import ids
from handlers.blocks.customer_form import AXIS_LABELS, ORDER
from store.models import Complaint, FollowUp
from tests.fakes import (
    TEAM_ID,
    SignedRequest,
    block_actions,
    channel_message,
    dm_message_event,
    event,
    issue_trigger_id,
    message_action,
    slash_command,
    view_submission,
)
from tests.fakes._wire import FORM, form_request, interactive_request, sign
from tests.property.hostile import absurd_ids, any_value, hostile_text, id_values, mangled

REP, REP2, LEAD, ADMIN = "U0REP", "U0REP2", "U0LEAD", "U0ADMIN"
REVIEW_CHANNEL, REVIEW_THREAD = "C0EAST", "1764000000.000001"
Hooks = Callable[[], str]  # issues a fresh response_url of the fake Slack

USERS = st.one_of(st.sampled_from([REP, REP2, LEAD, ADMIN, "U0NOBODY"]),
                  hostile_text(surrogates=False, max_huge=2_000))
MENUS = (ids.CUSTOMER_STAGE, ids.CUSTOMER_LIKELIHOOD, ids.COMPLAINT_CATEGORY,
         ids.COMPLAINT_PRIORITY)
FIELDS = (*ORDER, *AXIS_LABELS, ids.FIELD_CUSTOMER, ids.FIELD_SUMMARY, ids.FIELD_NEXT_STEP,
          ids.FIELD_WHEN, ids.FIELD_OWNER, ids.FIELD_COMPLAINT_TEXT, ids.FIELD_CATEGORY,
          ids.FIELD_PRIORITY)


@dataclass(frozen=True)
class Kept:
    """Where a request's text must be found afterwards, and the text itself."""

    model: type[FollowUp] | type[Complaint]
    source_key: str
    text: str
    required: bool = True  # False: only if a row was made (a complaint may name no customer)


@dataclass(frozen=True)
class Probe:
    request: SignedRequest
    kept: Kept | None = None


def _a_log(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and stripped.casefold() not in HELP_WORDS


@st.composite
def slash_commands(draw: st.DrawFn, hooks: Hooks) -> Probe:
    """Every command of the manifest with hostile text, user and fields."""
    command = draw(st.sampled_from(ids.COMMANDS))
    text = draw(hostile_text(surrogates=False))
    trigger = issue_trigger_id()
    request = slash_command(command, text, user_id=draw(USERS), team_id=TEAM_ID,
                            trigger_id=trigger, response_url=hooks())
    fields, changed = draw(mangled(request.payload, surrogates=False))
    if changed:
        return Probe(form_request(fields))
    key, typed = f"slash:{trigger}", text.strip()
    if command == ids.COMMAND_LOG and _a_log(text):
        return Probe(request, Kept(FollowUp, key, typed))
    if command == ids.COMMAND_COMPLAINT and _a_log(text):
        return Probe(request, Kept(Complaint, key, typed, required=False))
    return Probe(request)


def _message_probe(draw: st.DrawFn, inner: dict[str, Any], kept: Kept | None) -> Probe:
    request = event(inner, team_id=TEAM_ID)
    body, changed = draw(mangled(request.payload))
    if changed:
        raw = json.dumps(body).encode()
        return Probe(sign(raw, "application/json", payload=body))
    return Probe(request, kept)


@st.composite
def direct_messages(draw: st.DrawFn) -> Probe:
    """A message.im event: a log or a complaint ("complaint: …") in the bot's DM."""
    prefix = draw(st.sampled_from(["", "", "complaint: ", "投诉:"]))
    text = prefix + draw(hostile_text())
    user = draw(st.sampled_from([REP, REP2]))
    inner = dm_message_event(text, user_id=user, team_id=TEAM_ID)
    key = f"msg:{inner['channel']}:{inner['ts']}"
    if complaint_body(text) is not None:
        kept: Kept | None = Kept(Complaint, key, text, required=False)
    else:
        kept = Kept(FollowUp, key, text.strip()) if _a_log(text) else None
    return _message_probe(draw, inner, kept)


@st.composite
def thread_replies(draw: st.DrawFn) -> Probe:
    """A message in the team channel, mostly a rep's reply in tonight's review thread."""
    text = draw(hostile_text())
    user = draw(st.sampled_from([REP, REP2, LEAD, "U0NOBODY"]))
    thread = draw(st.sampled_from([REVIEW_THREAD, REVIEW_THREAD, None, "1.0", "abc"]))
    request = channel_message(text, user_id=user, team_id=TEAM_ID, channel=REVIEW_CHANNEL,
                              thread_ts=thread)
    inner = request.payload["event"]
    kept = None
    if thread == REVIEW_THREAD and user in (REP, REP2) and _a_log(text):
        kept = Kept(FollowUp, f"msg:{REVIEW_CHANNEL}:{inner['ts']}", text.strip())
    return _message_probe(draw, inner, kept)


@st.composite
def block_action_clicks(draw: st.DrawFn, hooks: Hooks) -> Probe:
    """A click on any button or menu the bot draws, naming any record, by anyone."""
    action_id = draw(st.sampled_from((*ids.ACTIONS, "not_an_action")))
    value = draw(id_values())
    override: dict[str, Any] = {}
    if action_id in MENUS:
        override = {"type": "static_select", "selected_option": {
            "text": {"type": "plain_text", "text": "x"}, "value": value}}
    container = None
    if draw(st.booleans()):  # clicked inside a modal rather than on a message
        container = {"type": "view", "view_id": "V0HOSTILE"}
    request = block_actions(action_id, value, user_id=draw(USERS), team_id=TEAM_ID,
                            response_url=hooks(), container=container, action=override)
    payload, changed = draw(mangled(request.payload))
    return Probe(interactive_request(payload) if changed else request)


def _state_leaf() -> st.SearchStrategy[Any]:
    option = st.builds(lambda v: {"type": "static_select", "selected_option": {"value": v}},
                       id_values())
    user = st.builds(lambda u: {"type": "users_select", "selected_user": u}, USERS)
    return st.one_of(hostile_text(), option, user)


@st.composite
def view_submissions(draw: st.DrawFn, hooks: Hooks) -> Probe:
    """Any of the bot's modals submitted with hostile inputs and metadata."""
    callback_id = draw(st.sampled_from((*ids.VIEWS, "not_a_view")))
    fields = draw(st.dictionaries(st.sampled_from(FIELDS), _state_leaf(), max_size=8))
    metadata = draw(st.one_of(
        st.builds(lambda i: f"{i}|{hooks()}", absurd_ids()),
        st.builds(lambda i, rest: f"{i}|{rest}", absurd_ids(), hostile_text(max_huge=3_000)),
        hostile_text(max_huge=3_000)))
    request = view_submission(callback_id, {f: {f: leaf} for f, leaf in fields.items()},
                              user_id=draw(USERS), team_id=TEAM_ID, private_metadata=metadata)
    payload, changed = draw(mangled(request.payload))
    return Probe(interactive_request(payload) if changed else request)


@st.composite
def message_shortcuts(draw: st.DrawFn, hooks: Hooks) -> Probe:
    """"Raise complaint" on a message with hostile text."""
    message = {"type": "message", "user": REP2, "ts": "1764000001.000100",
               "text": draw(hostile_text())}
    request = message_action(ids.SHORTCUT_RAISE_COMPLAINT, user_id=draw(USERS),
                             team_id=TEAM_ID, response_url=hooks(), message=message)
    payload, changed = draw(mangled(request.payload))
    return Probe(interactive_request(payload) if changed else request)


def _truncated_json(cut: int) -> str:
    whole = json.dumps({"type": "block_actions", "team": {"id": TEAM_ID},
                        "actions": [{"action_id": ids.TASK_DONE, "value": "1"}]})
    return whole[: cut % len(whole)]


@st.composite
def malformed_bodies(draw: st.DrawFn) -> Probe:
    """Signed bodies Slack's shapes do not allow: an interactivity `payload` that is not a
    JSON object, a form without it, an event body that is not an object."""
    text = st.one_of(hostile_text(surrogates=False, max_huge=5_000),
                     st.integers(0, 400).map(_truncated_json),
                     any_value().map(lambda v: json.dumps(v)))
    kind = draw(st.sampled_from(["payload", "form", "json"]))
    if kind == "payload":
        body = urlencode({"payload": draw(text)}).encode()
        return Probe(sign(body, FORM))
    if kind == "form":
        fields = draw(st.dictionaries(st.sampled_from(["ssl_check", "token", "type", "x"]),
                                      hostile_text(surrogates=False, max_huge=100)))
        return Probe(sign(urlencode(fields).encode(), FORM))
    return Probe(sign(draw(text).encode(), "application/json"))
