"""Which customer a /log is about, through the real HTTP endpoint on SQLite and PostgreSQL:
a new company like a known one is offered as new, a contact of one customer files the log
under it, and a contact of several offers them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.domain.customers import name_key
from handlers import ids
from store.models import Customer, FollowUp
from tests.e2e.harness import RunningBot
from tests.e2e.test_core_loop import _log, _new_customer_log
from tests.e2e.test_log_permissions import _click
from tests.fakes import TEAM_ID, FakeSlack

REP = "U0REP"


def _buttons(blocks: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(label, action_id, value) of every button, in the order the rep sees them."""
    return [(e["text"]["text"], e["action_id"], e.get("value", ""))
            for b in blocks if b.get("type") == "actions" for e in b["elements"]]


def _customers(bot: RunningBot) -> dict[str, int]:
    with bot.runtime.services.uow() as uow:
        return {c.name: c.id for c in uow.session.scalars(select(Customer))}


def _filed_under(bot: RunningBot, follow_up_id: str) -> int | None:
    with bot.runtime.services.uow() as uow:
        row = uow.session.get(FollowUp, int(follow_up_id))
        assert row is not None
        return row.customer_id


def test_a_new_company_like_a_known_one_is_created_as_typed(bot: RunningBot,
                                                            slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, send deck by Friday 3pm")
    asked = _log(bot, slack, "Acme Logistics: intro call, send the deck by Monday")
    shown = _buttons(asked["blocks"])
    assert shown[0][:2] == ('Create "Acme Logistics"', ids.LOG_CREATE_CUSTOMER)
    assert shown[1][:2] == ("Acme Corp", ids.LOG_PICK_CUSTOMER)  # the look-alike, after
    created = _click(bot, slack, ids.LOG_CREATE_CUSTOMER, shown[0][2], REP)
    assert "Acme Logistics" in created["text"]
    customers = _customers(bot)
    assert set(customers) == {"Acme Corp", "Acme Logistics"}
    assert _filed_under(bot, shown[0][2]) == customers["Acme Logistics"]


def _add(bot: RunningBot, name: str, contact: str) -> None:
    with bot.runtime.services.uow() as uow:  # a file with its contact person, as imported
        uow.customers.add(Customer(
            workspace_id=TEAM_ID, name=name, name_key=name_key(name), owner_id=REP,
            created_by=REP, created_at=datetime(2026, 1, 1, tzinfo=UTC), contact_person=contact))
        uow.commit()


def test_a_contact_of_one_customer_files_the_log_under_it(bot: RunningBot,
                                                         slack: FakeSlack) -> None:
    _add(bot, "Globex Industrial", "Li Wei")
    said = _log(bot, slack, "called Li, he wants a demo next week")
    assert ids.LOG_CREATE_CUSTOMER not in {a for _, a, _ in _buttons(said.get("blocks", []))}
    with bot.runtime.services.uow() as uow:
        logged = uow.session.scalars(select(FollowUp)).one()
        filed, contact = logged.customer_id, logged.contact
    assert (filed, contact) == (_customers(bot)["Globex Industrial"], "Li Wei")


def test_a_contact_of_two_customers_offers_both_and_no_create(bot: RunningBot,
                                                             slack: FakeSlack) -> None:
    _add(bot, "Globex Industrial", "Li Wei")
    _add(bot, "Stark Industries", "Li Na")
    asked = _log(bot, slack, "called Li, he wants a demo next week")
    shown = _buttons(asked["blocks"])
    assert ids.LOG_CREATE_CUSTOMER not in {action for _, action, _ in shown}
    assert {"Globex Industrial", "Stark Industries"} <= {label for label, _, _ in shown}
    pick = next(value for label, action, value in shown if label == "Globex Industrial")
    _click(bot, slack, ids.LOG_PICK_CUSTOMER, pick, REP)
    assert _filed_under(bot, pick.split(":")[0]) == _customers(bot)["Globex Industrial"]
