"""The language of answers made of the bot's own words (help, lists)."""

from __future__ import annotations

from bot.domain.language import writes_chinese
from bot.services.context import ServiceContext


def answer_language(ctx: ServiceContext, user_id: str, *typed: str | None) -> str:
    """Chinese when the person just typed Chinese ("/log 帮助"); otherwise their team's
    `language` (English without a team)."""
    if writes_chinese(*typed):
        return "zh"
    team = ctx.directory.team_of(user_id)
    return team.language if team else "en"
