"""The card's "did you mean" and a complaint's customer are found through the matching index,
never by reading every customer of the workspace — on SQLite and PostgreSQL, in a crowd."""

from __future__ import annotations

import re

from bot.services.complaints.raising import ComplaintRequest, raise_complaint
from bot.services.customers.file import show_customer
from tests.services.customers.test_customer_match import crowd  # noqa: F401 (a fixture)
from tests.services.logs.test_logs import REP, WS
from tests.support.statements import statements

# A statement reading customers with no condition but the workspace: the whole list.
_WHOLE_LIST = re.compile(r"FROM customers\s+WHERE customers\.workspace_id = \S+\s*"
                         r"(ORDER BY [\w.]+)?\s*$", re.IGNORECASE)


def test_the_check_catches_a_whole_list_read(services, crowd) -> None:  # noqa: F811
    with statements(services) as seen, services.uow() as uow:
        assert len(uow.customers.names(WS)) == len(crowd)
    assert any(_WHOLE_LIST.search(s) for s in seen)


def test_the_cards_closest_names_come_from_the_index(services, clock, crowd) -> None:  # noqa: F811
    with statements(services) as seen:
        out = show_customer(services, WS, REP, "Acme Logistcs Group", clock.now())
    assert out.status == "not_found"
    assert out.suggestions[0] == (crowd["Acme Logistics Group"], "Acme Logistics Group")
    assert seen and not any(_WHOLE_LIST.search(s) for s in seen)


def test_a_complaints_customer_is_found_through_the_index(services, clock,
                                                         crowd) -> None:  # noqa: F811
    with statements(services) as seen:
        known = raise_complaint(services, ComplaintRequest(
            WS, REP, "Acme Corp: delivery two weeks late", "command", "c1"), clock.now())
        typo = raise_complaint(services, ComplaintRequest(
            WS, REP, "Globex Helth EU: the invoice is wrong", "command", "c2"), clock.now())
        # The shortcut's form names the customer apart: not found, the closest are offered.
        named = raise_complaint(services, ComplaintRequest(
            WS, REP, "the invoice is wrong", "shortcut", "c3", customer="Globex Helht EU"),
            clock.now())
    assert known.complaint is not None and known.complaint.customer == "Acme Corp"
    assert typo.complaint is not None and typo.complaint.customer == "Globex Health EU"
    assert named.complaint is not None and named.complaint.customer == "Globex Helht EU"
    assert named.suggestions[0] == "Globex Health EU"
    assert seen and not any(_WHOLE_LIST.search(s) for s in seen)
