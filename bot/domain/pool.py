"""The shared pool (docs/domain.md section 7, docs/pool.md): how long an owner's claim on a
prospect is protected, when the owner is warned, when and why it returns to the team's pool,
and the keys that make each warning and each return happen once.

Pure: times, the zone, the team's calendar and its digest time are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.revisit_plans import Offset, offset_day
from bot.domain.workdays import WorkCalendar

PROTECTION_ENDED, NO_CONTACT = "protection_ended", "no_contact"
RETURN_REASONS = (PROTECTION_ENDED, NO_CONTACT)
# A won customer is no prospect: nobody's claim on it runs out (a later win restarts a term).
NOT_PROSPECT_STAGES = ("won", "after_sales")
WARN, RETURN = "warn", "return"
# A warning the sweep sends late (the bot was down on the warning day) still gives the owner
# this long before the prospect returns: nobody loses a customer they were never told about.
LATE_NOTICE = timedelta(days=1)


@dataclass(frozen=True)
class PoolPolicy:
    """The configured `pool:` section; None turns a rule off."""

    protect: Offset | None = field(default_factory=lambda: Offset(30, "d"))
    no_contact: Offset | None = None  # some teams: return a prospect not followed up this long
    warn_before: Offset | None = field(default_factory=lambda: Offset(3, "d"))
    max_customers: int | None = None  # prospects one rep may hold
    claims_per_day: int | None = None  # claims from the pool per rep and local day
    cooldown: Offset | None = None  # before the previous owner may claim it back
    after_sale_team: str | None = None  # who owns a customer after the sale; None: the seller

    @property
    def returns(self) -> bool:
        """Whether prospects return to the pool at all."""
        return self.protect is not None or self.no_contact is not None


@dataclass(frozen=True)
class Term:
    """An owner's protected claim: from when, until when, what ends it, when to warn."""

    since: datetime
    until: datetime
    reason: str  # the return reason should it run out: protection_ended | no_contact
    warn_at: datetime | None


def is_prospect(stage: str | None) -> bool:
    """Whether a customer in this stage is a prospect whose claim can run out."""
    return stage not in NOT_PROSPECT_STAGES


def term(owner_since: datetime, last_won_at: datetime | None, last_contact_at: datetime | None,
         stage: str | None, policy: PoolPolicy, zone: ZoneInfo, cal: WorkCalendar,
         digest_time: time) -> Term | None:
    """The owner's current term, or None when the claim cannot run out (a won customer, or
    returns turned off). It starts at the claim or assignment, or the last win after it;
    `no_contact` counts from the last contact in the term. Whichever end comes first wins."""
    if not is_prospect(stage) or not policy.returns:
        return None
    since = max(owner_since, last_won_at or owner_since)
    ends: list[tuple[datetime, str]] = []
    if policy.protect is not None:
        ends.append((after(since, policy.protect, zone, cal), PROTECTION_ENDED))
    if policy.no_contact is not None:
        base = max(since, last_contact_at) if last_contact_at is not None else since
        ends.append((after(base, policy.no_contact, zone, cal), NO_CONTACT))
    until, reason = min(ends, key=lambda end: end[0])  # a tie keeps protection_ended
    return Term(since, until, reason, warn_time(since, until, policy, zone, cal, digest_time))


def after(start: datetime, span: Offset, zone: ZoneInfo, cal: WorkCalendar) -> datetime:
    """`span` after `start`, at the same local wall time; a day the team does not work moves to
    its next working day (a prospect never returns while nobody is there to claim it)."""
    local = start.astimezone(zone)
    day = offset_day(local.date(), span, cal)
    if cal.works_at_all and not cal.is_working_day(day):
        day = cal.add(day, 1)
    return datetime.combine(day, local.time(), tzinfo=zone).astimezone(UTC)


def warn_time(since: datetime, until: datetime, policy: PoolPolicy, zone: ZoneInfo,
              cal: WorkCalendar, digest_time: time) -> datetime | None:
    """When the owner is warned: at the team's digest time `warn_before` ahead of the end (the
    working day before when the team is off that day), never before the term starts."""
    if policy.warn_before is None:
        return None
    day = _before(until.astimezone(zone).date(), policy.warn_before, cal)
    if cal.works_at_all and not cal.is_working_day(day):
        day = cal.add(day, -1)
    at = datetime.combine(day, digest_time, tzinfo=zone).astimezone(UTC)
    return max(at, since)


def _before(day: date, span: Offset, cal: WorkCalendar) -> date:
    if span.unit == "wd":
        return cal.add(day, -span.count) if cal.works_at_all else day - timedelta(span.count)
    return day - timedelta(days=span.rough_days())


def return_at(until: datetime, warn_at: datetime | None, warned_at: datetime | None
              ) -> datetime | None:
    """When the prospect returns: at the term's end, but never unwarned (None: the warning is
    still to be sent) nor sooner than LATE_NOTICE after a warning sent late."""
    if warn_at is None:
        return until
    if warned_at is None:
        return None
    return max(until, warned_at + LATE_NOTICE)


def due(until: datetime, warn_at: datetime | None, warned_at: datetime | None,
        now: datetime) -> str | None:
    """What the sweep must do for an owned prospect now: WARN, RETURN or nothing (None)."""
    if warn_at is not None and warned_at is None:
        return WARN if now >= warn_at else None
    back = return_at(until, warn_at, warned_at)
    return RETURN if back is not None and now >= back else None


def next_check(until: datetime, warn_at: datetime | None, warned_at: datetime | None
               ) -> datetime:
    """When the sweep should next look at the prospect (stored for its partial index)."""
    if warn_at is not None and warned_at is None:
        return warn_at
    back = return_at(until, warn_at, warned_at)
    assert back is not None
    return back


def warn_key(customer_id: int, until: datetime) -> str:
    """The warning's key: one per customer and term end. Unique in the store, so a restart or
    a second copy of the bot never warns twice; a term pushed back by a contact gets a new
    end, and so a new warning when that comes near."""
    return f"pool:warn:{customer_id}:{until.astimezone(UTC):%Y-%m-%dT%H:%M:%S}"


def return_key(customer_id: int, since: datetime) -> str:
    """The return's key: one per customer and term (its start). Unique in the store, so a
    term returns its prospect once, whoever sweeps and however often."""
    return f"pool:return:{customer_id}:{since.astimezone(UTC):%Y-%m-%dT%H:%M:%S}"
