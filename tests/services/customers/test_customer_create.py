"""Creating a customer from the form: owned by its creator, never a silent duplicate."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from bot.domain.customer_form import CustomerFields, check_form
from bot.services.customers.create import create_customer
from bot.services.customers.csv_import import import_customers
from bot.services.customers.file import show_customer
from store.models import Change, Customer, Notification
from tests.domain.test_customer_form import COMPANY
from tests.services.customers.test_customers import ADMIN, OTHER_REP
from tests.services.logs.test_logs import REP, WS


def _form(**changes: str) -> CustomerFields:
    fields = check_form(COMPANY | changes, complete=True)
    assert isinstance(fields, CustomerFields), fields
    return fields


def _count(services) -> int:
    with services.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Customer)) or 0)


def _existing(services, clock) -> None:
    import_customers(services, WS, [(2, {"name": "Acme Corp", "owner": OTHER_REP,
                                         "phone": "+86 138-0000-0000",
                                         "email": "Li@Acme.example"})], ADMIN, clock.now())


def test_the_creator_owns_the_new_customer_and_the_trail_says_who(services, clock) -> None:
    done = create_customer(services, WS, REP, _form(), clock.now(),
                           response_url="https://hooks.slack.com/commands/T/1/x")
    assert done.status == "created"
    card = show_customer(services, WS, REP, "acme corp", clock.now()).customer
    assert card.owner_id == REP and card.tags == ("urgent", "制造业") and card.missing == ()
    assert card.fields["industry"] == "Machinery" and card.phone == "+86 138 0000 0000"
    with services.uow() as uow:
        trail = uow.changes.for_customer(WS, done.customer_id)
        assert {(c.actor, c.field) for c in trail} >= {(REP, "name"), (REP, "owner_id"),
                                                       (REP, "tag")}
        reply = uow.session.scalars(select(Notification)).one()
        assert reply.payload["render"] == "customer" and reply.payload["replace"] is False
        outcome = reply.payload["outcome"]
        assert outcome["note"] == "created" and outcome["note_values"] == {"name": "Acme Corp"}


def test_same_phone_or_email_warns_with_the_existing_file(services, clock) -> None:
    _existing(services, clock)
    by_phone = create_customer(services, WS, REP, _form(name="ACME Shenzhen",
                                                       phone="(86) 138 0000 0000"), clock.now())
    assert by_phone.status == "duplicate" and not by_phone.name_taken
    assert [(m.name, m.owner_id, m.what) for m in by_phone.matches] == [
        ("Acme Corp", OTHER_REP, "phone")]
    by_email = create_customer(services, WS, REP, _form(name="Acme SZ", phone="",
                                                       email="li@acme.EXAMPLE"), clock.now())
    assert [m.what for m in by_email.matches] == ["email"]
    assert _count(services) == 1


def test_same_name_is_never_created_even_when_accepted(services, clock) -> None:
    _existing(services, clock)
    first = create_customer(services, WS, REP, _form(name="acme  corp."), clock.now())
    assert first.status == "duplicate" and first.name_taken
    again = create_customer(services, WS, REP, _form(name="acme corp"), clock.now(),
                            accepted=[m.id for m in first.matches])
    assert again.status == "duplicate" and _count(services) == 1


def test_create_anyway_creates_only_past_the_matches_shown(services, clock) -> None:
    _existing(services, clock)
    import_customers(services, WS, [(2, {"name": "Beta", "owner": OTHER_REP,
                                         "email": "sales@beta.example"})], ADMIN, clock.now())
    fields = _form(name="Acme Shenzhen")
    warned = create_customer(services, WS, REP, fields, clock.now())
    accepted = [m.id for m in warned.matches]
    # The e-mail was changed to Beta's after the warning: that match was never shown.
    sneaky = create_customer(services, WS, REP, replace(fields, email="sales@beta.example"),
                             clock.now(), accepted=accepted)
    assert sneaky.status == "duplicate" and [m.name for m in sneaky.matches] == [
        "Acme Corp", "Beta"]
    done = create_customer(services, WS, REP, fields, clock.now(), accepted=accepted)
    assert done.status == "created" and _count(services) == 3


def test_a_double_submit_creates_one_customer(services, clock) -> None:
    fields = _form()
    outcomes = [create_customer(services, WS, REP, fields, clock.now()) for _ in range(2)]
    assert [o.status for o in outcomes] == ["created", "duplicate"]
    assert outcomes[1].matches[0].id == outcomes[0].customer_id and _count(services) == 1
    with services.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Change).where(
            Change.field == "name")) == 1


def test_a_submit_that_loses_the_race_on_the_name_gets_none_not_an_error(services,
                                                                         clock) -> None:
    _existing(services, clock)
    with services.uow() as uow:
        uow.act_as(REP, clock.now())
        lost = uow.customers.add_if_name_free(Customer(
            workspace_id=WS, name="ACME CORP", name_key="acme corp", owner_id=REP,
            created_by=REP, created_at=clock.now()))
        assert lost is None
        kept = uow.customers.add_if_name_free(Customer(
            workspace_id=WS, name="Other", name_key="other", owner_id=REP, created_by=REP,
            created_at=clock.now()))
        assert kept is not None
        uow.commit()
    assert _count(services) == 2
