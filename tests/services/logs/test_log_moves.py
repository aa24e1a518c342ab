"""A log's moves on both databases: applied when the rep picks the customer afterwards,
listed in the reply, withdrawn by Undo; and the Raise complaint offer under a log."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.services.customers.file import show_customer
from bot.services.interactions import Reply
from bot.services.logs import editing
from bot.services.logs import fixing as logs
from bot.services.logs.complaint_form import open_log_complaint
from bot.services.pipeline.classification import change_classification, moves_since
from store.models import Notification
from tests.services.customers.test_customers import OTHER_REP
from tests.services.logs.test_logs import REP, WS, _customer, _log


def _axes(services, customer_id: int) -> tuple[str | None, str | None]:
    with services.uow() as uow:
        customer = uow.customers.get(WS, customer_id)
        return customer.stage, customer.likelihood


def test_acme_to_a_moves_the_customer_the_rep_picks(services, clock) -> None:
    cid = _customer(services, "Acme Robotics")
    _customer(services, "Acme Logistics")  # so "Acme" alone names neither for sure
    out = _log(services, clock, "Acme: met Li, price agreed. Acme → A")
    assert out.status == "needs_customer" and _axes(services, cid) == (None, None)
    picked = logs.choose_customer(services, WS, REP, out.follow_up.id, cid, clock.now())
    assert _axes(services, cid) == (None, "A")
    assert picked.follow_up.moved == (("likelihood", None, "A"),)


def test_moved_globex_to_qualified_moves_the_picked_customer(services, clock) -> None:
    cid = _customer(services, "Globex Industrial")
    _customer(services, "Globex Retail")  # so "Globex" alone names neither for sure
    out = _log(services, clock, "Globex: demo done, moved Globex to qualified")
    assert out.status == "needs_customer"
    logs.choose_customer(services, WS, REP, out.follow_up.id, cid, clock.now())
    assert _axes(services, cid) == ("qualified", None)


def test_the_reply_lists_what_moved_from_what(services, clock) -> None:
    cid = _customer(services, "Acme Corp")
    change_classification(services, WS, REP, cid, "stage", "negotiating", clock.now(), "command")
    out = _log(services, clock, "Acme Corp signed the contract today!")
    assert out.status == "recorded"
    assert out.follow_up.moved == (("stage", "negotiating", "won"),)
    assert _axes(services, cid) == ("won", None)


def test_undo_restores_the_previous_values_and_the_review_no_longer_sees_the_move(
        services, clock) -> None:
    cid = _customer(services, "Acme Corp")
    start = clock.now()
    change_classification(services, WS, REP, cid, "stage", "negotiating", start, "command")
    later = start + timedelta(hours=1)
    out = _log(services, clock, "Acme Corp signed yesterday, kickoff Monday. Acme Corp → A")
    undone = logs.undo_log(services, WS, REP, out.follow_up.id, later)
    assert undone.status == "undone" and _axes(services, cid) == ("negotiating", None)
    assert set(undone.follow_up.moved) == {("stage", "won", "negotiating"),
                                           ("likelihood", "A", None)}
    moves = moves_since(services, WS, start, later + timedelta(seconds=1))
    assert [(m.new, m.source) for m in moves] == [("negotiating", "command")]
    history = show_customer(services, WS, REP, "Acme Corp", later, history=True).customer.history
    assert (REP, "stage", "won", "negotiating") in [(c.actor, c.field, c.old, c.new)
                                                     for c in history]


def test_undo_leaves_a_move_made_by_hand_since(services, clock) -> None:
    cid = _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: closed the deal")
    later = clock.now() + timedelta(hours=1)
    change_classification(services, WS, REP, cid, "stage", "after_sales", later, "command")
    undone = logs.undo_log(services, WS, REP, out.follow_up.id, later)
    assert _axes(services, cid) == ("after_sales", None) and undone.follow_up.moved == ()


def test_a_complaint_log_is_offered_and_its_form_is_filled_in(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: Li is angry, delivery is two weeks late")
    calm = _log(services, clock, "Acme Corp: price too high, send a new quote", key="k2")
    assert out.follow_up.complaint and not calm.follow_up.complaint
    opened = open_log_complaint(services, WS, REP, out.follow_up.id,
                                Reply(response_url=None, trigger_id="trig-1"), clock.now())
    assert opened is not None
    form = opened.payload
    assert (form["trigger_id"], form["modal"]) == ("trig-1", "complaint_raise")
    assert form["customer"] == "Acme Corp" and form["category"] == "service"
    assert form["text"] == "Acme Corp: Li is angry, delivery is two weeks late"


def test_only_the_logs_author_may_open_its_complaint_form(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: Li is angry, delivery is two weeks late")
    refused = open_log_complaint(services, WS, OTHER_REP, out.follow_up.id,
                                 Reply(response_url=None, trigger_id="trig-1"), clock.now())
    assert refused is None
    with services.uow() as uow:  # the refusal is answered; no form was queued
        kinds = uow.session.scalars(select(Notification.kind)).all()
    assert "open_modal" not in kinds and kinds


def test_edit_to_another_customer_takes_the_moves_along(services, clock) -> None:
    wrong, right = _customer(services, "Acme Corp"), _customer(services, "Acme Logistics")
    out = _log(services, clock, "Acme Corp: closed the deal")
    assert _axes(services, wrong) == ("won", None)
    edited = editing.edit_log(services, WS, REP, out.follow_up.id,
                              editing.LogEdit("Acme Logistics", "closed the deal", None, None),
                              clock.now())
    assert _axes(services, wrong) == (None, None) and _axes(services, right) == ("won", None)
    assert edited.follow_up.moved == (("stage", None, "won"),)


def test_a_log_named_by_edit_makes_its_moves(services, clock) -> None:
    cid = _customer(services, "Acme Robotics")
    _customer(services, "Acme Logistics")  # so "Acme" alone names neither for sure
    out = _log(services, clock, "Acme: moved them to qualified")
    assert out.status == "needs_customer"
    editing.edit_log(services, WS, REP, out.follow_up.id,
                     editing.LogEdit("Acme Robotics", "moved them to qualified", None, None),
                     clock.now())
    assert _axes(services, cid) == ("qualified", None)
