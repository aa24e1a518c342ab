"""Moving a customer on its axes: who may, what is recorded, and moves read from logs."""

from __future__ import annotations

from datetime import timedelta

from bot.services.customers.file import show_customer
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import (
    change_classification,
    classify_named,
    moves_since,
)
from tests.services.customers.test_customers import ADMIN, LEAD, OTHER_REP, OUTSIDER, _acme
from tests.services.logs.test_logs import REP, WS


def _acme_id(services, clock) -> int:
    _acme(services, clock)
    with services.uow() as uow:
        return uow.customers.by_key(WS, "acme corp").id


def test_a_move_is_recorded_with_who_when_from_and_to(services, clock) -> None:
    customer_id = _acme_id(services, clock)
    start, later = clock.now(), clock.now() + timedelta(hours=2)
    change_classification(services, WS, REP, customer_id, "likelihood", "C", start, "command")
    out = change_classification(services, WS, LEAD, customer_id, "likelihood", "A", later,
                                "button")
    assert out.status == "classified" and out.customer.likelihood == "A"
    moves = moves_since(services, WS, start, later + timedelta(seconds=1))
    assert [(m.actor, m.at, m.axis, m.old, m.new, m.source) for m in moves] == [
        (REP, start, "likelihood", None, "C", "command"),
        (LEAD, later, "likelihood", "C", "A", "button")]
    assert show_customer(services, WS, REP, "Acme Corp", later).customer.likelihood == "A"


def test_upgrades_and_downgrades_are_flagged(services, clock) -> None:
    customer_id = _acme_id(services, clock)
    now = clock.now()
    for minutes, (axis, value) in enumerate([("likelihood", "C"), ("likelihood", "B"),
                                            ("likelihood", "A"), ("likelihood", "B"),
                                            ("stage", "qualified"), ("stage", "lost")]):
        change_classification(services, WS, REP, customer_id, axis, value,
                              now + timedelta(minutes=minutes), "command")
    moves = moves_since(services, WS, now, now + timedelta(hours=1))
    assert [m.direction for m in moves] == [None, "up", "up", "down", None, "down"]


def test_setting_the_same_value_again_records_nothing(services, clock) -> None:
    customer_id = _acme_id(services, clock)
    now = clock.now()
    change_classification(services, WS, REP, customer_id, "tier", "B", now, "command")
    again = change_classification(services, WS, REP, customer_id, "tier", "B", now, "command")
    assert again.status == "unchanged"
    assert len(moves_since(services, WS, now, now + timedelta(seconds=1))) == 1


def test_only_people_who_may_see_the_customer_may_move_it(services, clock) -> None:
    customer_id = _acme_id(services, clock)
    now = clock.now()
    for viewer in (OTHER_REP, OUTSIDER):
        refused = change_classification(services, WS, viewer, customer_id, "stage", "won", now,
                                        "command")
        assert refused.status == "forbidden" and refused.note == "refused_change"
    assert moves_since(services, WS, now, now + timedelta(seconds=1)) == ()
    for allowed in (REP, LEAD, ADMIN):
        assert change_classification(services, WS, allowed, customer_id, "tier",
                                     {REP: "C", LEAD: "B", ADMIN: "A"}[allowed], now,
                                     "command").status == "classified"


def test_unknown_values_and_other_workspaces_are_refused(services, clock) -> None:
    customer_id = _acme_id(services, clock)
    now = clock.now()
    assert change_classification(services, WS, REP, customer_id, "stage", "maybe", now,
                                 "command").status == "invalid"
    assert change_classification(services, "T0OTHER", REP, customer_id, "stage", "won", now,
                                 "command").status == "not_found"


def test_moves_since_keeps_to_the_workspace_and_the_period(services, clock) -> None:
    customer_id = _acme_id(services, clock)
    now = clock.now()
    change_classification(services, WS, REP, customer_id, "stage", "inquiry", now, "command")
    change_classification(services, WS, REP, customer_id, "stage", "qualified",
                          now + timedelta(days=1), "command")
    assert [m.new for m in moves_since(services, WS, now + timedelta(hours=1),
                                       now + timedelta(days=2))] == ["qualified"]
    assert moves_since(services, "T0OTHER", now, now + timedelta(days=2)) == ()


def test_named_command_form_in_english_and_chinese(services, clock) -> None:
    _acme(services, clock)
    now = clock.now()
    assert classify_named(services, WS, REP, "acme corp", "stage", "谈判", now).customer.stage \
        == "negotiating"
    assert classify_named(services, WS, REP, "Acme Corp", "可能性", "b", now).customer \
        .likelihood == "B"
    assert classify_named(services, WS, REP, "Acme Corp", "stage", "maybe", now).status == \
        "invalid"
    missing = classify_named(services, WS, REP, "Acme Cor", "tier", "A", now)
    assert missing.status == "not_found" and [n for _, n in missing.suggestions] == ["Acme Corp"]


def test_a_log_saying_acme_to_a_moves_its_likelihood(services, clock) -> None:
    _acme(services, clock)
    later = clock.now() + timedelta(hours=1)
    out = log_contact(services, LogRequest(WS, REP, "Acme Corp: Li agreed on price. "
                                           "Acme Corp → A", "slash", "k9"), later)
    assert out.status == "recorded"
    (move,) = moves_since(services, WS, later, later + timedelta(seconds=1))
    assert (move.axis, move.new, move.actor, move.source, move.follow_up_id) == \
        ("likelihood", "A", REP, "log", out.follow_up.id)
    history = show_customer(services, WS, REP, "Acme Corp", later, history=True).customer.history
    assert (REP, "customer", "likelihood", None, "A") in [
        (c.actor, c.entity, c.field, c.old, c.new) for c in history]


def test_a_log_that_only_mentions_signing_up_moves_nothing(services, clock) -> None:
    _acme(services, clock)
    later = clock.now() + timedelta(hours=1)
    log_contact(services, LogRequest(WS, REP, "Acme Corp: Li signed up for the newsletter",
                                     "slash", "k9"), later)
    assert moves_since(services, WS, later, later + timedelta(seconds=1)) == ()


def test_a_logs_moves_apply_once_its_customer_is_chosen(services, clock) -> None:
    from bot.services.logs import fixing as log_service
    from bot.services.logs.intake import LogRequest, log_contact

    out = log_contact(services, LogRequest("T0TEST", "U0REP", "Initech: met Bill, Initech → A",
                                           "slash", "moves-later"), clock.now())
    assert out.status == "needs_customer"
    chosen = log_service.choose_customer(services, "T0TEST", "U0REP", out.follow_up.id, None,
                                         clock.now())
    with services.uow() as uow:
        customer = uow.customers.get("T0TEST", chosen.follow_up.customer_id)
        assert customer is not None and customer.likelihood == "A"
