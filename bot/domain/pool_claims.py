"""Who may claim a pooled prospect, and who receives customers when they change hands: the
claim limits (docs/pool.md), a round-robin split of a leaving rep's customers across the
team, and the owner after the sale.

Pure: counts, times and the zone are passed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.pool import PoolPolicy
from bot.domain.teams import Team

COOLING_DOWN, HOLDS_MAX, DAILY_LIMIT = "cooling_down", "holds_max", "daily_limit"


@dataclass(frozen=True)
class ClaimCheck:
    """Yes, or why not: the limit reached and, when it passes, when the rep may try again."""

    allowed: bool
    reason: str | None = None  # cooling_down | holds_max | daily_limit
    limit: int | None = None  # the configured number, for the message
    until: datetime | None = None  # when the cool-down ends, or the next local day starts


ALLOWED = ClaimCheck(True)


def day_start(now: datetime, zone: ZoneInfo) -> datetime:
    """The start of the claimant's local day (claims per day count from it), aware UTC."""
    return datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone).astimezone(UTC)


def check_claim(claimant: str, previous_owner: str | None, returned_at: datetime | None,
                held: int, claims_today: int, policy: PoolPolicy, now: datetime,
                zone: ZoneInfo) -> ClaimCheck:
    """Whether `claimant` may claim a pooled prospect now. `held`: prospects they own;
    `claims_today`: their claims since their local day began. The cool-down binds only the
    owner it was returned from, counted from the return."""
    if (policy.cooldown is not None and claimant == previous_owner
            and returned_at is not None):
        ends = returned_at + timedelta(days=policy.cooldown.rough_days())
        if now < ends:
            return ClaimCheck(False, COOLING_DOWN, policy.cooldown.count, ends)
    if policy.max_customers is not None and held >= policy.max_customers:
        return ClaimCheck(False, HOLDS_MAX, policy.max_customers)
    if policy.claims_per_day is not None and claims_today >= policy.claims_per_day:
        tomorrow = now.astimezone(zone).date() + timedelta(days=1)
        next_day = datetime.combine(tomorrow, time(0), tzinfo=zone).astimezone(UTC)
        return ClaimCheck(False, DAILY_LIMIT, policy.claims_per_day, next_day)
    return ALLOWED


@dataclass(frozen=True)
class Split:
    """Who receives each customer; customers nobody had room for stay unplaced."""

    assigned: dict[int, str]
    unplaced: tuple[int, ...]


def split_round_robin(customer_ids: Sequence[int], receivers: Sequence[str],
                      held: Mapping[str, int] | None = None, capacity: int | None = None
                      ) -> Split:
    """Share customers among receivers: each customer, in id order, goes to whoever holds the
    fewest so far (what they held plus what this split gave them), ties to the first listed.
    Deterministic; fair (counts end at most one apart among those not at capacity); stable
    (a customer with a higher id added to the list changes no one else's receiver)."""
    order = list(dict.fromkeys(receivers))
    load = {r: (held or {}).get(r, 0) for r in order}
    assigned: dict[int, str] = {}
    unplaced: list[int] = []
    for cid in sorted(set(customer_ids)):
        room = [r for r in order if capacity is None or load[r] < capacity]
        if not room:
            unplaced.append(cid)
            continue
        to = min(room, key=lambda r: (load[r], order.index(r)))
        assigned[cid] = to
        load[to] += 1
    return Split(assigned, tuple(unplaced))


def handover_receivers(team: Team, leaving: str) -> tuple[str, ...]:
    """Who shares a leaving rep's customers: the team's members but them, in a fixed order
    (the lead only when nobody else is left)."""
    members = tuple(sorted(m for m in team.members if m != leaving))
    return members or ((team.lead,) if team.lead != leaving else ())


def after_sale_owner(seller: str, service_team: Team | None,
                     held: Mapping[str, int] | None = None) -> str:
    """Who owns a customer once it is won: the seller, unless the configured service team
    takes it over (its least-loaded member; the seller keeps it when already in that team)."""
    if service_team is None or seller in (service_team.lead, *service_team.members):
        return seller
    receivers = tuple(sorted(service_team.members)) or (service_team.lead,)
    return split_round_robin([0], receivers, held).assigned[0]
