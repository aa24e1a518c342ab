"""Forms open from the request itself (a trigger_id lives 3 s), never behind the outbox:
a stalled sender does not keep a form shut, and a form Slack refuses is reported."""

from __future__ import annotations

import time

from handlers import ids
from tests.e2e.harness import RunningBot
from tests.e2e.test_core_loop import REP
from tests.fakes import TEAM_ID, FakeSlack, dm_message, message_action, slash_command
from tests.fakes._wire import interactive_request

STALL = 4.0  # seconds Slack holds every chat.postMessage: longer than a trigger lives


def _stall_the_sender(bot: RunningBot, slack: FakeSlack) -> float:
    """Make the sender wait on a chat.postMessage Slack holds for STALL seconds; returns
    when that send started."""
    slack.delay("chat.postMessage", STALL)
    assert bot.send(dm_message("Acme Corp: first contact", user_id=REP,
                               team_id=TEAM_ID))[0] == 200
    return slack.wait_for("chat.postMessage", timeout=10).at


def test_a_form_opens_while_the_sender_is_stalled(bot: RunningBot, slack: FakeSlack) -> None:
    stalled_at = _stall_the_sender(bot, slack)
    status, body = bot.send(slash_command(ids.COMMAND_CUSTOMER, "new", user_id=REP,
                                          team_id=TEAM_ID,
                                          response_url=slack.response_url(kind="commands")))
    assert status == 200 and body == ""
    opened = slack.wait_for("views.open", timeout=1)  # already made, from the request
    assert opened.ok and opened.params["view"]["callback_id"] == ids.VIEW_CUSTOMER_NEW
    assert opened.at < stalled_at + STALL  # while the sender was still waiting on Slack
    slack.delay("chat.postMessage", 0)


def test_a_form_slack_refuses_is_reported_to_the_user(bot: RunningBot,
                                                      slack: FakeSlack) -> None:
    slack.fail("views.open", error="expired_trigger_id", status=200)
    hook = slack.response_url(kind="commands")
    started = time.monotonic()
    status, body = bot.send(slash_command(ids.COMMAND_CUSTOMER, "new Acme Corp", user_id=REP,
                                          team_id=TEAM_ID, response_url=hook))
    assert status == 200 and body == ""
    told = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook, timeout=1)
    assert told.at - started < 3
    assert "did not open the form (expired_trigger_id)" in (told.text or "")
    assert "表单没能打开" in (told.text or "")
    assert told.params["response_type"] == "ephemeral"
    assert not slack.calls_to("chat.postMessage")  # nothing was queued for a form


def test_a_form_that_cannot_reach_slack_in_time_is_reported(bot: RunningBot,
                                                           slack: FakeSlack) -> None:
    slack.delay("views.open", 2.5)  # longer than the form's own time limit
    hook = slack.response_url(kind="commands")
    status, _ = bot.send(slash_command(ids.COMMAND_CUSTOMER, "new", user_id=REP,
                                       team_id=TEAM_ID, response_url=hook))
    assert status == 200
    told = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook, timeout=5)
    assert "did not open the form" in (told.text or "")
    slack.delay("views.open", 0)


def test_a_shortcut_without_a_response_url_is_told_in_a_dm(bot: RunningBot,
                                                          slack: FakeSlack) -> None:
    # Bolt still hands the listener a `respond`, which raises when called without a
    # response_url: the refusal must reach the person another way.
    slack.fail("views.open", error="expired_trigger_id", status=200)
    shortcut = message_action(ids.SHORTCUT_RAISE_COMPLAINT, user_id=REP, team_id=TEAM_ID,
                              response_url="unused")
    payload = {k: v for k, v in shortcut.payload.items() if k != "response_url"}
    assert bot.send(interactive_request(payload))[0] == 200
    told = slack.wait_for(lambda c: c.method == "chat.postMessage"
                          and "did not open the form" in (c.text or ""), timeout=5)
    assert told.params["channel"] == REP and "表单没能打开" in (told.text or "")
    assert not slack.response_posts()
