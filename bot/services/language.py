"""Whose language a message is in: the reader's own, or what they just typed in
(bot/domain/language.py holds the rules)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.language import (
    chosen_language,
    language_and_source,
    person_language,
    reply_language,
)
from bot.services.context import ServiceContext
from store.uow import UnitOfWork

LANGUAGE_WORDS = ("language", "lang", "语言", "語言")


@dataclass(frozen=True)
class LanguageSetting:
    """The person's language and where it comes from ("you", "slack", "team", "default"),
    what was done ("shown", "set", "unknown_language", "usage"), what was typed if unknown."""

    status: str
    language: str
    source: str
    typed: str = ""


def own_language(ctx: ServiceContext, user_id: str, uow: UnitOfWork | None = None) -> str:
    """The person's language: their choice, their Slack locale, their team's, English.
    Pass the unit of work you are in (SQLite allows one per thread)."""
    if uow is None:
        with ctx.uow().reading() as reading:
            return own_language(ctx, user_id, reading)
    chosen, locale = uow.people.language_of(user_id)
    team = ctx.directory.team_of(user_id)
    return person_language(chosen, locale, team.language if team else None)


def own_languages(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str,
                  user_ids: Iterable[str]) -> dict[str, str]:
    """The languages of many people at once (a sweep's owners), by user, in one statement."""
    wanted = list(dict.fromkeys(user_ids))
    known = uow.people.languages_of(workspace_id, wanted)
    out = {}
    for user in wanted:
        chosen, locale = known.get(user, (None, None))
        team = ctx.directory.team_of(user)
        out[user] = person_language(chosen, locale, team.language if team else None)
    return out


def language_settings(ctx: ServiceContext, workspace_id: str, user_id: str, text: str,
                      now: datetime) -> LanguageSetting:
    """`/settings language zh|en|zh-TW` chooses the language the bot speaks to you (it wins
    over your Slack locale); `/settings language auto` goes back to it."""
    words = text.strip()
    key = next((w for w in LANGUAGE_WORDS if words.casefold().startswith(w)), None)
    value = words[len(key):].strip(" :：=") if key else ""
    choice = chosen_language(value) if value else None
    if choice is None:  # nothing to set: a read, which on SQLite does not queue for the writer
        with ctx.uow().reading() as uow:
            current = _current(ctx, uow, user_id)
        if not value:
            return LanguageSetting("shown" if not words else "usage", *current)
        return LanguageSetting("unknown_language", *current, typed=value[:64])
    with ctx.uow() as uow:
        uow.act_as(user_id, now)
        uow.people.choose_language(workspace_id, user_id, None if choice == "auto" else choice)
        uow.commit()
        return LanguageSetting("set", *_current(ctx, uow, user_id))


def _current(ctx: ServiceContext, uow: UnitOfWork, user_id: str) -> tuple[str, str]:
    chosen, locale = uow.people.language_of(user_id)
    team = ctx.directory.team_of(user_id)
    return language_and_source(chosen, locale, team.language if team else None)


def answer_language(ctx: ServiceContext, user_id: str, *typed: str | None,
                    uow: UnitOfWork | None = None) -> str:
    """The language of an answer to what the person typed: Chinese when they typed Chinese
    ("/log 帮助"), otherwise their own language."""
    return reply_language(own_language(ctx, user_id, uow), *typed)


def team_language(ctx: ServiceContext, user_id: str) -> str:
    """What a channel of the person's team reads in: the team's language (English without)."""
    team = ctx.directory.team_of(user_id)
    return person_language(None, None, team.language if team else None)
