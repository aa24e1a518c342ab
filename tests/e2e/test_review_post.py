"""The nightly review through the real HTTP endpoint and the fake Slack: posted once at
review_time, one thread reply per rep, Open buttons that respect who may see what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from handlers import ids
from store.models import Customer
from tests.e2e.harness import RunningBot, block_texts, mrkdwn_texts
from tests.fakes import TEAM_ID, Call, FakeSlack, block_actions

REP, REP2, LEAD = "U0REP", "U0REP2", "U0LEAD"
CHANNEL = "C0EAST"
MONDAY_1830 = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)  # 18:30 in Shanghai


def seed_deal(bot: RunningBot, name: str = "Acme Corp", owner: str = REP) -> int:
    """An open A deal owned by a rep, as a /customer move would leave it."""
    with bot.runtime.services.uow() as uow:
        row = uow.customers.add(Customer(
            workspace_id=TEAM_ID, name=name, name_key=name.casefold(), owner_id=owner,
            created_by=owner, created_at=MONDAY_1830 - timedelta(days=2), stage="negotiating",
            likelihood="A", value_tier="A"))
        uow.commit()
        return row.id


def channel_posts(slack: FakeSlack) -> list[Call]:
    return [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == CHANNEL]


def posted_review(bot: RunningBot, slack: FakeSlack) -> tuple[Call, list[Call]]:
    """Wait for the parent and both reps' replies; return them."""
    bot.at(MONDAY_1830)
    slack.wait_for(lambda c: c.method == "chat.postMessage"
                   and c.params.get("thread_ts") and c.params["channel"] == CHANNEL
                   and f"<@{REP2}>" in (c.text or ""))
    bot.settle()
    posts = channel_posts(slack)
    parents = [c for c in posts if "thread_ts" not in c.params]
    assert len(parents) == 1
    return parents[0], [c for c in posts if "thread_ts" in c.params]


def test_parent_and_one_thread_per_rep_are_posted_once(bot: RunningBot,
                                                       slack: FakeSlack) -> None:
    acme = seed_deal(bot)
    bot.at(MONDAY_1830 - timedelta(minutes=1))
    assert channel_posts(slack) == []
    parent, replies = posted_review(bot, slack)
    assert "Nightly review: East, Mon 2026-11-23" in block_texts(parent.blocks)
    assert "Open deals: 1 (negotiating 1)" in block_texts(parent.blocks)
    ts = parent.response["ts"]
    assert [r.params["thread_ts"] for r in replies] == [ts, ts]
    assert [r.text for r in replies] == [f"<@{REP}>'s deals", f"<@{REP2}>'s deals"]
    first = replies[0].blocks
    assert "Acme Corp (negotiating)" in mrkdwn_texts(first)
    opens = [b["accessory"] for b in first if b.get("accessory")]
    assert [(o["action_id"], o["value"]) for o in opens] == [
        (ids.REVIEW_OPEN_CUSTOMER, str(acme))]
    for later in (MONDAY_1830 + timedelta(minutes=5), MONDAY_1830 + timedelta(hours=3)):
        bot.at(later)
    assert len(channel_posts(slack)) == 3  # a parent and two replies, once


def test_open_shows_the_file_to_the_clicker_alone_if_they_may_see_it(
        bot: RunningBot, slack: FakeSlack) -> None:
    acme = seed_deal(bot)
    posted_review(bot, slack)
    for user, expected in ((REP, "Acme Corp"), (LEAD, "Acme Corp"),
                           (REP2, "Only the people who work this customer")):
        hook = slack.response_url()
        click = block_actions(ids.REVIEW_OPEN_CUSTOMER, str(acme), user_id=user,
                              team_id=TEAM_ID, response_url=hook, channel_id=CHANNEL)
        assert bot.send(click)[0] == 200
        shown = slack.wait_for(lambda c, h=hook: c.method == "response_url" and c.url == h)
        assert shown.params["response_type"] == "ephemeral"
        assert shown.params["replace_original"] is False  # the review itself stays
        assert expected in mrkdwn_texts(shown.params["blocks"])
