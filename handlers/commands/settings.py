"""/settings: your own settings (your time zone and your language)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.services.commands import receive_command
from bot.services.context import ServiceContext
from bot.services.language import LANGUAGE_WORDS, answer_language, language_settings
from bot.services.zones import ZONE_WORDS, zone_settings
from handlers.blocks.settings import settings_message
from handlers.later import answer_read, change_asked, working_message

_CHANGES = ZONE_WORDS + LANGUAGE_WORDS


def ack_settings(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                 workspace_id: str) -> None:
    """`/settings` shows your time zone and language; `/settings timezone Asia/Shanghai` and
    `/settings language zh` set them (`/settings 时区 Asia/Shanghai`, `/settings 语言 中文`)."""
    text = (command.get("text") or "").strip()
    if text.casefold().startswith(_CHANGES):
        # Setting a zone moves every open task's clock: stored (one INSERT) and done by the
        # worker after Slack's answer, which it replaces (bot/services/commands.py).
        receive_command(services, change_asked(command, workspace_id, "settings", (text,)), now)
    ack(**working_message(text))  # what is in force (or the usage) follows: handle_settings


def handle_settings(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                    now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """Your zone and language (or how to set them), in place of "working on it": a read."""
    text = (command.get("text") or "").strip()
    if not text.casefold().startswith(_CHANGES):
        user = command["user_id"]
        answer_read(command, body, respond, lambda: settings_message(
            zone_settings(services, workspace_id, user, text, now),
            answer_language(services, user, text),
            language_settings(services, workspace_id, user, "", now)))
