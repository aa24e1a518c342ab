"""Whose language the bot speaks: the reader's own, or the language a person just wrote in.

A person's language is their own choice (`/settings language zh`), else the locale of their
Slack client, else their team's `language`, else English. What a channel reads (the review,
complaint threads, weekly reports) is in the team's language. A reply to something a person
typed follows what they typed when it is Chinese, and a reply to a log follows the log's
language even when it differs from the person's own (docs/language.md).
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH = "en"
SPOKEN = ("en", "zh", "zh_TW")


def writes_chinese(*texts: str | None) -> bool:
    """True when any of the texts contains Chinese characters."""
    return any(text and _CJK.search(text) for text in texts)


def spoken(code: str | None) -> str | None:
    """The language the bot speaks for a code such as "zh-CN", "zh_TW", "en-GB" or "zh-Hant",
    or None for one it does not speak ("fr-FR")."""
    if not code:
        return None
    parts = code.strip().replace("-", "_").split("_")
    base = parts[0].casefold()
    if base == "en":
        return "en"
    if base == "zh":
        rest = {p.casefold() for p in parts[1:]}
        return "zh_TW" if rest & {"tw", "hk", "mo", "hant"} else "zh"
    return None


def locale_language(locale: str | None) -> str:
    """The language for a locale (a terminal's "zh_CN"): one the bot speaks, else English."""
    return spoken(locale) or ENGLISH


def is_chinese(lang: str) -> bool:
    return lang in ("zh", "zh_TW")


def person_language(chosen: str | None, slack_locale: str | None,
                    team_language: str | None) -> str:
    """A person's own language: their choice, their Slack locale, their team's, English."""
    return language_and_source(chosen, slack_locale, team_language)[0]


def language_and_source(chosen: str | None, slack_locale: str | None,
                        team_language: str | None) -> tuple[str, str]:
    """The person's language and where it comes from: "you", "slack", "team" or "default"."""
    for code, source in ((chosen, "you"), (slack_locale, "slack"), (team_language, "team")):
        language = spoken(code)
        if language:
            return language, source
    return ENGLISH, "default"


# What a person may type to choose (`/settings language 中文`); "auto" forgets the choice.
_NAMED = {"english": "en", "英文": "en", "英语": "en", "英語": "en",
          "中文": "zh", "简体": "zh", "简体中文": "zh", "汉语": "zh", "chinese": "zh",
          "繁體": "zh_TW", "繁体": "zh_TW", "繁體中文": "zh_TW", "繁体中文": "zh_TW"}
AUTO = frozenset(("auto", "default", "自动", "自動", "默认", "預設"))


def chosen_language(typed: str) -> str | None:
    """The language a person named ("zh", "zh-TW", "English", "中文", "繁體中文"), "auto" to
    go back to their Slack locale, or None when it names none the bot speaks."""
    word = typed.strip().casefold()
    if word in AUTO:
        return "auto"
    return _NAMED.get(word) or spoken(word)


def reply_language(own: str, *typed: str | None) -> str:
    """The language of an answer to what a person typed: Chinese when they typed Chinese
    (Traditional if that is their own), otherwise their own language."""
    if writes_chinese(*typed):
        return own if is_chinese(own) else "zh"
    return own


def log_language(own: str, text: str | None) -> str:
    """A reply to a log follows the log: Chinese for a Chinese log, English for one without
    Chinese (a rep who set Chinese and logs in English is answered in English)."""
    if writes_chinese(text):
        return own if is_chinese(own) else "zh"
    return ENGLISH
