"""A person's language is kept: Slack's locale from users.info, their choice with /settings
language, and every answer made of the bot's words follows it — on SQLite and PostgreSQL."""

from __future__ import annotations

from bot.services.language import answer_language, language_settings, own_language
from bot.services.logs.intake import LogRequest, process_received_logs, receive_log
from tests.services.logs.test_logs import REP, WS
from tests.support.fakes import FakeNotifier

NEWCOMER = "U0NEWLANG"  # in no team


def _first_log(services, clock, notifier: FakeNotifier, user: str) -> None:
    receive_log(services, LogRequest(WS, user, "Acme Corp: send the quote tomorrow 9am",
                                     "slash", f"k-{user}", reply_channel="D0X"), clock.now())
    process_received_logs(services, clock.now(), notifier=notifier)


def test_the_slack_locale_from_users_info_is_the_persons_language(services, clock) -> None:
    assert own_language(services, NEWCOMER) == "en"  # never looked up, in no team
    notifier = FakeNotifier()
    notifier.profiles[NEWCOMER], notifier.locales[NEWCOMER] = "Asia/Taipei", "zh-TW"
    _first_log(services, clock, notifier, NEWCOMER)
    assert own_language(services, NEWCOMER) == "zh_TW"
    assert answer_language(services, NEWCOMER, "help") == "zh_TW"


def test_settings_language_chooses_over_the_locale_and_auto_goes_back(services, clock) -> None:
    notifier = FakeNotifier()
    notifier.profiles[NEWCOMER], notifier.locales[NEWCOMER] = "Asia/Shanghai", "zh-CN"
    _first_log(services, clock, notifier, NEWCOMER)
    shown = language_settings(services, WS, NEWCOMER, "", clock.now())
    assert (shown.status, shown.language, shown.source) == ("shown", "zh", "slack")
    chosen = language_settings(services, WS, NEWCOMER, "language English", clock.now())
    assert (chosen.status, chosen.language, chosen.source) == ("set", "en", "you")
    assert own_language(services, NEWCOMER) == "en"
    # A profile refreshed later keeps the choice.
    notifier.locales[NEWCOMER] = "zh-CN"
    assert own_language(services, NEWCOMER) == "en"
    back = language_settings(services, WS, NEWCOMER, "语言 自动", clock.now())
    assert (back.status, back.language, back.source) == ("set", "zh", "slack")


def test_an_unknown_language_is_answered_and_changes_nothing(services, clock) -> None:
    out = language_settings(services, WS, REP, "language klingon", clock.now())
    assert (out.status, out.typed) == ("unknown_language", "klingon")
    assert own_language(services, REP) == out.language


def test_without_a_choice_or_locale_the_team_language_is_used(services, clock) -> None:
    team = services.directory.team_of(REP)
    assert team is not None
    assert own_language(services, REP) == team.language
