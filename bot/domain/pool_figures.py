"""The pool's figures (docs/domain.md section 10, docs/pool.md) over plain ownership events:
claims, returns and reassignments per rep and week, and prospects that returned unworked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.revisit_figures import week_of

CLAIM, RETURN, REASSIGN, SHARE, UNSHARE, WARN = (
    "claim", "return", "reassign", "share", "unshare", "warn")
EVENT_KINDS = (CLAIM, RETURN, REASSIGN, SHARE, UNSHARE, WARN)


@dataclass(frozen=True)
class OwnershipFact:
    """One ownership event as the figures see it: what, when, to whom, from whom."""

    kind: str
    at: datetime
    to_user: str | None = None  # the claimant, the new owner, the person shared with
    from_user: str | None = None  # the owner it was returned or reassigned from
    unworked: bool = False  # a return with no contact logged in its term


@dataclass
class PoolFigures:
    """One rep's counts over a period."""

    claims: int = 0
    returns: int = 0  # of their prospects, to the pool
    returned_unworked: int = 0  # of those, with no contact logged in the term
    reassigned_in: int = 0  # customers reassigned to them
    reassigned_out: int = 0  # customers reassigned away from them


def unworked(since: datetime, returned_at: datetime, contacts: Iterable[datetime]) -> bool:
    """Whether a term ended without a single contact logged in it (the figure leads watch:
    prospects claimed and left to go back)."""
    return not any(since <= at < returned_at for at in contacts)


def per_rep_and_week(facts: Iterable[OwnershipFact], zone: ZoneInfo
                     ) -> dict[tuple[str, date], PoolFigures]:
    """Counts keyed by (rep, Monday of the team's local week the event fell in)."""
    out: dict[tuple[str, date], PoolFigures] = {}

    def row(user: str | None, at: datetime) -> PoolFigures | None:
        if user is None:
            return None
        return out.setdefault((user, week_of(at.astimezone(zone).date())), PoolFigures())

    for f in facts:
        if f.kind == CLAIM and (to := row(f.to_user, f.at)):
            to.claims += 1
        elif f.kind == RETURN and (was := row(f.from_user, f.at)):
            was.returns += 1
            was.returned_unworked += f.unworked
        elif f.kind == REASSIGN:
            if to := row(f.to_user, f.at):
                to.reassigned_in += 1
            if was := row(f.from_user, f.at):
                was.reassigned_out += 1
    return out


def totals(figures: Iterable[PoolFigures]) -> PoolFigures:
    """The sum of several reps' or weeks' figures (a team's)."""
    out = PoolFigures()
    for f in figures:
        out.claims += f.claims
        out.returns += f.returns
        out.returned_unworked += f.returned_unworked
        out.reassigned_in += f.reassigned_in
        out.reassigned_out += f.reassigned_out
    return out
