"""Two copies of the bot with CRM_PACING=shared, against a fake Slack that takes 150 ms a
call and refuses past its limits: a team's review (a parent and a reply per rep, all to one
channel) goes out through both copies' senders, each message once, and Slack never refuses
one, because both reserve their moments in the one send_pace table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from bot.services.delivery.shared_pacing import SharedPacer
from bot.services.review.post import REVIEW_REP, REVIEW_TEAM, post_review
from store.models import Notification, SendPace
from tests.e2e import test_slack_pace as one_copy
from tests.e2e.harness import RunningBot
from tests.e2e.test_slack_pace import CHANNELS
from tests.fakes import TEAM_ID, Call, FakeSlack
from tests.support.fakes import FakeClock

# The same team, clock and strict fake Slack as the one-copy pace tests.
directory, clock, slack = one_copy.directory, one_copy.clock, one_copy.slack


@pytest.fixture
def two_copies(db_url: str, slack: FakeSlack, clock: FakeClock,
               directory: TeamDirectory) -> Iterator[tuple[RunningBot, RunningBot]]:
    first = RunningBot(db_url, slack, clock, directory, pacing="shared")
    second = RunningBot(db_url, slack, clock, directory, pacing="shared")
    yield first, second
    first.stop()
    second.stop()


def test_two_copies_keep_one_channel_to_its_one_limit(two_copies, slack: FakeSlack,
                                                      directory: TeamDirectory,
                                                      clock: FakeClock) -> None:
    first, second = two_copies
    assert all(isinstance(b.runtime.dispatcher.pacer, SharedPacer) for b in two_copies)
    team = next(t for t in directory.teams if t.name == "East")
    post_review(first.runtime.services, team, clock.now().date(), clock.now(),
                workspace_id=TEAM_ID)
    second.runtime.sender.wake()
    expected = 1 + len(team.members)

    def all_sent(_: Call) -> bool:
        with first.runtime.services.uow() as uow:
            statuses = uow.session.scalars(select(Notification.status).where(
                Notification.kind.in_((REVIEW_TEAM, REVIEW_REP)))).all()
        return len(statuses) == expected and set(statuses) == {"sent"}

    slack.wait_for(all_sent, timeout=60)
    posts = [c for c in slack.calls_to("chat.postMessage")
             if c.params.get("channel") == CHANNELS["East"]]
    assert len(posts) == expected and all(c.ok for c in posts)
    assert slack.refused_429s() == {}
    with first.runtime.services.uow() as uow:
        keys = uow.session.scalars(select(SendPace.key)).all()
    assert any(CHANNELS["East"] in key for key in keys)
