"""Sending at Slack's pace, against a fake Slack that takes 150 ms a call and refuses past
its limits: answers and pages overtake a burst of reviews, the reviews are paced so Slack
never refuses them, a 429 defers only its own message, nothing is lost or sent twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from bot.services.review.post import REVIEW_REP, REVIEW_TEAM, post_review
from bot.teamconfig import parse_directory
from handlers import ids
from store.models import Notification
from tests.e2e.harness import RunningBot, buttons
from tests.fakes import TEAM_ID, Call, FakeSlack, slash_command
from tests.fakes._limits import SlackPace
from tests.services.complaints.test_complaints import ANN, BOB, KIM, LEAD, MONDAY_9
from tests.services.complaints.test_complaints import YAML as COMPLAINT_TEAM
from tests.support.fakes import FakeClock

CHANNELS = {"East": "C0EAST", "West": "C0WEST", "North": "C0NORTH"}
REPS = {team: [f"U0{team[0]}{i:02d}" for i in range(3)] for team in CHANNELS}
# Ten reps a team: each review is 11 messages at Slack's one a second per channel, a window
# of ten seconds (more on a loaded machine, where sending slows too) for a page to overtake.
# With six reps and three, the reviews were out in ~5 s, and on a loaded machine the complaint
# was sometimes not yet read by then: nothing left to overtake, a failure of the test, not
# of the product.
CROWDED = {team: [f"U0{team[0]}{i:02d}" for i in range(7 if team == "East" else 10)]
           for team in CHANNELS}


def _yaml(reps: dict[str, list[str]]) -> str:
    """The complaint tests' team (on duty: Bob) with more reps, and two more teams."""
    return COMPLAINT_TEAM.replace(
        f"members: [{ANN}, {BOB}, {KIM}]",
        f"members: [{ANN}, {BOB}, {KIM}, {', '.join(reps['East'])}]") + \
        "".join(f"""  - name: {team}
    channel: {CHANNELS[team]}
    lead: U0LEAD{team[0]}
    members: [{", ".join(reps[team])}]
    timezone: Asia/Shanghai
    report_day: sun  # the weekly report: a time these tests never reach
    report_time: "23:59"
""" for team in ("West", "North"))


@pytest.fixture
def directory(request: pytest.FixtureRequest) -> TeamDirectory:
    return parse_directory(_yaml(CROWDED if getattr(request, "param", "") == "crowded"
                                 else REPS))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)  # 09:00 in Shanghai: Bob is on duty


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack(pace=SlackPace(latency=0.15)) as fake:
        for user in (ANN, BOB, KIM, LEAD):
            fake.add_user(user, tz="Asia/Shanghai", name=user)
        yield fake


def _post_reviews(bot: RunningBot, directory: TeamDirectory, clock: FakeClock) -> None:
    for team in directory.teams:
        post_review(bot.runtime.services, team, clock.now().date(), clock.now(),
                    workspace_id=TEAM_ID)


def _review_posts(slack: FakeSlack, channel: str) -> list[Call]:
    return [c for c in slack.calls_to("chat.postMessage")
            if c.params.get("channel") == channel and c.ok]


def _wait_reviews_out(bot: RunningBot, slack: FakeSlack) -> None:
    """Until every review message queued is sent (or 120 s: on a machine busy with other
    tests, 63 paced messages took over a minute)."""
    def all_sent(_: Call) -> bool:
        with bot.runtime.services.uow() as uow:
            kinds = uow.session.scalars(select(Notification.status).where(
                Notification.kind.in_((REVIEW_TEAM, REVIEW_REP)))).all()
        return len(kinds) == sum(1 + len(_reps(bot, team)) for team in CHANNELS) and \
            set(kinds) == {"sent"}
    try:
        slack.wait_for(all_sent, timeout=120)
    except AssertionError:
        with bot.runtime.services.uow() as uow:
            rows = uow.session.execute(select(Notification.kind, Notification.status,
                                              Notification.recipient, Notification.attempts)
                                       .where(Notification.kind.in_((REVIEW_TEAM, REVIEW_REP)))
                                       ).all()
            waiting = uow.session.execute(select(Notification.id, Notification.due_at,
                                                 Notification.lease_until)
                                          .where(Notification.status == "pending")).all()
        # A row a 429 deferred waits for the test's clock, which stands still: say so.
        raise AssertionError(f"reviews not all sent: {Counter(map(tuple, rows))}; pending "
                             f"(id, due, lease): {[tuple(w) for w in waiting]}; clock "
                             f"{bot.clock.now()}; 429s {slack.refused_429s()}") from None


