"""A listener's answer through Bolt (ack, respond) leaves without control or bidi characters,
even when the listener forgot to clean it."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from slack_bolt import Ack, App, BoltRequest
from slack_bolt.authorization import AuthorizeResult

from handlers.outbound import CleanCall, clean_answers
from tests.handlers.hostile import EVIL, problems

RAW = {"response_type": "ephemeral", "text": "ok",
       "blocks": [{"type": "section", "text": {"type": "plain_text", "text": EVIL}},
                  {"type": "actions", "elements": [{"type": "button", "action_id": "a",
                                                   "text": {"type": "plain_text",
                                                            "text": EVIL[:20]}}]}]}


def test_the_raw_answer_is_hostile() -> None:
    assert problems(RAW) != []  # so the tests below show the guard at work


def _app() -> App:
    def authorize(**_: Any) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T1", bot_token="xoxb-test",
                               bot_user_id="U0BOT", bot_id="B0BOT")
    app = App(authorize=authorize, signing_secret="secret",
              request_verification_enabled=False)
    app.use(clean_answers)
    return app


def _command() -> BoltRequest:
    body = urlencode({"command": "/log", "text": "x", "user_id": "U0REP0001",
                      "team_id": "T1", "trigger_id": "1.2",
                      "response_url": "https://hooks.slack.com/commands/T1/1/x"})
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})


def test_an_acknowledgement_leaves_clean_whatever_the_listener_passed() -> None:
    app = _app()

    @app.command("/log")
    def careless(ack: Ack) -> None:
        ack(**RAW)

    response = app.dispatch(_command())
    assert response.status == 200
    sent = json.loads(response.body)
    assert problems(sent) == []
    assert "<!channel>" in sent["blocks"][0]["text"]["text"]  # plain text is not escaped


def test_respond_and_say_are_cleaned_too() -> None:
    sent: list[dict[str, Any]] = []
    CleanCall(lambda **kwargs: sent.append(kwargs))(**RAW)
    assert len(sent) == 1 and problems(sent[0]) == []
    assert "<!channel>" in sent[0]["blocks"][0]["text"]["text"]
