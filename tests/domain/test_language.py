"""Whose language: the person's choice, their Slack locale, their team's, English; a reply
follows what was typed (bot/domain/language.py)."""

from __future__ import annotations

import pytest

from bot.domain.language import (
    chosen_language,
    language_and_source,
    log_language,
    person_language,
    reply_language,
    spoken,
)


@pytest.mark.parametrize(("code", "language"), [
    ("en-US", "en"), ("en_GB", "en"), ("zh-CN", "zh"), ("zh_Hans", "zh"), ("zh-TW", "zh_TW"),
    ("zh-HK", "zh_TW"), ("zh-Hant-TW", "zh_TW"), ("ZH", "zh"), ("fr-FR", None), ("", None),
    (None, None), ("zh", "zh")])
def test_the_bot_speaks_english_simplified_and_traditional_chinese(code, language) -> None:
    assert spoken(code) == language


def test_a_choice_wins_over_the_slack_locale_which_wins_over_the_team() -> None:
    assert language_and_source("en", "zh-CN", "zh") == ("en", "you")
    assert language_and_source(None, "zh-TW", "en") == ("zh_TW", "slack")
    assert language_and_source(None, "fr-FR", "zh") == ("zh", "team")  # French not spoken
    assert language_and_source(None, None, None) == ("en", "default")
    assert person_language(None, "zh-CN", "en") == "zh"


def test_a_reply_follows_chinese_typed_by_anyone_else_the_persons_own() -> None:
    assert reply_language("en", "/log 帮助") == "zh"
    assert reply_language("zh_TW", "客戶") == "zh_TW"
    assert reply_language("zh", "Acme Corp") == "zh"  # a name is not a language
    assert reply_language("zh", None) == "zh"


def test_a_reply_to_a_log_follows_the_log() -> None:
    assert log_language("zh", "Called Acme, send the quote Friday") == "en"
    assert log_language("en", "拜访了王总") == "zh"
    assert log_language("zh_TW", "拜訪了王總") == "zh_TW"


@pytest.mark.parametrize(("typed", "chosen"), [
    ("zh", "zh"), ("中文", "zh"), ("English", "en"), ("英文", "en"), ("zh-TW", "zh_TW"),
    ("繁體中文", "zh_TW"), ("auto", "auto"), ("自动", "auto"), ("klingon", None), ("", None)])
def test_a_person_names_their_language_as_they_would_say_it(typed, chosen) -> None:
    assert chosen_language(typed) == chosen
