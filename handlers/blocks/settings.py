"""The answers of /settings: your time zone, where it comes from, and how to change it."""

from __future__ import annotations

from typing import Any

from bot.services.zones import ZoneSetting
from handlers.blocks.text import context, section, shown

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "shown": "Your time zone: *{zone}* ({source}). Every time I read or show you is in it.",
        "set": "Your time zone is now *{zone}*. Your open tasks keep their clock times in it.",
        "unknown_zone": "I don't know the time zone \"{typed}\". Use a name like "
                        "`Asia/Shanghai` or `America/New_York`.",
        "usage": "Your time zone: *{zone}* ({source}).",
        "how": "Set or correct it: `/settings timezone Asia/Shanghai`",
        "you": "set by you", "slack": "from your Slack profile", "team": "your team's",
        "default": "the bot's default",
    },
    "zh": {
        "shown": "你的时区：*{zone}*（{source}）。我读取和显示的时间都按这个时区。",
        "set": "你的时区已改为 *{zone}*。未完成任务的钟点时间保持不变。",
        "unknown_zone": "我不认识时区“{typed}”。请用 `Asia/Shanghai`、`America/New_York` "
                        "这样的名称。",
        "usage": "你的时区：*{zone}*（{source}）。",
        "how": "设置或更正：`/settings 时区 Asia/Shanghai`",
        "you": "你设置的", "slack": "来自你的 Slack 资料", "team": "团队的", "default": "默认",
    },
}


def settings_message(answer: ZoneSetting, lang: str) -> dict[str, Any]:
    """The reply to /settings, in English or Chinese."""
    words = WORDS.get(lang, WORDS["en"])
    text = words[answer.status].format(zone=shown(answer.zone, 64), source=words[answer.source],
                                       typed=shown(answer.typed, 64))
    return {"text": text.replace("*", ""), "blocks": [section(text), context(words["how"])]}
