"""Slack's own payloads, replayed as-is (read from ../shared/slack-fixtures) into the endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from store.models import FollowUp
from tests.e2e.harness import RunningBot
from tests.fakes import FakeSlack, SignedRequest, load_fixture, replay_fixture

DOCS_TEAM = "T123ABC456"  # the workspace of Slack's documented examples


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    # The bot's token belongs to the workspace the documented DM example comes from.
    with FakeSlack(team_id=DOCS_TEAM) as fake:
        yield fake


def test_url_verification_echoes_the_challenge(bot: RunningBot) -> None:
    challenge = load_fixture("events/url_verification_bolt_python.json")["challenge"]
    status, body = bot.send(replay_fixture("events/url_verification_bolt_python.json"))
    assert status == 200 and challenge in str(body)


def test_slacks_documented_dm_becomes_a_log_and_gets_a_reply(bot: RunningBot,
                                                             slack: FakeSlack) -> None:
    status, _ = bot.send(replay_fixture("events/message_im_docs.json"))
    assert status == 200
    reply = slack.wait_for("chat.postMessage")
    assert reply.params["channel"] == "D024BE91L"  # the DM it came from
    with bot.runtime.services.uow() as uow:
        stored = uow.session.scalars(select(FollowUp)).one()
        assert stored.raw_text == "Hello hello can you hear me?"
        assert stored.workspace_id == "T123ABC456" and stored.author_id == "U2147483697"


def test_a_redelivered_documented_dm_is_stored_once(bot: RunningBot, slack: FakeSlack) -> None:
    for retry in (None, {"retry": 1}):
        request = replay_fixture("events/message_im_docs.json")
        if retry:
            request.headers["X-Slack-Retry-Num"] = "1"
            request.headers["X-Slack-Retry-Reason"] = "http_timeout"
        assert bot.send(request)[0] == 200
    bot.settle()
    with bot.runtime.services.uow() as uow:
        assert len(uow.session.scalars(select(FollowUp)).all()) == 1
    assert len(slack.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize("fixture", [
    "events/app_mention_socket_mode_python_sdk.json",
    "events/app_mention_enterprise_bolt_python.json",
    "events/message_channel_socket_mode_python_sdk.json",
    "events/message_file_share_bolt_python.json",
    "events/app_home_opened_messages_tab_org_app_bolt_python.json",
    "interactivity/block_actions_message_button_bolt_python.json",
    "interactivity/block_actions_ephemeral_button_bolt_python.json",
    "interactivity/view_closed_bolt_python.json",
    "interactivity/shortcut_global_bolt_python.json",
    "interactivity/message_action_bolt_python.json",
    "slash-commands/hello_world_enterprise_bolt_python.json",
])
def test_payloads_the_bot_does_not_handle_are_acknowledged_and_change_nothing(
        bot: RunningBot, slack: FakeSlack, fixture: str) -> None:
    status, _ = bot.send(replay_fixture(fixture))
    # Events and interactions the bot has no listener for get a quick 2xx/404 (never a 5xx,
    # which would make Slack retry), and nothing is stored or sent.
    assert status in (200, 404)
    bot.settle()
    with bot.runtime.services.uow() as uow:
        assert uow.session.scalars(select(FollowUp)).all() == []
    assert [c.method for c in slack.calls if c.method != "auth.test"] == []


def test_slacks_published_signed_request_is_refused_as_a_replay(bot: RunningBot) -> None:
    example = load_fixture("signing/slack_docs_signature_example.json")
    # Byte for byte what Slack once sent, validly signed in 2018: a replay, so refused.
    sent = int(example["headers"]["X-Slack-Request-Timestamp"])
    assert datetime.now(UTC).timestamp() - sent > 300
    request = SignedRequest(body=example["raw_body"].encode(), headers=dict(example["headers"]))
    assert bot.send(request)[0] == 401
