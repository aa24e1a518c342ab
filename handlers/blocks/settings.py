"""The answers of /settings: your time zone and language, where each comes from, and how to
change them."""

from __future__ import annotations

from typing import Any

from bot.catalog import N_, tr
from bot.services.language import LanguageSetting
from bot.services.zones import ZoneSetting
from handlers.blocks.text import context, section, shown

_SOURCE = {"you": N_("set by you"), "slack": N_("from your Slack profile"),
           "team": N_("your team's"), "default": N_("the bot's default")}
_LANGUAGE_NAME = {"en": "English", "zh": "简体中文", "zh_TW": "繁體中文"}


def _zone_line(answer: ZoneSetting, lang: str) -> str:
    source = tr(lang, _SOURCE[answer.source])
    zone = shown(answer.zone, 64)
    if answer.status == "set":
        return tr(lang, "Your time zone is now *{zone}*. Your open tasks keep their clock times "
                        "in it.", zone=zone)
    if answer.status == "unknown_zone":
        return tr(lang, "I don't know the time zone \"{typed}\". Use a name like "
                        "`Asia/Shanghai` or `America/New_York`.", typed=shown(answer.typed, 64))
    if answer.status == "shown":
        return tr(lang, "Your time zone: *{zone}* ({source}). Every time I read or show you is "
                        "in it.", zone=zone, source=source)
    return tr(lang, "Your time zone: *{zone}* ({source}).", zone=zone, source=source)


def _language_line(answer: LanguageSetting, lang: str) -> str:
    name = _LANGUAGE_NAME.get(answer.language, answer.language)
    source = tr(lang, _SOURCE[answer.source])
    if answer.status == "set":
        return tr(lang, "I speak to you in *{language}* now ({source}).", language=name,
                  source=source)
    if answer.status == "unknown_language":
        return tr(lang, "I don't speak \"{typed}\". Choose `en`, `zh` or `zh-TW`, or `auto` for "
                        "your Slack language.", typed=shown(answer.typed, 64))
    return tr(lang, "Your language: *{language}* ({source}).", language=name, source=source)


def settings_message(zone: ZoneSetting | None, lang: str,
                     language: LanguageSetting | None = None) -> dict[str, Any]:
    """The reply to /settings: the zone and the language in force, or what was changed."""
    lines = [line for line in (zone and _zone_line(zone, lang),
                               language and _language_line(language, lang)) if line]
    text = "\n".join(lines)
    how = tr(lang, "Set or correct them: `/settings timezone Asia/Shanghai` · "
                   "`/settings language zh` (en, zh, zh-TW, auto)")
    return {"text": text.replace("*", ""), "blocks": [section(text), context(how)]}
