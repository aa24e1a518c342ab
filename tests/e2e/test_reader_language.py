"""A DM is read in its reader's own language, whatever the task's title was written in; a
reply to a log still follows the log (docs/language.md). On SQLite and PostgreSQL: the
language chosen with /settings is stored."""

from __future__ import annotations

from datetime import timedelta

from handlers import ids
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_core_loop import FRIDAY_3PM, REP, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, block_actions, slash_command


def _choose(bot: RunningBot, language: str) -> None:
    bot.ask(ids.COMMAND_SETTINGS, f"language {language}", REP)


def _create(bot: RunningBot, slack: FakeSlack, text: str) -> dict:
    """/log about a new customer, then its Create button: what replaced the message."""
    hook = slack.response_url()
    bot.send(slash_command(ids.COMMAND_LOG, text, user_id=REP, team_id=TEAM_ID,
                           response_url=hook))
    asked = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    hook = slack.response_url()
    bot.send(block_actions(ids.LOG_CREATE_CUSTOMER,
                           buttons(asked["blocks"])[ids.LOG_CREATE_CUSTOMER], user_id=REP,
                           team_id=TEAM_ID, response_url=hook))
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def test_a_rep_who_chose_chinese_reads_chinese_reminders_for_an_english_task(
        bot: RunningBot, slack: FakeSlack, clock) -> None:
    _choose(bot, "zh")
    # The log is English: its reply is English (a reply follows the log).
    answer = _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    logged = block_texts(answer["blocks"])
    assert "Logged" in logged and "Fri, 27 Nov 2026 15:00 (Asia/Shanghai)" in logged

    bot.at(FRIDAY_3PM - timedelta(days=1))
    reminder = slack.wait_for(lambda c: c.method == "chat.postMessage"
                              and c.params["channel"] == REP)
    said = block_texts(reminder.params["blocks"])
    assert "⏰ 明天到期" in said and "send quote by Friday 3pm" in said
    assert "2026年11月27日周五 15:00（Asia/Shanghai）" in said and "完成" in said
    assert "Due tomorrow" not in said

    hook = slack.response_url()
    bot.send(block_actions(ids.TASK_DONE, buttons(reminder.params["blocks"])[ids.TASK_DONE],
                           user_id=REP, team_id=TEAM_ID, response_url=hook))
    done = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert "✅ 已完成" in block_texts(done.params["blocks"])


def test_a_rep_who_chose_english_reads_english_reminders_for_a_chinese_task(
        bot: RunningBot, slack: FakeSlack, clock) -> None:
    _choose(bot, "en")
    slack.add_user(REP, tz="Asia/Shanghai", locale="zh-CN")
    answer = _create(bot, slack, "Acme Corp：周五下午3点前发报价")
    assert "已记录" in block_texts(answer["blocks"])  # a Chinese log is answered in Chinese
    bot.at(FRIDAY_3PM - timedelta(days=1))
    reminder = slack.wait_for(lambda c: c.method == "chat.postMessage"
                              and c.params["channel"] == REP)
    said = block_texts(reminder.params["blocks"])
    assert "⏰ Due tomorrow" in said and "Fri, 27 Nov 2026 15:00 (Asia/Shanghai)" in said
    assert "明天到期" not in said
