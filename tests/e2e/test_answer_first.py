"""/complaint answers Slack before its work is done: the reading (Duckling) and the paging
follow, and replace the first answer (/review's: tests/e2e/test_review_command.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.domain.parsing import parse_log
from bot.domain.teams import TeamDirectory
from bot.teamconfig import parse_directory
from handlers import ids
from tests.e2e import test_complaints as complaints
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.fakes import TEAM_ID, FakeSlack, slash_command
from tests.services.test_complaints import KIM, MONDAY_9
from tests.support.fakes import FakeClock


@pytest.fixture
def directory() -> TeamDirectory:
    return parse_directory(complaints.YAML)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)


def _with_the_team(slack: FakeSlack) -> FakeSlack:
    for user in (complaints.ANN, complaints.BOB, KIM, complaints.LEAD):
        slack.add_user(user, tz="Asia/Shanghai", name=user)
    return slack


@pytest.fixture
def held() -> threading.Event:
    return threading.Event()


@pytest.fixture
def stalled_bot(db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory,
                held: threading.Event) -> Iterator[RunningBot]:
    """The bot with a parser that waits until the test lets it go."""

    def parse(*args: Any, **kwargs: Any) -> Any:
        assert held.wait(10), "the test never released the parser"
        return parse_log(*args, **kwargs)

    running = RunningBot(db_url, _with_the_team(slack), clock, directory, parse=parse)
    yield running
    held.set()
    running.stop()


def test_complaint_is_answered_while_its_reading_is_stalled(
        stalled_bot: RunningBot, slack: FakeSlack, held: threading.Event) -> None:
    hook = slack.response_url(kind="commands")
    started = time.monotonic()
    status, body = stalled_bot.send(slash_command(
        ids.COMMAND_COMPLAINT, "Acme Corp: delivery two weeks late", user_id=KIM,
        team_id=TEAM_ID, response_url=hook))
    assert status == 200 and isinstance(body, dict)
    assert "Working on it" in body["text"] and time.monotonic() - started < 3
    assert not slack.response_posts(hook)  # the complaint is not raised yet
    held.set()
    raised = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert raised.params["replace_original"] is True
    assert "Acme Corp" in mrkdwn_texts(raised.params["blocks"])


def test_a_failure_after_the_answer_is_told_to_the_person(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the parser broke")

    bot = RunningBot(db_url, _with_the_team(slack), clock, directory, parse=broken)
    try:
        hook = slack.response_url(kind="commands")
        status, body = bot.send(slash_command(ids.COMMAND_COMPLAINT, "Acme Corp: late again",
                                              user_id=KIM, team_id=TEAM_ID, response_url=hook))
        assert status == 200 and "Working on it" in body["text"]
        told = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
        assert "something went wrong on my side" in told.params["text"]
        assert "Acme Corp: late again" in told.params["text"]  # their text, back to them
    finally:
        bot.stop()
