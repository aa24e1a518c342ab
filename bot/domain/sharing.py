"""Whom a log may be attached to: the rule that keeps a log inside its author's reach."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.teams import TeamDirectory


def teammates(directory: TeamDirectory, a: str, b: str) -> bool:
    """Whether two people belong to (or lead) one team."""
    return any({a, b} <= {team.lead, *team.members} for team in directory.teams)


def may_attach_log(directory: TeamDirectory, author: str, people_on: Iterable[str]) -> bool:
    """A log attaches to a customer its author may already see, or one a teammate works
    (a team shares its customers). Without any team configured the workspace is one team.
    Anyone else's customer needs its owner to share it first."""
    people = set(people_on)
    if directory.may_see_customer(author, people) or not directory.teams:
        return True
    return any(teammates(directory, author, person) for person in people)


def offered_ids(text: str | None) -> frozenset[int]:
    """The customer ids a log offered ("12,40"), as stored with it."""
    return frozenset(int(part) for part in (text or "").split(",") if part.isdigit())


def offered_text(ids: Iterable[int]) -> str | None:
    """The stored form of the customer ids offered for a log; None when none were."""
    text = ",".join(str(i) for i in dict.fromkeys(ids))
    return text or None