def _assert_each_review_once(bot: RunningBot, slack: FakeSlack) -> None:
    for team, channel in CHANNELS.items():
        posts = _review_posts(slack, channel)
        parents = [c for c in posts if not c.params.get("thread_ts")]
        assert len(parents) == 1, team
        replies = Counter(c.text for c in posts if c.params.get("thread_ts"))
        assert replies == Counter(f"<@{rep}>'s deals" for rep in _reps(bot, team)), team


def _reps(bot: RunningBot, team: str) -> tuple[str, ...]:
    return next(t.members for t in bot.runtime.services.directory.teams if t.name == team)


@pytest.mark.parametrize("directory", ["crowded"], indirect=True)
def test_a_complaint_page_overtakes_three_reviews_that_slack_never_refuses(
        bot: RunningBot, slack: FakeSlack, directory: TeamDirectory, clock: FakeClock) -> None:
    _post_reviews(bot, directory, clock)
    slack.wait_for(lambda c: c.method == "chat.postMessage" and bool(c.params.get("thread_ts")))
    status, _ = bot.send(slash_command(ids.COMMAND_COMPLAINT, "Acme Corp: delivery two weeks "
                                       "late", user_id=KIM, team_id=TEAM_ID))
    assert status == 200
    page = slack.wait_for(lambda c: c.method == "chat.postMessage" and c.ok
                          and ids.COMPLAINT_ACK in buttons(c.params.get("blocks") or []),
                          timeout=30)
    _wait_reviews_out(bot, slack)
    calls = slack.calls
    last_review = max(i for i, c in enumerate(calls) if c.params.get("channel") in
                      CHANNELS.values())
    # The page went out while the reviews were still going out, not after them.
    assert calls.index(page) < last_review
    assert page.params["channel"] == BOB
    _assert_each_review_once(bot, slack)
    assert slack.refused_429s() == {}  # paced below Slack's limits: never refused


def test_a_429_defers_only_its_own_message(bot: RunningBot, slack: FakeSlack,
                                           directory: TeamDirectory, clock: FakeClock) -> None:
    slack.rate_limit("chat.postMessage", retry_after=1, channel=CHANNELS["West"])
    _post_reviews(bot, directory, clock)
    for team in ("East", "North"):  # their whole reviews go out meanwhile
        last = f"<@{REPS[team][-1]}>'s deals"
        slack.wait_for(lambda c, last=last: c.method == "chat.postMessage" and c.ok
                       and c.text == last, timeout=60)
    bot.settle()
    west = [c for c in slack.calls_to("chat.postMessage")
            if c.params.get("channel") == CHANNELS["West"]]
    assert [c.status for c in west] == [429]  # only that one message waits, the rest went out
    with bot.runtime.services.uow() as uow:
        parent = uow.session.scalars(select(Notification).where(
            Notification.kind == REVIEW_TEAM, Notification.recipient == CHANNELS["West"])).one()
        assert parent.status == "pending" and parent.attempts == 0  # a deferral, not a failure
    clock.set(MONDAY_9 + timedelta(seconds=5))  # past Slack's Retry-After
    bot.runtime.sender.wake()
    _wait_reviews_out(bot, slack)
    _assert_each_review_once(bot, slack)
    west = [c for c in slack.calls_to("chat.postMessage")
            if c.params.get("channel") == CHANNELS["West"]]
    assert [c.status for c in west] == [429] + [200] * (1 + len(REPS["West"]))
    assert slack.refused_429s() == {}
