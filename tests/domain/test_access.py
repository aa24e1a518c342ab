"""Who may see, change, share and reassign a customer, from its explicit list: the owner and
the shared, their leads, the admins; a pooled prospect's pool-team lead in place of an owner."""

from __future__ import annotations

from bot.domain.access import (
    OnList,
    decider,
    may_attach,
    may_reassign,
    may_see,
    may_see_contact,
    may_share,
)
from bot.domain.teams import Team, TeamDirectory

EAST = Team(name="East", channel="C1", lead="LEAD", members=("SAM", "KIM"), timezone="UTC")
WEST = Team(name="West", channel="C2", lead="WLEAD", members=("WES",), timezone="UTC")
TEAMS = TeamDirectory(teams=(EAST, WEST), admins=("ADMIN",))

OWNED = OnList(owner="SAM")
SHARED_WEST = OnList(owner="SAM", shared=frozenset({"WES"}))
POOLED = OnList(owner=None, pool_team="East")
POOLED_SHARED = OnList(owner=None, shared=frozenset({"WES"}), pool_team="East")


def test_the_owner_their_lead_and_admins_see_a_customer_and_its_contact() -> None:
    for viewer in ("SAM", "LEAD", "ADMIN"):
        assert may_see(TEAMS, viewer, OWNED) and may_see_contact(TEAMS, viewer, OWNED)
    for viewer in ("KIM", "WES", "WLEAD"):
        assert not may_see(TEAMS, viewer, OWNED)
        assert not may_see_contact(TEAMS, viewer, OWNED)


def test_a_former_owner_is_nobody_once_the_list_no_longer_names_them() -> None:
    given_to_kim = OnList(owner="KIM")
    assert not may_see(TEAMS, "SAM", given_to_kim)
    assert not may_see(TEAMS, "SAM", POOLED)
    assert not may_see_contact(TEAMS, "SAM", POOLED)


def test_the_shared_and_their_lead_see_it_but_not_its_contact() -> None:
    for viewer in ("WES", "WLEAD"):
        assert may_see(TEAMS, viewer, SHARED_WEST)
        assert not may_see_contact(TEAMS, viewer, SHARED_WEST)
    assert may_see(TEAMS, "WES", POOLED_SHARED)  # shared: kept after a return


def test_a_pooled_prospect_is_seen_by_its_pool_teams_lead_without_its_contact() -> None:
    assert may_see(TEAMS, "LEAD", POOLED)
    assert not may_see_contact(TEAMS, "LEAD", POOLED)
    assert may_see_contact(TEAMS, "ADMIN", POOLED)
    for viewer in ("SAM", "KIM", "WLEAD", "WES"):
        assert not may_see(TEAMS, viewer, POOLED)
    assert not may_see(TEAMS, "LEAD", OnList(owner=None, pool_team="Gone"))


def test_the_pool_teams_members_may_log_on_a_pooled_prospect_and_others_may_not() -> None:
    assert may_attach(TEAMS, "KIM", POOLED) and may_attach(TEAMS, "SAM", POOLED)
    assert not may_attach(TEAMS, "WES", POOLED)
    assert may_attach(TEAMS, "KIM", OWNED)  # a team shares its customers
    assert not may_attach(TEAMS, "WES", OWNED)


def test_shares_are_decided_by_the_owner_or_the_pool_teams_lead() -> None:
    assert decider(TEAMS, OWNED, "X") == "SAM"
    assert decider(TEAMS, POOLED, "X") == "LEAD"
    assert decider(TEAMS, OnList(owner=None), "X") == "X"
    assert may_share(TEAMS, "SAM", OWNED) and may_share(TEAMS, "LEAD", OWNED)
    assert may_share(TEAMS, "LEAD", POOLED) and may_share(TEAMS, "ADMIN", POOLED)
    assert not may_share(TEAMS, "KIM", OWNED) and not may_share(TEAMS, "SAM", POOLED)


def test_reassignment_is_for_the_owners_lead_the_pool_teams_lead_and_admins() -> None:
    assert may_reassign(TEAMS, "LEAD", OWNED) and may_reassign(TEAMS, "ADMIN", OWNED)
    assert may_reassign(TEAMS, "LEAD", OnList(owner="LEAD"))  # a lead's own customer
    assert not may_reassign(TEAMS, "SAM", OWNED)  # the owner themself
    assert not may_reassign(TEAMS, "WLEAD", SHARED_WEST)  # leads someone it is shared with
    assert may_reassign(TEAMS, "LEAD", POOLED) and may_reassign(TEAMS, "ADMIN", POOLED)
    assert not may_reassign(TEAMS, "WLEAD", POOLED) and not may_reassign(TEAMS, "KIM", POOLED)
