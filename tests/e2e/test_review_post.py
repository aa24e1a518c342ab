"""The nightly review through the real HTTP endpoint and the fake Slack: posted once at
review_time, one thread reply per rep, Open buttons that respect who may see what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from handlers import ids
from store.models import Customer, FollowUp
from tests.e2e.harness import RunningBot, block_texts, buttons, mrkdwn_texts
from tests.fakes import TEAM_ID, Call, FakeSlack, block_actions, channel_message

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


def test_an_a_deal_without_a_stage_is_counted_listed_and_flagged_when_old(
        bot: RunningBot, slack: FakeSlack) -> None:
    with bot.runtime.services.uow() as uow:
        uow.customers.add(Customer(
            workspace_id=TEAM_ID, name="Bare Ltd", name_key="bare ltd", owner_id=REP,
            created_by=REP, created_at=MONDAY_1830 - timedelta(days=9), likelihood="A"))
        uow.commit()
    parent, replies = posted_review(bot, slack)
    assert "Open deals: 1 (no stage 1)" in block_texts(parent.blocks)
    assert "By likelihood: A 1" in block_texts(parent.blocks)
    assert "Bare Ltd (no stage) [A FOR OVER A WEEK, NOT SIGNED]" in mrkdwn_texts(
        replies[0].blocks)


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


def _reply(bot: RunningBot, user: str, text: str, thread_ts: str | None, ts: str,
           **event_kw: object) -> None:
    status, _ = bot.send(channel_message(text, user_id=user, team_id=TEAM_ID, channel=CHANNEL,
                                         thread_ts=thread_ts, ts=ts, **event_kw))
    assert status == 200
    bot.settle()


def _logs(bot: RunningBot) -> list[tuple[str, str, str, str]]:
    with bot.runtime.services.uow() as uow:
        return [(f.author_id, f.source, f.raw_text, f.status) for f in
                uow.session.scalars(select(FollowUp).order_by(FollowUp.id))]


def test_a_reps_reply_in_the_review_thread_is_their_log_and_gets_a_reaction(
        bot: RunningBot, slack: FakeSlack) -> None:
    seed_deal(bot)
    parent, _ = posted_review(bot, slack)
    thread = parent.response["ts"]
    text = "Acme Corp: called Li, contract signed off, send invoice by Friday 3pm"
    _reply(bot, REP, text, thread, "1764000000.000100", event_id="EvREPLY1")
    reaction = slack.wait_for(lambda c: c.method == "reactions.add")
    assert reaction.params == {"channel": CHANNEL, "timestamp": "1764000000.000100",
                               "name": "white_check_mark"}
    assert _logs(bot) == [(REP, "review", text, "recorded")]
    # Slack redelivers the same event: no second log, no second reaction.
    _reply(bot, REP, text, thread, "1764000000.000100", event_id="EvREPLY1", retry_num=1,
           retry_reason="http_timeout")
    bot.sweep()
    assert len(_logs(bot)) == 1 and len(slack.calls_to("reactions.add")) == 1
    # Not logs: the lead in the thread, the rep at the top level or in another thread.
    _reply(bot, LEAD, "Acme Corp: great work", thread, "1764000000.000200")
    _reply(bot, REP, "Acme Corp: called again", None, "1764000000.000300")
    _reply(bot, REP, "Acme Corp: called again", "1764000000.000001", "1764000000.000400")
    bot.sweep()
    assert len(_logs(bot)) == 1 and len(slack.calls_to("reactions.add")) == 1
    thread_posts = [c for c in channel_posts(slack) if c.params.get("thread_ts") == thread]
    assert len(thread_posts) == 2  # the reps' two parts; nothing said about the log


def test_a_reply_about_an_unknown_customer_says_why_in_the_thread(
        bot: RunningBot, slack: FakeSlack) -> None:
    seed_deal(bot)
    parent, _ = posted_review(bot, slack)
    thread = parent.response["ts"]
    _reply(bot, REP2, "Zeta Ltd: visited, send the deck on Monday", thread, "1764000000.000500")
    reaction = slack.wait_for(lambda c: c.method == "reactions.add")
    assert reaction.params["name"] == "question"
    answer = slack.wait_for(lambda c: c.method == "chat.postMessage"
                            and c.params.get("thread_ts") == thread
                            and "Which customer" in (c.text or "") + block_texts(c.blocks))
    assert answer.params["channel"] == CHANNEL
    assert _logs(bot) == [(REP2, "review", "Zeta Ltd: visited, send the deck on Monday",
                           "needs_customer")]
    # Only its author may answer it; once they create the customer, the log gets its check.
    create = buttons(answer.blocks)[ids.LOG_CREATE_CUSTOMER]
    for user in (REP, REP2):
        hook = slack.response_url()
        assert bot.send(block_actions(ids.LOG_CREATE_CUSTOMER, create, user_id=user,
                                      team_id=TEAM_ID, response_url=hook,
                                      channel_id=CHANNEL))[0] == 200
        slack.wait_for(lambda c, h=hook: c.method == "response_url" and c.url == h)
        bot.settle()
    assert [c.params["name"] for c in slack.calls_to("reactions.add")] == [
        "question", "white_check_mark"]
    assert _logs(bot)[0][3] == "recorded"
