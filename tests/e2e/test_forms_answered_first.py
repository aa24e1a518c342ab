"""A form submit answers first and is saved after, durably: the values are checked without the
database in the request (mistakes under their fields), the submit is stored (one INSERT keyed
on the form's view) before Slack gets its answer, and the worker saves it after and answers
on the card. A submit delivered twice saves once; one stored by a process killed after its
answer is saved by the next."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers import ids
from store.models import Change, Customer, InboxRequest
from tests.e2e.harness import RunningBot, mrkdwn_texts, restarted
from tests.e2e.test_core_loop import REP
from tests.e2e.test_customer_forms import _answered, _open_form, _values
from tests.fakes import TEAM_ID, FakeSlack, view_submission


def _customer(bot: RunningBot, slack: FakeSlack, name: str = "Acme Corp",
              phone: str = "+86 138 0000 0000") -> int:
    view, _ = _open_form(bot, slack)
    _answered(bot, slack, view, name=name, phone=phone)
    slack.reset()
    with bot.runtime.services.uow() as uow:
        return uow.session.scalars(select(Customer.id).where(Customer.name == name)).one()


def _edit(bot: RunningBot, customer_id: int, hook: str, view_id: str | None = None,
          user: str = REP, **typed: str) -> dict[str, Any] | str:
    status, body = bot.send(view_submission(
        ids.VIEW_CUSTOMER_EDIT, _values(**typed), user_id=user, team_id=TEAM_ID,
        private_metadata=f"{customer_id}|{hook}", view_id=view_id))
    assert status == 200
    return body


def _state(bot: RunningBot, customer_id: int) -> tuple[str | None, int, list[str]]:
    """The customer's industry, how many times its industry became Robotics, the states of
    the edits stored."""
    with bot.runtime.services.uow() as uow:
        industry = uow.session.get(Customer, customer_id).industry  # type: ignore[union-attr]
        changed = len(uow.session.scalars(select(Change.id).where(
            Change.entity == "customer", Change.field == "industry",
            Change.new == "Robotics")).all())
        inbox = [status for status, payload in uow.session.execute(select(
            InboxRequest.status, InboxRequest.payload).where(InboxRequest.kind == "submit"))
            if payload["does"] == "edit_customer"]
    return industry, changed, inbox


def _answers(slack: FakeSlack, hook: str) -> list[dict[str, Any]]:
    return [c.params for c in slack.calls if c.method == "response_url" and c.url == hook]


def test_an_edit_is_stored_before_the_answer_and_saved_by_the_next_process(
        db_url, slack: FakeSlack, clock, directory) -> None:
    first = RunningBot(db_url, slack, clock, directory)
    try:
        customer_id = _customer(first, slack)
        hook = slack.response_url()
        first.runtime.reader.stop()  # killed after answering, before saving anything
        assert _edit(first, customer_id, hook, industry="Robotics") == ""
        assert _state(first, customer_id) == ("Machinery", 0, ["received"])
    finally:
        first.stop()
    with restarted(db_url, slack, clock, directory) as second:  # finds the submit stored
        assert _state(second, customer_id) == ("Robotics", 1, ["done"])
        answers = _answers(slack, hook)
        assert len(answers) == 1 and answers[0]["replace_original"] is True
        assert "*Industry:* Robotics" in mrkdwn_texts(answers[0]["blocks"])


def test_a_submit_delivered_twice_is_saved_and_answered_once(bot: RunningBot,
                                                             slack: FakeSlack) -> None:
    customer_id = _customer(bot, slack)
    hook = slack.response_url()
    assert _edit(bot, customer_id, hook, view_id="VEDIT1", industry="Robotics") == ""
    assert _edit(bot, customer_id, hook, view_id="VEDIT1", industry="Robotics") == ""
    bot.settle()
    assert _state(bot, customer_id) == ("Robotics", 1, ["done"])
    assert len(_answers(slack, hook)) == 1


def test_a_mistake_is_shown_under_its_field_and_nothing_is_stored(bot: RunningBot,
                                                                  slack: FakeSlack) -> None:
    customer_id = _customer(bot, slack)
    body = _edit(bot, customer_id, slack.response_url(), email="li@", industry="Robotics")
    assert isinstance(body, dict) and body["response_action"] == "errors"
    assert set(body["errors"]) == {"email"}
    assert _state(bot, customer_id) == ("Machinery", 0, [])


def test_what_only_the_database_can_refuse_is_said_below_the_card(bot: RunningBot,
                                                                  slack: FakeSlack) -> None:
    customer_id = _customer(bot, slack)
    _customer(bot, slack, "Globex", phone="+86 139 1111 2222")
    hook = slack.response_url()
    assert _edit(bot, customer_id, hook, name="Globex", industry="Robotics") == ""
    bot.settle()
    (answer,) = _answers(slack, hook)
    assert answer["replace_original"] is False
    assert "Not saved: Another customer is called Globex." in mrkdwn_texts(answer["blocks"])
    assert _state(bot, customer_id) == ("Machinery", 0, ["done"])
    other = slack.response_url()
    assert _edit(bot, customer_id, other, user="U0REP2", industry="Robotics") == ""
    bot.settle()
    (refused,) = _answers(slack, other)
    assert "Not saved:" in mrkdwn_texts(refused["blocks"])
    assert _state(bot, customer_id) == ("Machinery", 0, ["done", "done"])
