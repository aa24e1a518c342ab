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


def is_chinese(lang: str) -> bool:
    return lang in ("zh", "zh_TW")


def person_language(chosen: str | None, slack_locale: str | None,
                    team_language: str | None) -> str:
    """A person's own language: their choice, their Slack locale, their team's, English."""
    return spoken(chosen) or spoken(slack_locale) or spoken(team_language) or ENGLISH


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
