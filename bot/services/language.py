"""Whose language a message is in: the reader's own, or what they just typed in
(bot/domain/language.py holds the rules)."""

from __future__ import annotations

from bot.domain.language import person_language, reply_language
from bot.services.context import ServiceContext
from store.uow import UnitOfWork


def own_language(ctx: ServiceContext, user_id: str, uow: UnitOfWork | None = None) -> str:
    """The person's language: their choice, their Slack locale, their team's, English.
    Pass the unit of work you are in (SQLite allows one per thread)."""
    if uow is None:
        with ctx.uow() as reading:
            return own_language(ctx, user_id, reading)
    chosen, locale = uow.people.language_of(user_id)
    team = ctx.directory.team_of(user_id)
    return person_language(chosen, locale, team.language if team else None)


def answer_language(ctx: ServiceContext, user_id: str, *typed: str | None,
                    uow: UnitOfWork | None = None) -> str:
    """The language of an answer to what the person typed: Chinese when they typed Chinese
    ("/log 帮助"), otherwise their own language."""
    return reply_language(own_language(ctx, user_id, uow), *typed)


def team_language(ctx: ServiceContext, user_id: str) -> str:
    """What a channel of the person's team reads in: the team's language (English without)."""
    team = ctx.directory.team_of(user_id)
    return person_language(None, None, team.language if team else None)
