"""Fixtures for end-to-end tests: a fake Slack and the running bot on a real database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.teams import TeamDirectory
from tests.e2e.harness import RunningBot
from tests.fakes import FakeSlack
from tests.support.fakes import FakeClock


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user("U0REP", tz="Asia/Shanghai", name="Rep One")
        fake.add_user("U0REP2", tz="Asia/Shanghai", name="Rep Two")
        fake.add_user("U0LEAD", tz="Asia/Shanghai", name="Lead")
        yield fake


@pytest.fixture
def bot(db_url: str, slack: FakeSlack, clock: FakeClock,
        directory: TeamDirectory) -> Iterator[RunningBot]:
    running = RunningBot(db_url, slack, clock, directory)
    yield running
    running.stop()
