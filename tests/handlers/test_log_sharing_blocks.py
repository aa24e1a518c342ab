"""A held log and its share request read in the language the log was written in."""

from __future__ import annotations

from bot.services.views import FollowUpView, Outcome
from handlers import ids
from handlers.blocks.logs import log_reply_message
from tests.e2e.harness import block_texts, buttons


def _held(text: str, status: str) -> dict:
    fu = FollowUpView(id=7, status=status, author_id="U0WEST", raw_text=text, summary=text,
                      tz="Asia/Shanghai", customer="华为", held_by="U0REP",
                      refused_moves=("likelihood → A",))
    return log_reply_message(Outcome(status=status, follow_up=fu))


def test_a_held_chinese_log_says_who_works_it_and_what_did_not_move() -> None:
    body = _held("华为 升A", "needs_share")
    shown = block_texts(body["blocks"])
    assert "由其他团队的 <@U0REP> 负责" in shown and "likelihood → A" in shown
    assert buttons(body["blocks"]) == {ids.LOG_ASK_SHARE: "7", ids.LOG_EDIT: "7"}


def test_the_owner_gets_share_and_decline() -> None:
    body = _held("moved Acme to lost", "share_request")
    assert "<@U0WEST> logged on" in body["text"]
    assert buttons(body["blocks"]) == {ids.LOG_SHARE: "7", ids.LOG_DECLINE_SHARE: "7"}
