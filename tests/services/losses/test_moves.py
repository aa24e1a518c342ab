"""Every path to lost asks why, on SQLite and PostgreSQL: the card's Stage menu and the Edit
form queue the question to the customer's owner, once per move, in the move's own
transaction (a mover who is not the owner is told the owner was asked); a move to another
stage asks nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.customers.edit import classify_by_button, edit_customer
from bot.services.losses.moves import LOSS_ASK, LOSS_ASKED
from store.models import ClassificationChange, Notification
from tests.services.customers.test_customer_edit import HOOK, _acme, _fields
from tests.services.customers.test_customers import LEAD, OTHER_REP
from tests.services.logs.test_logs import WS


def _asked(services, kind: str = LOSS_ASK) -> list[tuple[str, int, str]]:
    with services.uow() as uow:
        return [(n.recipient, n.payload["change_id"], n.payload["customer"])
                for n in uow.session.scalars(select(Notification).where(
                    Notification.kind == kind).order_by(Notification.id))]


def _lost_moves(services) -> list[tuple[int, str]]:
    with services.uow() as uow:
        return [(c.id, c.source) for c in uow.session.scalars(select(ClassificationChange)
                .where(ClassificationChange.new == "lost").order_by(ClassificationChange.id))]


def test_the_stage_menu_and_the_edit_form_ask_why_it_was_lost(services, clock) -> None:
    customer_id = _acme(services, clock)
    classify_by_button(services, WS, LEAD, customer_id, "stage", "negotiating", HOOK,
                       clock.now())
    assert _asked(services) == []
    classify_by_button(services, WS, LEAD, customer_id, "stage", "lost", HOOK, clock.now())
    [(by_menu, source)] = _lost_moves(services)
    # The owner is asked; the lead who moved it is told so.
    assert source == "button" and _asked(services) == [(OTHER_REP, by_menu, "Acme Corp")]
    assert _asked(services, LOSS_ASKED) == [(LEAD, by_menu, "Acme Corp")]
    classify_by_button(services, WS, LEAD, customer_id, "stage", "lost", HOOK, clock.now())
    assert len(_asked(services)) == 1  # already lost: no move, no second question

    classify_by_button(services, WS, LEAD, customer_id, "stage", "qualified", HOOK,
                       clock.now())
    fields = _fields(services, customer_id, OTHER_REP)
    edit_customer(services, WS, OTHER_REP, customer_id, fields, {"stage": "lost"},
                  clock.now(), HOOK.response_url)
    [_, (by_form, source)] = _lost_moves(services)
    assert source == "modal"
    assert _asked(services)[-1] == (OTHER_REP, by_form, "Acme Corp")
    assert len(_asked(services, LOSS_ASKED)) == 1  # the owner moved it: nobody else to tell
