"""Losses (docs/domain.md sections 2 and 13, docs/revisits.md): why a customer was lost, and
when a customer with no business for a while is proposed as lost to its owner.

Pure: `now` and the zone are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.classification import LOST
from bot.domain.problems import Problem, Value, problem
from bot.domain.revisit_outcomes import OTHER


class LossError(ValueError):
    """A loss reason that cannot be recorded as given: `problem` says why (its code is the
    exception's message)."""

    def __init__(self, code: str, **values: Value) -> None:
        super().__init__(code)
        self.problem: Problem = problem(code, **values)


@dataclass(frozen=True)
class LossPolicy:
    """The configured `losses:` section."""

    reasons: tuple[str, ...] = ("price", "competitor", "no_budget", "no_need", "service",
                                OTHER)
    # Days without a won deal or a contact before the owner is asked "lost?" (3 months, a
    # month counted as 30 days as the cadence table counts them); None: never asked.
    inactive_days: int | None = 90


@dataclass(frozen=True)
class LossReason:
    """Why a customer was lost: one of the configured reasons, and the rep's words."""

    reason: str
    text: str | None = None


def check_reason(reason: str, text: str | None, policy: LossPolicy) -> LossReason:
    """The reason cleaned, or LossError: it must be configured, and "other" needs its text."""
    words = (text or "").strip() or None
    if reason not in policy.reasons:
        raise LossError("reason_unknown", typed=reason[:60])
    if reason == OTHER and words is None:
        raise LossError("other_needs_words")
    return LossReason(reason, words)


@dataclass(frozen=True)
class Proposal:
    """A customer to propose as lost: since when it has been quiet, and the proposal's key
    (one proposal per quiet spell: "Still active" is not asked again until a new spell)."""

    customer_id: int
    quiet_since: datetime
    key: str


def quiet_since(created_at: datetime, last_won: datetime | None, last_contact: datetime | None,
                kept_active: datetime | None) -> datetime:
    """When the customer's quiet spell began: its newest won deal, contact or "Still active"
    answer, else when its file was made."""
    return max(t for t in (created_at, last_won, last_contact, kept_active) if t is not None)


def propose_lost(customer_id: int, stage: str | None, created_at: datetime,
                 last_won: datetime | None, last_contact: datetime | None,
                 kept_active: datetime | None, now: datetime, zone: ZoneInfo,
                 policy: LossPolicy) -> Proposal | None:
    """A proposal when the customer, not already lost, has had no won deal and no contact for
    the configured time; counted in whole local days."""
    days = policy.inactive_days
    if days is None or stage == LOST:
        return None
    since = quiet_since(created_at, last_won, last_contact, kept_active)
    quiet_days = (now.astimezone(zone).date() - since.astimezone(zone).date()).days
    if quiet_days < days:
        return None
    return Proposal(customer_id, since,
                    f"lost?:{customer_id}:{since.astimezone(zone).date().isoformat()}")
