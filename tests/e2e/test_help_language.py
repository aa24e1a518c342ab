"""Help and task lists come in the rep's language: Chinese when they type Chinese, otherwise
their team's `language`; English for someone in no team."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.teamconfig import parse_directory
from handlers import ids
from tests.conftest import TEAM_YAML
from tests.e2e.harness import RunningBot, block_texts
from tests.e2e.test_core_loop import _log
from tests.fakes import TEAM_ID, FakeSlack, dm_message
from tests.support.fakes import FakeClock

REP, STRANGER = "U0REP", "U0NOTEAM"


@pytest.fixture
def zh_bot(db_url: str, slack: FakeSlack, clock: FakeClock) -> Iterator[RunningBot]:
    directory = parse_directory(TEAM_YAML.replace("timezone: Asia/Shanghai",
                                                  "timezone: Asia/Shanghai\n    language: zh"))
    running = RunningBot(db_url, slack, clock, directory)
    yield running
    running.stop()


def _said(bot: RunningBot, command: str, text: str, user: str = REP) -> str:
    return block_texts(bot.ask(command, text, user)["blocks"])  # help, or what follows


def test_typing_chinese_gets_chinese_help(bot: RunningBot) -> None:
    assert "记录一次电话或拜访" in _said(bot, ids.COMMAND_LOG, "帮助")
    assert "你的跟进任务" in _said(bot, ids.COMMAND_TASKS, "帮助")
    english = _said(bot, ids.COMMAND_LOG, "help")
    assert "Log a call or visit" in english and "记录一次" not in english


def test_a_chinese_team_gets_chinese_help_and_lists(zh_bot: RunningBot,
                                                    slack: FakeSlack) -> None:
    assert "记录一次电话或拜访" in _said(zh_bot, ids.COMMAND_LOG, "help")
    assert "记录一次电话或拜访" in _said(zh_bot, ids.COMMAND_LOG, "")
    assert "你的待办任务：无" in _said(zh_bot, ids.COMMAND_TASKS, "")
    unknown = _said(zh_bot, ids.COMMAND_TASKS, "bob")
    assert "没有认出这个人" in unknown and "你的跟进任务" in unknown
    # Someone in no team is answered in English.
    assert "Log a call or visit" in _said(zh_bot, ids.COMMAND_LOG, "help", user=STRANGER)
    # An empty DM's help goes back as a DM, in the team's language too.
    assert zh_bot.send(dm_message("help", user_id=REP, team_id=TEAM_ID))[0] == 200
    reply = slack.wait_for(lambda c: c.method == "chat.postMessage")
    assert "记录一次电话或拜访" in str(reply.params.get("blocks"))


def test_every_commands_help_follows_the_language(bot: RunningBot, zh_bot: RunningBot) -> None:
    chinese = {ids.COMMAND_CUSTOMER: "客户档案", ids.COMMAND_CUSTOMERS: "查找客户",
               ids.COMMAND_COMPLAINT: "登记投诉", ids.COMMAND_ONCALL: "投诉当班",
               ids.COMMAND_COMPLAINTS: "投诉数据", ids.COMMAND_REVIEW: "立即发布今晚的商机复盘",
               ids.COMMAND_TEAM: "你的团队"}
    for command, words in chinese.items():
        assert words in _said(bot, command, "帮助"), command  # typed in Chinese
        assert words in _said(zh_bot, command, "help"), command  # a Chinese team
        assert words not in _said(bot, command, "help"), command  # English otherwise


def test_the_slack_locale_speaks_first_and_settings_language_overrides_it(
        bot: RunningBot, slack: FakeSlack) -> None:
    slack.add_user(REP, tz="Asia/Shanghai", locale="zh-CN")
    _log(bot, slack, "Acme Corp: called Li, send the quote Friday 3pm")
    looked_up = slack.wait_for(lambda c: c.method == "users.info")
    assert str(looked_up.params.get("include_locale")).lower() in ("1", "true")
    # English team, English words typed: the person's Slack client is in Chinese.
    assert "记录一次电话或拜访" in _said(bot, ids.COMMAND_LOG, "help")
    assert "简体中文" in _said(bot, ids.COMMAND_SETTINGS, "")
    chosen = _said(bot, ids.COMMAND_SETTINGS, "language en")
    assert "I speak to you in English now (set by you)" in chosen.replace("*", "")
    assert "Log a call or visit" in _said(bot, ids.COMMAND_LOG, "help")
    assert "Your language: English (set by you)" in _said(bot, ids.COMMAND_SETTINGS,
                                                          "").replace("*", "")
    back = _said(bot, ids.COMMAND_SETTINGS, "语言 auto")
    assert "现在起我用简体中文和你交流（来自你的 Slack 资料）" in back.replace("*", "")
    unknown = _said(bot, ids.COMMAND_SETTINGS, "language klingon")
    assert "我不会“klingon”" in unknown
