"""The running bot for property tests, with records to aim at, and the example budgets.

`ci` (the default) keeps the whole property suite near a minute on a 2-core machine;
`HYPOTHESIS_PROFILE=long` runs many more examples of each entry point.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, settings

from bot.domain.teams import TeamDirectory
from bot.teamconfig import parse_directory
from handlers import ids
from tests.e2e.harness import RunningBot, buttons
from tests.fakes import TEAM_ID, FakeSlack, block_actions, slash_command
from tests.property.payloads import ADMIN, LEAD, REP, REP2, REVIEW_CHANNEL, REVIEW_THREAD
from tests.support.fakes import FakeClock

# One bot serves every example of a test, so no example may be rejected for sharing it; the
# examples are HTTP round trips, so the per-example deadline would only measure the machine.
_SHARED = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                     HealthCheck.too_slow,
                                                     HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=30, **_SHARED)  # type: ignore[arg-type]
settings.register_profile("long", max_examples=400, **_SHARED)  # type: ignore[arg-type]
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

YAML = f"""
teams:
  - name: East
    channel: {REVIEW_CHANNEL}
    lead: {LEAD}
    members: [{REP}, {REP2}]
    timezone: Asia/Shanghai
    report_day: sun  # the weekly report: a time these tests never reach
    report_time: "23:59"
    complaints_channel: C0CMPL
    duty:
      rotation: [{REP}, {REP2}]
      start: 2026-11-16
      handoff: "mon 09:00"
admins: [{ADMIN}]
"""


@pytest.fixture
def directory() -> TeamDirectory:
    return parse_directory(YAML)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        for user in (REP, REP2, LEAD, ADMIN):
            fake.add_user(user, tz="Asia/Shanghai", name=user)
        yield fake


@pytest.fixture
def bot(db_url: str, slack: FakeSlack, clock: FakeClock,
        directory: TeamDirectory) -> Iterator[RunningBot]:
    """The bot with REP2's customer, log, task and complaint, and a review thread of the
    team, so that small ids and the thread name real records of someone else."""
    running = RunningBot(db_url, slack, clock, directory)
    _seed(running, slack)
    yield running
    running.stop()


def _seed(bot: RunningBot, slack: FakeSlack) -> None:
    hook = slack.response_url()
    bot.send(slash_command(ids.COMMAND_LOG, "Acme Corp: called Li, send quote by Friday 3pm",
                           user_id=REP2, team_id=TEAM_ID, response_url=hook))
    asked = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    create = buttons(asked["blocks"])[ids.LOG_CREATE_CUSTOMER]
    hook = slack.response_url()
    bot.send(block_actions(ids.LOG_CREATE_CUSTOMER, create, user_id=REP2, team_id=TEAM_ID,
                           response_url=hook))
    slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    bot.send(slash_command(ids.COMMAND_COMPLAINT, "Acme Corp: delivery two weeks late",
                           user_id=REP2, team_id=TEAM_ID))
    with bot.runtime.services.uow() as uow:
        uow.review_threads.add(TEAM_ID, REVIEW_CHANNEL, REVIEW_THREAD, "East",
                               date(2026, 11, 23), [REP, REP2], bot.clock.now())
        uow.commit()
    bot.settle()


class ListenerFailures(logging.Handler):
    """Collects what the app's error handler logs: a listener that raised on a request."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def summary(self) -> str:
        """Each failure's message and the last lines of its traceback."""
        out = []
        for record in self.records:
            trace = logging.Formatter().formatException(record.exc_info) \
                if record.exc_info else ""
            out.append(record.getMessage() + "\n" + "\n".join(trace.splitlines()[-6:]))
        return "\n---\n".join(out)


@pytest.fixture
def failures() -> Iterator[ListenerFailures]:
    handler = ListenerFailures()
    logger = logging.getLogger("bot.errors")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
