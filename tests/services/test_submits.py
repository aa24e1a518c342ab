"""A form submit is stored before Slack's answer and saved by the worker after it, together
with marking it done: whatever kills the worker in between, it is saved and answered once
(on SQLite and PostgreSQL, time passed in)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.leases import LEASE
from bot.services import inbox, submits
from bot.services.submits import Submit, process_received_submits, receive_submit
from store.models import Customer, InboxRequest, Notification
from tests.services.logs.test_logs import REP, WS, _customer

HOOK = "https://hooks.slack.com/actions/T0TEST/1/x"


def _edit(customer_id: int, industry: str, key: str = "form:V1") -> Submit:
    fields = {"kind": "company", "name": "Acme Corp", "industry": industry}
    return Submit(WS, REP, "edit_customer", customer_id, key, HOOK,
                  values={"fields": fields, "classes": {"likelihood": "A"}})


def _state(services, customer_id: int) -> tuple[Any, ...]:
    """The customer's industry and likelihood, the answers queued, the inbox's states."""
    with services.uow() as uow:
        c = uow.session.get(Customer, customer_id)
        industry, likelihood = c.industry, c.likelihood
        answers = [p["outcome"]["note"] or p["outcome"]["message"] for p in uow.session.scalars(
            select(Notification.payload).where(Notification.kind == "respond"))]
        states = list(uow.session.scalars(select(InboxRequest.status)))
    return industry, likelihood, answers, states


def test_a_submit_is_saved_by_the_worker_after_its_answer(services, clock) -> None:
    customer_id = _customer(services, "Acme Corp")
    assert receive_submit(services, _edit(customer_id, "Robotics"), clock.now()) is True
    assert receive_submit(services, _edit(customer_id, "Robotics"), clock.now()) is False
    assert _state(services, customer_id) == (None, None, [], ["received"])
    assert process_received_submits(services, clock.now()) == 1
    assert _state(services, customer_id) == ("Robotics", "A", ["saved"], ["done"])


def test_a_worker_killed_before_marking_it_done_saved_nothing(services, clock,
                                                            monkeypatch) -> None:
    customer_id = _customer(services, "Acme Corp")
    receive_submit(services, _edit(customer_id, "Robotics"), clock.now())
    finish = inbox._finish
    dies = [True]

    def dying_finish(*args: Any, **kwargs: Any) -> None:
        if dies and not kwargs:  # marking it done, just after the save
            dies.pop()
            raise RuntimeError("killed")
        finish(*args, **kwargs)

    monkeypatch.setattr(inbox, "_finish", dying_finish)
    process_received_submits(services, clock.now())
    # The save and its answer went with the transaction that would have marked it done.
    assert _state(services, customer_id) == (None, None, [], ["received"])
    assert process_received_submits(services, clock.now()) == 0  # its lease still holds
    process_received_submits(services, clock.now() + LEASE + timedelta(seconds=1))
    assert _state(services, customer_id) == ("Robotics", "A", ["saved"], ["done"])


def test_a_submit_that_always_fails_is_given_up_and_the_person_told(services, clock,
                                                                    monkeypatch) -> None:
    customer_id = _customer(services, "Acme Corp")
    receive_submit(services, _edit(customer_id, "Robotics"), clock.now())

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setitem(submits.DOES, "edit_customer", broken)
    for minute in range(4):
        process_received_submits(services, clock.now() + minute * (LEASE + timedelta(seconds=1)))
    industry, _, answers, states = _state(services, customer_id)
    assert industry is None and states == ["failed"]
    assert answers == ["form_failed"]  # said by the blocks (handlers/blocks/refusals.py)


def test_an_unknown_form_is_refused_before_it_is_stored(services, clock) -> None:
    with pytest.raises(ValueError):
        receive_submit(services, Submit(WS, REP, "delete_everything", 1, "k"), clock.now())
