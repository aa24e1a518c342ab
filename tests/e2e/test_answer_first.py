"""/complaint answers first and durably: the request is stored (one INSERT) before Slack gets
its answer, and the worker raises it after, replacing "working on it". Once Slack has its 200
it never sends the command again, so a complaint must outlive the process that answered
(bench/chaos.py lost one raised by a lazy listener). /review answers first:
tests/e2e/test_review_command.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from bot.teamconfig import parse_directory
from handlers import ids
from store.models import Complaint, InboxRequest
from tests.e2e import test_complaints as complaints
from tests.e2e.harness import RunningBot, block_texts
from tests.fakes import TEAM_ID, FakeSlack, slash_command
from tests.services.complaints.test_complaints import KIM, MONDAY_9
from tests.support.fakes import FakeClock

TEXT = "Acme Corp: delivery two weeks late"


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


def _complaint(bot: RunningBot, slack: FakeSlack, hook: str, text: str = TEXT,
               trigger: str = "trig-1") -> dict[str, Any]:
    # The same trigger_id: the same command delivered twice.
    status, body = bot.send(slash_command(ids.COMMAND_COMPLAINT, text, user_id=KIM,
                                          team_id=TEAM_ID, response_url=hook, trigger_id=trigger))
    assert status == 200 and isinstance(body, dict)
    return body


def _answers(slack: FakeSlack, hook: str) -> list[dict[str, Any]]:
    return [c.params for c in slack.calls if c.method == "response_url" and c.url == hook]


def _stored(bot: RunningBot) -> tuple[list[str], list[str]]:
    with bot.runtime.services.uow() as uow:
        raised = list(uow.session.scalars(select(Complaint.raw_text)).all())
        inbox = list(uow.session.scalars(select(InboxRequest.status)).all())
    return raised, inbox


def test_a_complaint_is_stored_answered_then_raised_once(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    bot = RunningBot(db_url, _with_the_team(slack), clock, directory)
    try:
        hook = slack.response_url(kind="commands")
        assert "Working on it" in _complaint(bot, slack, hook)["text"]
        _complaint(bot, slack, hook)  # delivered twice: stored and raised once
        bot.settle()
        answers = _answers(slack, hook)
        assert len(answers) == 1 and answers[0]["replace_original"] is True
        assert "Complaint #1 raised for *Acme Corp*" in block_texts(answers[0]["blocks"])
        assert _stored(bot) == ([TEXT], ["done"])
    finally:
        bot.stop()


def test_a_complaint_outlives_a_process_killed_after_its_answer(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    first = RunningBot(db_url, _with_the_team(slack), clock, directory)
    hook = slack.response_url(kind="commands")
    try:
        first.runtime.reader.stop()  # killed after answering, before raising anything
        assert "Working on it" in _complaint(first, slack, hook)["text"]
        assert _stored(first) == ([], ["received"])
    finally:
        first.stop()
    second = RunningBot(db_url, slack, clock, directory)
    try:
        second.sweep()  # the restarted bot finds it stored
        second.sweep()
        assert _stored(second) == ([TEXT], ["done"])
        assert len(_answers(slack, hook)) == 1
        pages = [c for c in slack.messages_to(complaints.BOB)
                 if ids.COMPLAINT_ACK in str(c.params.get("blocks"))]
        assert len(pages) == 1
    finally:
        second.stop()


def test_a_complaint_that_cannot_be_read_is_told_with_its_text(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the parser broke")

    bot = RunningBot(db_url, _with_the_team(slack), clock, directory, parse=broken)
    try:
        hook = slack.response_url(kind="commands")
        _complaint(bot, slack, hook, text="Acme Corp: late again")
        for minute in (1, 2, 3):  # tried again as each try's lease runs out, then given up
            bot.at(MONDAY_9 + timedelta(minutes=minute))
        said = str(_answers(slack, hook))
        assert "something went wrong on my side" in said and "Acme Corp: late again" in said
        assert len(_answers(slack, hook)) == 1
        assert _stored(bot) == ([], ["failed"])
    finally:
        bot.stop()
