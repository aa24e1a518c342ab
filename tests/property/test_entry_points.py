"""Issue 11: nothing one message does can stop the bot, reach past a permission or be lost.

Every entry point gets generated hostile requests, signed as Slack signs them, through the
real HTTP endpoint on SQLite and PostgreSQL: no answer is a server error, no listener
fails, what the bot promises to keep is stored as sent, and after the whole batch the
workers still read a plain /log and send its answer.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.e2e.harness import RunningBot
from tests.fakes import FakeSlack
from tests.property import payloads
from tests.property.checks import assert_workers_alive, deliver
from tests.property.conftest import ListenerFailures
from tests.property.payloads import Probe


def _batch(bot: RunningBot, slack: FakeSlack, failures: ListenerFailures,
           probes: st.SearchStrategy[Probe]) -> None:
    @given(probe=probes)
    def one(probe: Probe) -> None:
        deliver(bot, probe, failures)

    one()
    assert_workers_alive(bot, slack)


def test_slash_commands(bot: RunningBot, slack: FakeSlack, failures: ListenerFailures) -> None:
    _batch(bot, slack, failures, payloads.slash_commands(slack.response_url))


def test_direct_messages(bot: RunningBot, slack: FakeSlack,
                         failures: ListenerFailures) -> None:
    _batch(bot, slack, failures, payloads.direct_messages())


def test_review_thread_replies(bot: RunningBot, slack: FakeSlack,
                               failures: ListenerFailures) -> None:
    _batch(bot, slack, failures, payloads.thread_replies())


def test_block_actions(bot: RunningBot, slack: FakeSlack, failures: ListenerFailures) -> None:
    _batch(bot, slack, failures, payloads.block_action_clicks(slack.response_url))


def test_view_submissions(bot: RunningBot, slack: FakeSlack,
                          failures: ListenerFailures) -> None:
    _batch(bot, slack, failures, payloads.view_submissions(slack.response_url))


def test_message_shortcuts(bot: RunningBot, slack: FakeSlack,
                           failures: ListenerFailures) -> None:
    _batch(bot, slack, failures, payloads.message_shortcuts(slack.response_url))


def test_malformed_bodies(bot: RunningBot, slack: FakeSlack,
                          failures: ListenerFailures) -> None:
    _batch(bot, slack, failures, payloads.malformed_bodies())
