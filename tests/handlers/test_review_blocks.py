"""The review in Slack: the drought warning on top, Open buttons, limits, Chinese, and a
thread reply that is never rendered without its parent's ts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bot.domain.review import DealLine, RepReview, TeamReview
from bot.services.ports import OutgoingMessage
from bot.services.review.payload import review_from_payload, review_to_payload
from bot.services.views import to_payload
from handlers import ids
from handlers.blocks.review import review_parent_message, review_rep_message
from handlers.render import render
from tests.e2e.harness import mrkdwn_texts

EVIL = "<!channel> <@U0BOSS> & co"
AT = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def _deal(i: int, name: str = "Acme") -> DealLine:
    return DealLine(customer_id=i, customer=name, stage="negotiating", likelihood="A",
                    tier="A", last_contact=AT, next_step="send quote", due_at=AT,
                    stalled=False)


def _rep(deals: int = 1, name: str = "Acme") -> RepReview:
    return RepReview(user_id="U0REP", a_deals=tuple(_deal(i, name) for i in range(deals)),
                     b_count=2, c_count=0, unrated_count=1, moved=(), tasks_done=(), logs=(),
                     overdue=(), stalled=tuple(_deal(i, name) for i in range(deals)))


REVIEW = TeamReview(team="East", day=date(2026, 11, 23), timezone="Asia/Shanghai",
                    a_drought=True, drought_days=(date(2026, 11, 19), date(2026, 11, 20),
                                                  date(2026, 11, 23)),
                    by_stage=(("negotiating", 1),), by_likelihood=(("A", 1),),
                    moves=(("new", 0), ("upgraded", 1)), overdue_count=2, reps=(_rep(),))


def test_the_drought_warning_comes_first() -> None:
    blocks = review_parent_message(REVIEW, ["U0REP"], "en")["blocks"]
    assert "no new A-likelihood deal for 3 working days" in blocks[0]["text"]["text"]
    assert "Overdue tasks: 2" in mrkdwn_texts(blocks) and "<@U0REP>" in mrkdwn_texts(blocks)
    quiet = review_parent_message(replace(REVIEW, a_drought=False), [], "en")["blocks"]
    assert "WARNING" not in mrkdwn_texts(quiet)


def test_each_a_and_stalled_deal_has_an_open_button_and_user_text_is_inert() -> None:
    body = review_rep_message(_rep(name=EVIL), "Asia/Shanghai", "en")
    opens = [b["accessory"] for b in body["blocks"] if b.get("accessory")]
    assert [(o["action_id"], o["value"]) for o in opens] == [(ids.REVIEW_OPEN_CUSTOMER, "0")] * 2
    shown = mrkdwn_texts(body["blocks"])
    assert "&lt;!channel&gt; &lt;@U0BOSS&gt; &amp; co (negotiating)" in shown
    assert "<!channel>" not in shown and "B deals: 2, C deals: 0, unrated: 1" in shown


def test_a_rep_with_many_deals_stays_within_slacks_block_limit() -> None:
    body = review_rep_message(_rep(deals=60), "Asia/Shanghai", "en")
    assert len(body["blocks"]) <= 50
    assert sum(1 for b in body["blocks"] if b.get("accessory")) == 36
    # The deals past the buttons' budget are listed, not lost (sections hold 3,000 chars).
    assert mrkdwn_texts(body["blocks"]).count("Acme (negotiating):") == 60  # all A deals


def test_the_review_speaks_chinese_when_the_team_does() -> None:
    parent = mrkdwn_texts(review_parent_message(REVIEW, ["U0REP"], "zh")["blocks"])
    assert "每晚复盘：East，2026-11-23 周一" in parent and "逾期任务：2" in parent
    assert "注意：团队已连续 3 个工作日没有新的 A 类商机" in parent
    rep = review_rep_message(_rep(), "Asia/Shanghai", "zh")
    assert "谈判" in mrkdwn_texts(rep["blocks"]) and "打开" in str(rep["blocks"])


def test_the_review_survives_its_trip_through_the_outbox() -> None:
    assert review_from_payload(review_to_payload(REVIEW)) == REVIEW


def test_a_thread_reply_is_never_rendered_without_its_parents_ts() -> None:
    payload = {"team": "East", "day": "2026-11-23", "timezone": "Asia/Shanghai",
               "lang": "en", "rep": to_payload(_rep())}
    message = OutgoingMessage(id=1, workspace_id="T1", kind="review_rep", recipient="C0EAST",
                              payload=payload)
    with pytest.raises(ValueError, match="parent"):
        render(message)
    threaded = replace(message, payload={**payload, "channel": "C0EAST", "thread_ts": "1.2"})
    call = render(threaded)
    assert (call.method, call.args["channel"], call.args["thread_ts"]) == (
        "chat.postMessage", "C0EAST", "1.2")
