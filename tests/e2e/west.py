"""Fixtures for e2e tests with a second team, West, beside East: import them by name."""

from __future__ import annotations

import pytest

from bot.domain.teams import TeamDirectory
from tests.fakes import FakeSlack
from tests.support.teams import WEST_LEAD, WEST_REP, with_west


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    return with_west(directory)


@pytest.fixture
def slack(slack: FakeSlack) -> FakeSlack:
    slack.add_user(WEST_REP, tz="Asia/Shanghai", name="West Rep")
    slack.add_user(WEST_LEAD, tz="Asia/Shanghai", name="West Lead")
    return slack
