"""A log's moves and complaint through the HTTP endpoint, on SQLite and PostgreSQL: the reply
says what moved, Undo takes it back, a customer picked afterwards is moved, and a log that
reads as a complaint offers Raise complaint (the form, then the complaint)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.domain.customers import name_key
from handlers import ids
from store.models import Complaint, Customer
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_classification import _customer
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, block_actions, dm_message, view_submission


def _click(bot: RunningBot, slack: FakeSlack, action_id: str, value: str) -> dict:
    hook = slack.response_url()
    assert bot.send(block_actions(action_id, value, user_id=REP, team_id=TEAM_ID,
                                  response_url=hook))[0] == 200
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def _axes(bot: RunningBot, name: str) -> tuple[str | None, str | None]:
    with bot.runtime.services.uow() as uow:
        customer = uow.customers.by_key(TEAM_ID, name_key(name))
        assert customer is not None
        return customer.stage, customer.likelihood


def _seed(bot: RunningBot, name: str) -> None:
    with bot.runtime.services.uow() as uow:
        uow.customers.add(Customer(workspace_id=TEAM_ID, name=name, name_key=name_key(name),
                                   owner_id=REP, created_by=REP,
                                   created_at=datetime(2026, 1, 1, tzinfo=UTC)))
        uow.commit()


def test_the_reply_says_what_moved_and_undo_takes_it_back(bot: RunningBot,
                                                         slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, send deck by Friday 3pm")
    _customer(bot, REP, "Acme Corp stage negotiating")
    answer = _log(bot, slack, "Acme Corp signed the contract today!")
    assert "Stage: negotiating → won" in block_texts(answer["blocks"])
    assert _axes(bot, "Acme Corp") == ("won", None)
    undone = _click(bot, slack, ids.LOG_UNDO, buttons(answer["blocks"])[ids.LOG_UNDO])
    assert "Stage: won → negotiating" in block_texts(undone["blocks"])
    assert _axes(bot, "Acme Corp") == ("negotiating", None)


def test_acme_to_a_moves_the_customer_picked_afterwards(bot: RunningBot,
                                                        slack: FakeSlack) -> None:
    _seed(bot, "Acme Robotics")
    _seed(bot, "Acme Logistics")  # so "Acme" alone names neither for sure
    asked = _log(bot, slack, "Acme: met Li, price agreed. Acme → A")
    with bot.runtime.services.uow() as uow:
        acme = uow.customers.by_key(TEAM_ID, name_key("Acme Robotics"))
        assert acme is not None
        value = next(e["value"] for b in asked["blocks"] if b.get("type") == "actions"
                     for e in b["elements"] if e["action_id"] == ids.LOG_PICK_CUSTOMER
                     and e["value"].endswith(f":{acme.id}"))
    picked = _click(bot, slack, ids.LOG_PICK_CUSTOMER, value)
    assert "Likelihood: — → A" in block_texts(picked["blocks"])
    assert _axes(bot, "Acme Robotics") == (None, "A")


def test_a_chinese_dm_says_the_move_in_chinese(bot: RunningBot, slack: FakeSlack) -> None:
    _seed(bot, "华为")
    assert bot.send(dm_message("华为：今天签了合同，下周一启动", user_id=REP,
                               team_id=TEAM_ID))[0] == 200
    reply = slack.wait_for(lambda c: c.method == "chat.postMessage")
    assert "阶段：— → 成交" in block_texts(reply.params["blocks"])
    assert _axes(bot, "华为") == ("won", None)


def test_raise_complaint_opens_the_filled_in_form_and_raises_it(bot: RunningBot,
                                                               slack: FakeSlack) -> None:
    _seed(bot, "Acme Corp")
    text = "Acme Corp: Li is angry, delivery is two weeks late"
    answer = _log(bot, slack, text)
    offered = buttons(answer["blocks"])
    assert ids.LOG_RAISE_COMPLAINT in offered
    assert bot.send(block_actions(ids.LOG_RAISE_COMPLAINT, offered[ids.LOG_RAISE_COMPLAINT],
                                  user_id=REP, team_id=TEAM_ID,
                                  response_url=slack.response_url()))[0] == 200
    form = slack.wait_for("views.open").params["view"]
    assert form["callback_id"] == ids.VIEW_COMPLAINT_RAISE
    initial = {b["block_id"]: b["element"].get("initial_value") for b in form["blocks"]}
    assert initial[ids.FIELD_CUSTOMER] == "Acme Corp" and initial[ids.FIELD_COMPLAINT_TEXT] == text
    with bot.runtime.services.uow() as uow:
        assert uow.session.scalars(select(Complaint)).all() == []  # the rep's choice
    status, _ = bot.send(view_submission(
        ids.VIEW_COMPLAINT_RAISE,
        {ids.FIELD_CUSTOMER: {ids.FIELD_CUSTOMER: "Acme Corp"},
         ids.FIELD_COMPLAINT_TEXT: {ids.FIELD_COMPLAINT_TEXT: text},
         ids.FIELD_CATEGORY: {ids.FIELD_CATEGORY: {"type": "static_select",
                                                   "selected_option": {"value": "service"}}},
         ids.FIELD_PRIORITY: {ids.FIELD_PRIORITY: {"type": "static_select",
                                                   "selected_option": {"value": "medium"}}}},
        user_id=REP, team_id=TEAM_ID, private_metadata=form["private_metadata"]))
    assert status == 200
    bot.settle()  # raised by the worker after Slack's answer, as /complaint is
    with bot.runtime.services.uow() as uow:
        raised = [(c.customer_name, c.category, c.raw_text)
                  for c in uow.session.scalars(select(Complaint))]
    assert raised == [("Acme Corp", "service", text)]


def test_ordinary_bad_news_offers_no_complaint(bot: RunningBot, slack: FakeSlack) -> None:
    _seed(bot, "Acme Corp")
    answer = _log(bot, slack, "Acme Corp: price too high, they went with a competitor")
    assert ids.LOG_RAISE_COMPLAINT not in buttons(answer["blocks"])
    assert "Stage: — → lost" in block_texts(answer["blocks"])
