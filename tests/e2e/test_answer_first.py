"""/complaint is raised before Slack gets its answer: once Slack has its 200 it never sends
the command again, so a complaint left for after the answer would be lost with the process
(bench/chaos.py lost one). /review answers first: tests/e2e/test_review_command.py."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from bot.teamconfig import parse_directory
from handlers import ids
from store.models import Complaint
from tests.e2e import test_complaints as complaints
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.fakes import TEAM_ID, FakeSlack, slash_command
from tests.services.complaints.test_complaints import KIM, MONDAY_9
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


def test_a_complaint_is_stored_before_slack_has_its_answer(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    bot = RunningBot(db_url, _with_the_team(slack), clock, directory)
    try:
        status, body = bot.send(slash_command(
            ids.COMMAND_COMPLAINT, "Acme Corp: delivery two weeks late", user_id=KIM,
            team_id=TEAM_ID, response_url=slack.response_url(kind="commands")))
        assert status == 200 and isinstance(body, dict)
        assert "Acme Corp" in mrkdwn_texts(body["blocks"])  # the raised complaint itself
        with bot.runtime.services.uow() as uow:  # already stored when the answer left
            stored = uow.session.scalars(select(Complaint.raw_text)).all()
        assert stored == ["Acme Corp: delivery two weeks late"]
    finally:
        bot.stop()


def test_a_complaint_that_cannot_be_read_is_told_with_its_text(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the parser broke")

    bot = RunningBot(db_url, _with_the_team(slack), clock, directory, parse=broken)
    try:
        hook = slack.response_url(kind="commands")
        status, body = bot.send(slash_command(ids.COMMAND_COMPLAINT, "Acme Corp: late again",
                                              user_id=KIM, team_id=TEAM_ID, response_url=hook))
        posted = [c.params for c in slack.calls if c.method == "response_url"]
        said = str(body) + str(posted)
        assert status < 500 and "something went wrong on my side" in said
        assert "Acme Corp: late again" in said  # their text, back to them
        with bot.runtime.services.uow() as uow:
            assert uow.session.scalars(select(Complaint)).all() == []
    finally:
        bot.stop()
