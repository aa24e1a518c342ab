"""Claim limits, the round-robin split of a leaving rep's customers, the owner after the sale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.pool import PoolPolicy
from bot.domain.pool_claims import (
    ALLOWED,
    COOLING_DOWN,
    DAILY_LIMIT,
    HOLDS_MAX,
    ClaimCheck,
    after_sale_owner,
    check_claim,
    day_start,
    handover_receivers,
    split_round_robin,
)
from bot.domain.revisit_plans import parse_offset
from bot.domain.teams import Team

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai
LIMITS = PoolPolicy(max_customers=50, claims_per_day=3, cooldown=parse_offset("7d"))


def test_no_limits_configured_lets_anyone_claim() -> None:
    assert check_claim("U1", "U1", NOW, 10_000, 10_000, PoolPolicy(), NOW, SH) == ALLOWED


def test_the_previous_owner_waits_out_the_cool_down_and_nobody_else_does() -> None:
    returned = NOW - timedelta(days=2)
    assert check_claim("U1", "U1", returned, 0, 0, LIMITS, NOW, SH) == \
        ClaimCheck(False, COOLING_DOWN, 7, returned + timedelta(days=7))
    assert check_claim("U2", "U1", returned, 0, 0, LIMITS, NOW, SH) == ALLOWED
    assert check_claim("U1", "U1", NOW - timedelta(days=7), 0, 0, LIMITS, NOW, SH) == ALLOWED


def test_a_rep_holding_the_most_customers_allowed_claims_none() -> None:
    assert check_claim("U1", None, None, 49, 0, LIMITS, NOW, SH) == ALLOWED
    assert check_claim("U1", None, None, 50, 0, LIMITS, NOW, SH) == \
        ClaimCheck(False, HOLDS_MAX, 50)


def test_the_daily_limit_resets_at_the_reps_local_midnight() -> None:
    assert check_claim("U1", None, None, 0, 2, LIMITS, NOW, SH) == ALLOWED
    no = check_claim("U1", None, None, 0, 3, LIMITS, NOW, SH)
    midnight = datetime(2026, 11, 24, 0, 0, tzinfo=SH).astimezone(UTC)
    assert no == ClaimCheck(False, DAILY_LIMIT, 3, midnight)
    assert day_start(NOW, SH) == datetime(2026, 11, 23, 0, 0, tzinfo=SH).astimezone(UTC)
    # 23:30 UTC is already the next morning in Shanghai.
    late = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert day_start(late, SH) == midnight


def test_round_robin_is_fair_deterministic_and_counts_what_each_already_holds() -> None:
    split = split_round_robin([5, 3, 9, 1, 7], ["U1", "U2", "U3"])
    assert split.assigned == {1: "U1", 3: "U2", 5: "U3", 7: "U1", 9: "U2"}
    assert split_round_robin([9, 7, 5, 3, 1], ["U1", "U2", "U3"]) == split
    loaded = split_round_robin([1, 2, 3, 4], ["U1", "U2"], held={"U1": 3})
    assert loaded.assigned == {1: "U2", 2: "U2", 3: "U2", 4: "U1"}


def test_round_robin_is_stable_when_a_later_customer_is_added() -> None:
    base = split_round_robin(range(1, 11), ["U1", "U2", "U3"], held={"U2": 1})
    more = split_round_robin(range(1, 12), ["U1", "U2", "U3"], held={"U2": 1})
    assert {k: v for k, v in more.assigned.items() if k <= 10} == base.assigned
    counts = sorted(list(base.assigned.values()).count(r) + (r == "U2") for r in
                    ("U1", "U2", "U3"))
    assert counts[-1] - counts[0] <= 1


def test_round_robin_respects_capacity_and_leaves_the_rest_unplaced() -> None:
    split = split_round_robin([1, 2, 3, 4], ["U1", "U2", "U1"], held={"U1": 1}, capacity=2)
    assert split.assigned == {1: "U2", 2: "U1", 3: "U2"} and split.unplaced == (4,)
    assert split_round_robin([1], []).unplaced == (1,)


def test_a_leaving_reps_customers_go_to_the_rest_of_the_team() -> None:
    team = Team(name="East", channel="C1", lead="U0LEAD", members=("U3", "U1", "U2"),
                timezone="Asia/Shanghai")
    assert handover_receivers(team, "U1") == ("U2", "U3")
    alone = Team(name="Solo", channel="C1", lead="U0LEAD", members=("U1",),
                 timezone="Asia/Shanghai")
    assert handover_receivers(alone, "U1") == ("U0LEAD",)
    assert handover_receivers(alone, "U0LEAD") == ("U1",)


def test_after_the_sale_the_service_team_takes_over_when_configured() -> None:
    service = Team(name="Service", channel="C2", lead="U9LEAD", members=("U8", "U7"),
                   timezone="Asia/Shanghai")
    assert after_sale_owner("U1", None) == "U1"
    assert after_sale_owner("U1", service) == "U7"
    assert after_sale_owner("U1", service, held={"U7": 4, "U8": 2}) == "U8"
    assert after_sale_owner("U8", service) == "U8"  # already in the service team
