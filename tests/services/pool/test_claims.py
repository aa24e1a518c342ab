"""/pool and Claim: the team's pooled prospects oldest first, filtered, contact hidden; claims
within the limits; of simultaneous claims exactly one wins and the others learn who. On SQLite
and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.customers import name_key
from bot.domain.pool import PoolPolicy
from bot.domain.revisit_plans import Offset
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.customers.csv_import import import_customers
from bot.services.customers.listing import list_customers
from bot.services.customers.tags import change_tags
from bot.services.interactions import Reply
from bot.services.pool.claiming import claim_from_pool, list_pool
from bot.services.pool.sweep import sweep_pool
from tests.support.concurrency import run_together
from tests.support.home import home_builds
from tests.support.teams import WEST_REP, with_west

WS = "T0TEST"
REP, MATE, LEAD, ADMIN = "U0REP", "U0REP2", "U0LEAD", "U0ADMIN"
WARN_AT = datetime(2026, 12, 18, 1, 0, tzinfo=UTC)
ENDS = datetime(2026, 12, 23, 1, 0, tzinfo=UTC)  # a Wednesday, 09:00 in Shanghai
NO_REPLY = Reply()


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    return with_west(directory)


def _pooled(services: ServiceContext, clock, names: list[str], owner: str = REP) -> list[int]:
    """Prospects owned by `owner` since the clock's time, returned to the pool at ENDS (the
    later in the list, the later returned: one minute apart)."""
    ids = []
    for i, name in enumerate(names):
        import_customers(services, WS, [(2, {"name": name, "owner": owner,
                                             "phone": f"+86 138 0000 {i:04d}"})], ADMIN,
                         clock.now() + timedelta(minutes=i))
        with services.uow() as uow:
            found = uow.customers.by_key(WS, name_key(name))
            assert found is not None
            ids.append(found.id)
    sweep_pool(services, WARN_AT)
    for i in range(len(names)):
        sweep_pool(services, ENDS + timedelta(minutes=i))
    return ids


def _with(services: ServiceContext, **limits: object) -> ServiceContext:
    return replace(services, directory=replace(services.directory,
                                               pool=PoolPolicy(**limits)))  # type: ignore[arg-type]


def test_the_pool_lists_the_teams_prospects_oldest_first_without_contact(services,
                                                                         clock) -> None:
    ids = _pooled(services, clock, ["Acme Trading", "Acme Trade", "Acme Tools"])
    change_tags(services, WS, LEAD, "Acme Trade", "+expo", clock.now())
    found = list_pool(services, WS, MATE, "")
    assert found.status == "list" and found.team == "East"
    assert [r.id for r in found.rows] == ids and not found.more
    assert {r.reason for r in found.rows} == {"protection_ended"}
    assert not any(hasattr(r, "phone") or hasattr(r, "email") for r in found.rows)
    assert [r.name for r in list_pool(services, WS, MATE, "tag:EXPO").rows] == ["Acme Trade"]
    assert list_pool(services, WS, WEST_REP, "").rows == ()  # West's pool is its own
    assert list_pool(services, WS, MATE, "owner:me").status == "invalid"
    assert list_pool(services, WS, "U0NOTEAM", "").status == "no_team"


def test_a_claim_makes_it_yours_with_a_new_term(services, clock) -> None:
    (acme,) = _pooled(services, clock, ["Acme Trading"])
    now = ENDS + timedelta(hours=1)
    assert MATE not in {who for who, _ in home_builds(services)}
    won = claim_from_pool(services, WS, MATE, acme, NO_REPLY, now)
    assert won.status == "claimed" and won.at == now + timedelta(days=30)
    assert MATE in {who for who, _ in home_builds(services)}  # the prospect on their Home
    with services.uow() as uow:
        state = uow.pool.state(acme)
        assert state is not None and state.in_pool_since is None
        assert state.owner_since == now and state.protected_until == now + timedelta(days=30)
        assert uow.customer_people.user_ids(acme) == {MATE}
        claim = [e for e in uow.ownership.history(acme) if e.kind == "claim"]
        assert [(e.to_user, e.from_user) for e in claim] == [(MATE, REP)]
    rows = list_customers(services, WS, MATE, "owner:me").rows
    assert [(r.name, r.protected_until, r.pooled) for r in rows] == [
        ("Acme Trading", now + timedelta(days=30), False)]
    again = claim_from_pool(services, WS, REP, acme, NO_REPLY, now)
    assert again.status == "taken" and again.who == MATE
    assert claim_from_pool(services, WS, WEST_REP, acme, NO_REPLY, now).status == "taken"


def test_another_teams_rep_cannot_claim_from_this_pool(services, clock) -> None:
    (acme,) = _pooled(services, clock, ["Acme Trading"])
    out = claim_from_pool(services, WS, WEST_REP, acme, NO_REPLY, ENDS + timedelta(hours=1))
    assert out.status == "forbidden"


def test_the_limits_hold_cool_down_held_and_per_day(services, clock) -> None:
    limited = _with(services, max_customers=3, claims_per_day=2, cooldown=Offset(7, "d"))
    ids = _pooled(limited, clock, [f"Acme {i}" for i in range(5)])
    now = ENDS + timedelta(hours=2)  # 11:00 in Shanghai
    back = claim_from_pool(limited, WS, REP, ids[0], NO_REPLY, now)
    assert back.status == "cooling_down" and back.at == ENDS + timedelta(days=7)
    assert [claim_from_pool(limited, WS, MATE, i, NO_REPLY, now).status
            for i in ids[:3]] == ["claimed", "claimed", "daily_limit"]
    refused = claim_from_pool(limited, WS, MATE, ids[2], NO_REPLY, now)
    assert refused.limit == 2
    assert refused.at == datetime(2026, 12, 23, 16, 0, tzinfo=UTC)  # Shanghai's midnight
    import_customers(limited, WS, [(2, {"name": "Globex", "owner": MATE})], ADMIN, now)
    tomorrow = now + timedelta(days=1)
    full = claim_from_pool(limited, WS, MATE, ids[2], NO_REPLY, tomorrow)
    assert full.status == "holds_max" and full.limit == 3


def test_of_four_claims_at_once_exactly_one_wins(services, clock) -> None:
    (acme,) = _pooled(services, clock, ["Acme Trading"], owner=LEAD)
    now = ENDS + timedelta(hours=1)
    answers: list[tuple[str, str | None]] = []

    def claim_as(user: str) -> int:
        out = claim_from_pool(services, WS, user, acme, NO_REPLY, now)
        answers.append((out.status, out.who))
        return 1 if out.status == "claimed" else 0

    people = iter([REP, MATE, LEAD, REP])
    assert run_together(lambda: claim_as(next(people)), copies=4) == [0, 0, 0, 1]
    with services.uow() as uow:
        owner = uow.customers.get(WS, acme)
        assert owner is not None
        winner = owner.owner_id
        assert uow.customer_people.user_ids(acme) == {winner}
        assert len([e for e in uow.ownership.history(acme) if e.kind == "claim"]) == 1
    assert sorted(s for s, _ in answers) == ["claimed", "taken", "taken", "taken"]
    assert {who for s, who in answers if s == "taken"} == {winner}


def test_one_reps_two_claims_at_once_cannot_both_pass_the_daily_limit(services,
                                                                       clock) -> None:
    limited = _with(services, claims_per_day=1)
    ids = _pooled(limited, clock, ["Acme Trading", "Acme Trade"], owner=LEAD)
    now = ENDS + timedelta(hours=1)
    targets = iter(ids)
    results = run_together(lambda: int(claim_from_pool(
        limited, WS, MATE, next(targets), NO_REPLY, now).status == "claimed"), copies=2)
    assert results == [0, 1]
