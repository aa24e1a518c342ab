"""/review through the HTTP endpoint: a lead posts the review now (once for the day, then a
link), a rep is refused, the scheduled review does not repeat it, help and preview."""

from __future__ import annotations

from datetime import timedelta

from handlers import ids
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.e2e.test_review_post import CHANNEL, LEAD, MONDAY_1830, REP, channel_posts, seed_deal
from tests.fakes import TEAM_ID, FakeSlack, slash_command


def _review(bot: RunningBot, user: str, text: str = "") -> str:
    hook = bot.fake.response_url(kind="commands")
    status, body = bot.send(slash_command(ids.COMMAND_REVIEW, text, user_id=user,
                                          team_id=TEAM_ID, channel_id=CHANNEL,
                                          response_url=hook))
    assert status == 200 and isinstance(body, dict) and body["response_type"] == "ephemeral"
    if "Working on it" in body["text"]:  # answered at once; the review follows in its place
        body = bot.fake.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
        assert body["replace_original"] is True and body["response_type"] == "ephemeral"
    return mrkdwn_texts(body["blocks"])


def test_a_lead_posts_it_now_and_it_counts_as_the_days_review(bot: RunningBot,
                                                              slack: FakeSlack) -> None:
    seed_deal(bot)
    bot.at(MONDAY_1830 - timedelta(hours=2))
    assert "Posting the review of *East*" in _review(bot, LEAD)
    bot.settle()
    posts = channel_posts(slack)
    parent = next(c for c in posts if "thread_ts" not in c.params)
    assert len(posts) == 3  # the parent and one reply per rep
    assert all(c.params["thread_ts"] == parent.response["ts"] for c in posts if c is not parent)
    link = f"https://slack.com/archives/{CHANNEL}/p{parent.response['ts'].replace('.', '')}"
    assert link in _review(bot, LEAD)  # already posted: the link, nothing new
    bot.at(MONDAY_1830)  # the scheduled time finds the day done
    bot.at(MONDAY_1830 + timedelta(hours=1))
    assert len(channel_posts(slack)) == 3
    assert "Posting" in _review(bot, LEAD, "again")
    bot.settle()
    assert len(channel_posts(slack)) == 6


def test_a_rep_is_refused_and_help_and_preview_post_nothing(bot: RunningBot,
                                                           slack: FakeSlack) -> None:
    seed_deal(bot)
    bot.at(MONDAY_1830 - timedelta(hours=2))
    assert "Only a team's lead (or an admin)" in _review(bot, REP)
    assert "`/review again`" in _review(bot, REP, "help")
    preview = _review(bot, LEAD, "preview")
    assert "shown to you alone" in preview and "Acme Corp (negotiating)" in preview
    bot.settle()
    assert channel_posts(slack) == []


def test_review_answers_first_and_the_preview_follows(bot: RunningBot,
                                                      slack: FakeSlack) -> None:
    hook = slack.response_url(kind="commands")
    status, body = bot.send(slash_command(ids.COMMAND_REVIEW, "preview", user_id=LEAD,
                                          team_id=TEAM_ID, response_url=hook))
    assert status == 200 and isinstance(body, dict) and "Working on it" in body["text"]
    preview = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert preview.params["response_type"] == "ephemeral"
    assert "East" in mrkdwn_texts(preview.params["blocks"])
