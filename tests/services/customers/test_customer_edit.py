"""The card's controls: the Stage and Likelihood menus and the Edit form, permissions
re-checked on every click and every move recorded with who, when, from and to."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.domain.customer_form import CustomerFields, check_form
from bot.domain.problems import problem
from bot.services.customers.csv_import import import_customers
from bot.services.customers.edit import classify_by_button, edit_customer, open_customer_editor
from bot.services.customers.file import show_customer
from bot.services.interactions import Reply
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import moves_since
from store.models import Change, Notification
from tests.services.customers.test_customer_create import _existing
from tests.services.customers.test_customers import ADMIN, LEAD, OTHER_REP, OUTSIDER
from tests.services.logs.test_logs import REP, WS

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
HOOK = Reply(response_url="https://hooks.slack.com/actions/T/1/x")


def _acme(services, clock) -> int:
    """Acme Corp, owned by OTHER_REP (REP's colleague; LEAD leads both)."""
    _existing(services, clock)
    with services.uow() as uow:
        return uow.customers.by_key(WS, "acme corp").id


def _replies(services) -> list[dict]:
    with services.uow() as uow:
        return [n.payload for n in uow.session.scalars(
            select(Notification).order_by(Notification.id))]


def test_the_stage_menu_moves_the_customer_and_records_it_as_a_button(services,
                                                                      clock) -> None:
    customer_id = _acme(services, clock)
    now = clock.now()
    out = classify_by_button(services, WS, OTHER_REP, customer_id, "stage", "qualified", HOOK,
                             now)
    assert out.status == "customer" and out.note == "moved"
    assert out.note_values == {"axis": "stage", "old": "", "new": "qualified"}
    later = now + timedelta(minutes=5)
    classify_by_button(services, WS, LEAD, customer_id, "stage", "negotiating", HOOK, later)
    moves = moves_since(services, WS, now, later + timedelta(seconds=1))
    assert [(m.actor, m.at, m.old, m.new, m.source) for m in moves] == [
        (OTHER_REP, now, None, "qualified", "button"),
        (LEAD, later, "qualified", "negotiating", "button")]
    reply = _replies(services)[-1]
    assert reply["render"] == "customer" and reply["replace"] is True
    assert reply["outcome"]["customer"]["stage"] == "negotiating"


def test_a_menu_click_by_someone_not_on_the_customer_changes_nothing(services,
                                                                     clock) -> None:
    customer_id = _acme(services, clock)
    now = clock.now()
    for outsider in (REP, OUTSIDER):
        refused = classify_by_button(services, WS, outsider, customer_id, "likelihood", "A",
                                     HOOK, now)
        assert refused.status == "forbidden"
    assert moves_since(services, WS, now, now + timedelta(seconds=1)) == ()
    assert _replies(services)[-1]["replace"] is False  # the refusal goes to the clicker alone
    bad = classify_by_button(services, WS, OTHER_REP, customer_id, "likelihood", "Z", HOOK, now)
    assert bad.status == "invalid"


def _fields(services, customer_id: int, viewer: str, **typed: str) -> CustomerFields:
    card = show_customer(services, WS, viewer, "Acme Corp", NOW).customer
    values = dict(card.fields) | {"tags": ", ".join(card.tags)} | typed
    fields = check_form(values, complete=False)
    assert isinstance(fields, CustomerFields), fields
    return fields


def test_the_edit_form_saves_fields_tags_and_moves(services, clock) -> None:
    customer_id = _acme(services, clock)
    now = clock.now()
    fields = _fields(services, customer_id, OTHER_REP, kind="company", industry="Machinery",
                     email="sales@acme.example", tags="urgent, 制造业")
    saved = edit_customer(services, WS, OTHER_REP, customer_id, fields,
                          {"likelihood": "B", "stage": "qualified"}, now,
                          HOOK.response_url)
    card = saved.customer
    assert saved.status == "customer" and card.fields["industry"] == "Machinery"
    assert card.email == "sales@acme.example" and card.tags == ("urgent", "制造业")
    assert (card.likelihood, card.stage) == ("B", "qualified")
    assert sorted((m.actor, m.axis, m.old, m.new, m.source) for m in moves_since(
        services, WS, now, now + timedelta(seconds=1))) == [
        (OTHER_REP, "likelihood", None, "B", "modal"),
        (OTHER_REP, "stage", None, "qualified", "modal")]
    with services.uow() as uow:
        trail = {(c.actor, c.field, c.new) for c in uow.session.scalars(
            select(Change).where(Change.at == now))}
    assert {(OTHER_REP, "industry", "Machinery"), (OTHER_REP, "email", "sales@acme.example"),
            (OTHER_REP, "tag", "urgent")} <= trail
    assert _replies(services)[-1]["replace"] is True


def test_contact_details_are_edited_only_by_those_who_may_see_them(services, clock) -> None:
    customer_id = _acme(services, clock)
    admin_card = show_customer(services, WS, ADMIN, "Acme Corp", clock.now()).customer
    assert admin_card.may_edit_contact
    # A colleague who logged on it may edit the rest; the form they get has no contact fields.
    log_contact(services, LogRequest(WS, REP, "Acme Corp: covered for a colleague", "slash",
                                     "k5"), clock.now())
    card = show_customer(services, WS, REP, "Acme Corp", clock.now()).customer
    assert not card.may_edit_contact and "phone" not in card.fields
    without = _fields(services, customer_id, REP, needs="a quote")
    assert not without.contact_given
    ok = edit_customer(services, WS, REP, customer_id, without, {}, clock.now())
    assert ok.status == "customer"
    with services.uow() as uow:
        acme = uow.customers.get(WS, customer_id)
        assert (acme.needs, acme.phone) == ("a quote", "+86 138-0000-0000")
    crafted = replace(without, phone="+1 555 0100", contact_given=True)
    refused = edit_customer(services, WS, REP, customer_id, crafted, {}, clock.now())
    assert refused.status == "forbidden" and refused.errors == {
        "name": problem("contact_refused")}
    assert edit_customer(services, WS, OUTSIDER, customer_id, without, {}, clock.now()
                         ).status == "forbidden"


def test_an_edit_cannot_take_another_customers_name(services, clock) -> None:
    customer_id = _acme(services, clock)
    import_customers(services, WS, [(2, {"name": "Beta", "owner": OTHER_REP})], ADMIN,
                     clock.now())
    taken = edit_customer(services, WS, OTHER_REP, customer_id,
                          _fields(services, customer_id, OTHER_REP, name="BETA"), {},
                          clock.now())
    assert taken.errors == {"name": problem("name_taken", name="Beta")}


def test_the_editor_opens_only_for_people_who_may_see_the_customer(services, clock) -> None:
    customer_id = _acme(services, clock)
    form = Reply(response_url=HOOK.response_url, trigger_id="T1")
    assert open_customer_editor(services, WS, OUTSIDER, customer_id, form,
                                clock.now()) is None
    assert _replies(services)[-1]["outcome"]["status"] == "forbidden"
    opened = open_customer_editor(services, WS, LEAD, customer_id, form, clock.now())
    # The form is the request's to open (a trigger lives 3 s): nothing is queued for it.
    assert opened is not None and len(_replies(services)) == 1
    assert opened.payload["modal"] == "customer_edit" and opened.payload["trigger_id"] == "T1"
    assert opened.payload["outcome"]["customer"]["id"] == customer_id


def test_fields_the_form_did_not_carry_are_kept(services, clock) -> None:
    customer_id = _acme(services, clock)
    long_needs = "needs " * 700  # 4,200 characters: more than a Slack input holds
    with services.uow() as uow:
        uow.act_as(ADMIN, clock.now())
        uow.customers.get(WS, customer_id).needs = long_needs
        uow.commit()
    card = show_customer(services, WS, OTHER_REP, "Acme Corp", clock.now()).customer
    values = {k: v for k, v in card.fields.items() if k != "needs"} | {"industry": "Tools"}
    fields = check_form(values, complete=False)
    assert isinstance(fields, CustomerFields) and "needs" not in fields.given
    edit_customer(services, WS, OTHER_REP, customer_id, fields, {}, clock.now())
    with services.uow() as uow:
        acme = uow.customers.get(WS, customer_id)
        assert (acme.industry, acme.needs) == ("Tools", long_needs)
        assert [t.tag for t in uow.customers.tags_of(WS, customer_id)] == []
