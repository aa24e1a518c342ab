"""A rep who writes Chinese is answered in Chinese; everyone else in English."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.views import FollowUpView, Outcome, TaskView
from handlers.blocks.i18n import MESSAGES, language_of
from handlers.blocks.logs import log_reply_message
from handlers.blocks.tasks import reminder_message
from tests.e2e.harness import block_texts

DUE = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)  # Wednesday 14:00 in Shanghai


def _log(text: str, summary: str, next_step: str) -> FollowUpView:
    return FollowUpView(id=1, status="recorded", author_id="U1", raw_text=text, summary=summary,
                        tz="Asia/Shanghai", customer="华为", contact="王总", channel="visit",
                        next_step=next_step, due=DUE, due_precision="time",
                        due_label="下周三下午两点", task_id=2)


def test_every_phrase_exists_in_both_languages() -> None:
    assert MESSAGES


def test_language_follows_the_reps_own_words() -> None:
    assert language_of("拜访了华为的王总") == "zh"
    assert language_of("Called Tencent Cloud team, 需要报价") == "zh"
    assert language_of("Called Acme, send quote by Friday") == "en"
    assert language_of(None, "") == "en"


def test_a_chinese_log_is_confirmed_in_chinese() -> None:
    fu = _log("拜访了华为的王总,需求明确,下周三下午两点再回访", "拜访了华为的王总,需求明确",
              "下周三下午两点再回访")
    shown = block_texts(log_reply_message(Outcome(status="recorded", follow_up=fu))["blocks"])
    assert "已记录" in shown and "🏢 拜访" in shown and "下一步" in shown
    assert "2026年12月2日周三 14:00（Asia/Shanghai）" in shown
    assert "编辑" in shown and "撤销" in shown and "Logged" not in shown


def test_an_english_log_is_confirmed_in_english() -> None:
    fu = _log("Huawei: visited Wang, revisit next Wednesday 2pm", "visited Wang",
              "revisit next Wednesday 2pm")
    shown = block_texts(log_reply_message(Outcome(status="recorded", follow_up=fu))["blocks"])
    assert "Logged" in shown and "Wed, 2 Dec 2026 14:00 (Asia/Shanghai)" in shown


def test_a_reminder_speaks_the_language_of_the_task() -> None:
    task = TaskView(id=2, title="下周三下午两点再回访", owner_id="U1", status="open",
                    tz="Asia/Shanghai", customer="华为", due=DUE, due_precision="time")
    body = reminder_message("reminder_before", task, lead_seconds=86400, late=True,
                            due_was=DUE)
    shown = block_texts(body["blocks"])
    assert "⏰ 明天到期" in shown and "迟到提醒" in shown and "完成" in shown
