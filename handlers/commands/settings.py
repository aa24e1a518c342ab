"""/settings: your own settings (your time zone)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.zones import zone_settings
from handlers.blocks.settings import settings_message


def handle_settings(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                    workspace_id: str) -> None:
    """`/settings` shows your time zone; `/settings timezone Asia/Shanghai` sets or corrects
    it (`/settings 时区 Asia/Shanghai`)."""
    text = (command.get("text") or "").strip()
    answer = zone_settings(services, workspace_id, command["user_id"], text, now)
    lang = answer_language(services, command["user_id"], text)
    ack(response_type="ephemeral", **settings_message(answer, lang))
