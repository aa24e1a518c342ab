"""The bot's logs carry ids, never what people typed, response URLs or tokens."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

import handlers.commands.customers as customers_command
from bot.logsetup import LIBRARIES, configure
from handlers import ids
from tests.e2e.harness import BOT_TOKEN, RunningBot
from tests.fakes import (
    TEAM_ID,
    TEST_SIGNING_SECRET,
    FakeSlack,
    SignedRequest,
    block_actions,
    dm_message,
    slash_command,
    view_submission,
)
from tests.fakes._wire import FORM, form_request, interactive_request, sign

REP = "U0REP"
TYPED = "qqtyped77 the price Li wants"  # what a rep typed
TOKEN = "qqverif77TokenAbcdefghij"  # the legacy verification token every payload carries
HOOK = "qqhook77"  # a piece of a response_url
SECRETS = ("qqtyped77", "qqverif77", "qqhook77", TEST_SIGNING_SECRET, BOT_TOKEN)


@pytest.fixture
def bot_log(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """The bot's own handler and format (bot/logsetup.py) at production level, then caplog."""
    stream, root = io.StringIO(), logging.getLogger()
    saved = root.handlers[:], root.level, {n: logging.getLogger(n).level for n in LIBRARIES}
    configure((BOT_TOKEN, TEST_SIGNING_SECRET), logging.INFO, stream)
    root.addHandler(caplog.handler)
    yield stream
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def _hook(slack: FakeSlack) -> str:
    return slack.response_url() + HOOK


def _interactive(request: SignedRequest, **changes: Any) -> SignedRequest:
    return interactive_request({**request.payload, "token": TOKEN, **changes})


def _event(inner: dict[str, Any]) -> SignedRequest:
    body = {**dm_message("x", user_id=REP, team_id=TEAM_ID).payload, "token": TOKEN,
            "event": inner}
    return sign(json.dumps(body).encode(), "application/json")


def _hostile(slack: FakeSlack) -> list[SignedRequest]:
    dm = dm_message(TYPED, user_id=REP, team_id=TEAM_ID).payload["event"]
    click = block_actions(ids.TASK_DONE, TYPED, user_id=REP, team_id=TEAM_ID,
                          response_url=_hook(slack))
    unknown_click = block_actions("qqtyped77_button", TYPED, user_id=REP, team_id=TEAM_ID,
                                  response_url=_hook(slack))
    form = view_submission(ids.VIEW_RESCHEDULE, {ids.FIELD_WHEN: {ids.FIELD_WHEN: TYPED}},
                           user_id=REP, team_id=TEAM_ID, private_metadata="9|" + _hook(slack))
    unknown_form = view_submission("qqtyped77_form", {"b": {"a": TYPED}}, user_id=REP,
                                   team_id=TEAM_ID)
    command = {"user_id": REP, "team_id": TEAM_ID, "token": TOKEN}
    return [
        slash_command(ids.COMMAND_LOG, TYPED, response_url=_hook(slack), **command),
        slash_command("/qqtyped77", TYPED, response_url=_hook(slack), **command),
        slash_command(ids.COMMAND_CUSTOMERS, TYPED, response_url=_hook(slack), **command),
        _event(dm),
        _event({**dm, "type": "qqtyped77_event"}),
        _interactive(click), _interactive(unknown_click),
        _interactive(form), _interactive(unknown_form),
        form_request({"command": "/log", "text": TYPED, "user_id": REP, "team_id": TEAM_ID,
                      "token": TOKEN}, signing_secret="not-the-secret"),
        sign(urlencode({"payload": "{" + TYPED + TOKEN}).encode(), FORM),
    ]


def test_hostile_requests_leave_ids_but_no_text_in_the_log(
        bot: RunningBot, slack: FakeSlack, bot_log: io.StringIO,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_list(*_args: Any) -> Any:  # a fault whose message quotes what was typed
        raise ValueError(f"cannot read {TYPED!r} for {_hook(slack)!r} with {TOKEN!r}")

    monkeypatch.setattr(customers_command, "list_customers", failing_list)
    statuses = [bot.send(request)[0] for request in _hostile(slack)]
    bot.settle()
    assert statuses == [200, 404, 200, 200, 404, 200, 404, 200, 404, 401, 400]
    written, captured = bot_log.getvalue(), caplog.text
    for secret in SECRETS:
        assert secret not in written and secret not in captured, secret
    # What is logged still says which request failed, and for whom.
    # /customers is answered after its acknowledgement (a lazy listener): failed there.
    assert f"work after the answer failed on /customers, team {TEAM_ID}, user {REP}" in written
    assert "Traceback" in written and "ValueError: cannot read '(hidden)'" in written
    assert f"answered 404 to block_actions ?, team {TEAM_ID}, user {REP}" in written
    assert f"answered 401 to /log, team {TEAM_ID}, user {REP}" in written
    assert "refused a malformed request: the body is not JSON" in written


def test_slack_libraries_never_log_below_info(bot_log: io.StringIO) -> None:
    configure((), logging.DEBUG, bot_log)
    for name in (*LIBRARIES, "slack_sdk.web.base_client", "slack_bolt.App"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.INFO, name
    assert logging.getLogger("bot").getEffectiveLevel() == logging.DEBUG
