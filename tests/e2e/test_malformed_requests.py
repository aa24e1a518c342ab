"""A signed request Slack would never send gets 400, no traceback, and reaches no listener."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest

from handlers import ids
from store.models import FollowUp, Notification
from tests.e2e.harness import RunningBot
from tests.e2e.test_core_loop import _count
from tests.fakes import TEAM_ID, FakeSlack, block_actions, dm_message, view_submission
from tests.fakes._wire import FORM, interactive_request, sign

REP = "U0REP"


def _click(**changes: Any) -> dict[str, Any]:
    payload = dict(block_actions(ids.TASK_DONE, "1", user_id=REP, team_id=TEAM_ID,
                                 response_url="https://hooks.slack.com/actions/x").payload)
    payload.update(changes)
    return {k: v for k, v in payload.items() if v is not _DROP}


def _submit(**changes: Any) -> dict[str, Any]:
    payload = dict(view_submission(ids.VIEW_RESCHEDULE, {"when": {"when": "Friday"}},
                                   user_id=REP, team_id=TEAM_ID, private_metadata="1").payload)
    view = dict(payload["view"])
    view.update(changes.pop("view_changes", {}))
    payload["view"] = {k: v for k, v in view.items() if v is not _DROP}
    payload.update(changes)
    return {k: v for k, v in payload.items() if v is not _DROP}


def _event(**event_changes: Any) -> bytes:
    body = dict(dm_message("hello", user_id=REP, team_id=TEAM_ID).payload)
    body["event"] = {**body["event"], **event_changes}
    return json.dumps(body).encode()


_DROP = object()
ACTION = _click()["actions"][0]
INTERACTIVE: dict[str, dict[str, Any]] = {
    "no type": _click(type=_DROP),
    "type not a string": _click(type=["block_actions"]),
    "block_actions without actions": _click(actions=_DROP),
    "empty actions": _click(actions=[]),
    "actions not a list": _click(actions={"0": ACTION}),
    "an action not an object": _click(actions=["task_done"]),
    "action value not a string": _click(actions=[{**ACTION, "value": 12}]),
    "action without action_id": _click(actions=[{**ACTION, "action_id": None}]),
    "user as a string": _click(user=REP),
    "user without id": _click(user={"name": "rep"}),
    "user id not a string": _click(user={"id": 7}),
    "team a list": _click(team=[TEAM_ID]),
    "response_url not a string": _click(response_url={"url": "x"}),
    "menu option value not a string": _click(actions=[{**ACTION, "selected_option": {
        "value": 5}}]),
    "view_submission without view": _submit(view=_DROP),
    "view_submission without state": _submit(view_changes={"state": _DROP}),
    "view_submission without view.type": _submit(view_changes={"type": _DROP}),
    "user id not a Slack id": _click(user={"id": "u0rep" * 20}),
    "state values not blocks": _submit(view_changes={"state": {"values": ["when"]}}),
    "private_metadata not a string": _submit(view_changes={"private_metadata": 12}),
    "authorizations of strings": _click(authorizations=["T1"]),
}
RAW: dict[str, tuple[bytes, str]] = {
    "payload not JSON": (urlencode({"payload": "{not json"}).encode(), FORM),
    "payload a JSON list": (urlencode({"payload": "[1, 2]"}).encode(), FORM),
    "JSON body not JSON": (b"{\"type\": \"event_callback\", ", "application/json"),
    "JSON body a string": (b"\"event_callback\"", "application/json"),
    "form with neither command nor payload": (b"text=hello&user_id=U0REP", FORM),
    "command without user": (urlencode({"command": "/log", "team_id": TEAM_ID}).encode(),
                             FORM),
    "empty body": (b"", FORM),
    "event not an object": (json.dumps({"type": "event_callback", "team_id": TEAM_ID,
                                        "event": "message"}).encode(), "application/json"),
    "message text a list": (_event(text=["hello"]), "application/json"),
    "message user an object": (_event(user={"id": REP}), "application/json"),
    "message user not a Slack id": (_event(user="x" * 100), "application/json"),
    "command user_id empty": (urlencode({"command": "/log", "team_id": TEAM_ID,
                                         "user_id": ""}).encode(), FORM),
    "command response_url not a web address": (urlencode({
        "command": "/complaint", "team_id": TEAM_ID, "user_id": REP, "text": "Acme: late",
        "response_url": "\U00109b7b"}).encode(), FORM),
    "deeply nested JSON": (b"{\"type\":" + b"[" * 100_000 + b"]" * 100_000 + b"}",
                           "application/json"),
}


def test_malformed_requests_get_400_without_a_traceback(bot: RunningBot, slack: FakeSlack,
                                                        caplog: pytest.LogCaptureFixture
                                                        ) -> None:
    caplog.set_level(logging.INFO)
    cases = {name: interactive_request(payload) for name, payload in INTERACTIVE.items()}
    cases |= {name: sign(body, kind) for name, (body, kind) in RAW.items()}
    answers = {name: bot.send(request)[0] for name, request in cases.items()}
    assert answers == dict.fromkeys(cases, 400)
    bot.settle()
    assert "Traceback" not in caplog.text and "listener failed" not in caplog.text
    refused = [r for r in caplog.records if r.getMessage().startswith("refused a malformed")]
    assert len(refused) == len(cases)
    # No listener ran: nothing was answered, stored or sent.
    assert [c.method for c in slack.calls if c.method != "auth.test"] == []
    assert _count(bot, FollowUp) == 0 and _count(bot, Notification) == 0


def test_a_well_formed_click_still_reaches_its_listener(bot: RunningBot, slack: FakeSlack
                                                       ) -> None:
    hook = slack.response_url()
    request = interactive_request(_click(response_url=hook))
    assert bot.send(request)[0] == 200
    assert "no longer exists" in str(slack.wait_for(lambda c: c.url == hook).params)


def test_an_unsigned_or_stale_malformed_body_gets_401_not_400(bot: RunningBot,
                                                              slack: FakeSlack) -> None:
    # The shape is judged only for requests Slack signed: an outsider probing which bodies
    # the bot accepts learns nothing but "not signed".
    body, kind = RAW["payload not JSON"]
    forged = sign(body, kind, signing_secret="not-the-secret")
    stale = sign(body, kind, timestamp=1_000_000_000)
    assert [bot.send(forged)[0], bot.send(stale)[0], bot.send(sign(body, kind))[0]] == [
        401, 401, 400]
    assert [c.method for c in slack.calls if c.method != "auth.test"] == []
