"""/customer new through the HTTP endpoint: the form opens, a submit answers "Checking for
similar customers…" at once and the worker then replaces the form with the new customer's card,
or with the form again under a warning about a look-alike, whose existing file can be opened
from the warning."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers import ids
from store.models import Customer
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.e2e.test_core_loop import REP
from tests.fakes import TEAM_ID, FakeSlack, block_actions, slash_command, view_submission


def _open_form(bot: RunningBot, slack: FakeSlack, text: str = "new") -> tuple[dict, str]:
    hook = slack.response_url(kind="commands")
    status, body = bot.send(slash_command(ids.COMMAND_CUSTOMER, text, user_id=REP,
                                          team_id=TEAM_ID, response_url=hook))
    assert status == 200 and body == ""
    opened = slack.wait_for(lambda c: c.method == "views.open")
    assert opened.ok
    slack.reset()
    return {**opened.params["view"], "id": opened.response["view"]["id"]}, hook


def _values(**typed: str) -> dict[str, dict[str, Any]]:
    fields = {"kind": "company", "name": "Acme Corp", "industry": "Machinery",
              "size": "200 staff", "contact_person": "Li Lei", "contact_title": "Buyer",
              "phone": "+86 138 0000 0000", "email": "", "needs": "20 seats",
              "source_channel": "trade_show", "first_contact": "2026-11-20",
              "tags": "urgent, 制造业"} | typed
    out: dict[str, dict[str, Any]] = {}
    for field, value in fields.items():
        if field in ("kind", "source_channel"):
            leaf: Any = {"type": "static_select", "selected_option": {
                "text": {"type": "plain_text", "text": value}, "value": value}}
        elif field == "first_contact":
            leaf = {"type": "datepicker", "selected_date": value}
        else:
            leaf = {"type": "plain_text_input", "value": value or None}
        out[field] = {field: leaf}
    return out


CHECKING = "Checking for similar customers"


def _submit(bot: RunningBot, view: dict, view_id: str | None = None, **typed: str
            ) -> dict | str:
    status, body = bot.send(view_submission(view["callback_id"], _values(**typed),
                                            user_id=REP, team_id=TEAM_ID,
                                            private_metadata=view["private_metadata"],
                                            view_id=view_id))
    assert status == 200
    return body


def _checking(body: dict | str) -> None:
    """The answer to a New-form submit: the form says it is checking, with nothing to press."""
    assert isinstance(body, dict) and body["response_action"] == "update"
    assert CHECKING in mrkdwn_texts(body["view"]["blocks"]) and "submit" not in body["view"]


def _answered(bot: RunningBot, slack: FakeSlack, view: dict, **typed: str) -> dict:
    """Submit the New (or Confirm) form as Slack would, the same view each round; what the
    worker put in its place (views.update), with the view's id."""
    since = len(slack.calls)
    _checking(_submit(bot, view, view_id=view["id"], **typed))
    bot.settle()
    bot.past_the_answer()
    updated = slack.wait_for(lambda c: c.method == "views.update"
                             and c.params["view_id"] == view["id"], since=since)
    assert updated.ok
    return {**updated.params["view"], "id": view["id"]}


def _count(bot: RunningBot, name: str) -> int:
    with bot.runtime.services.uow() as uow:
        return len(uow.session.scalars(select(Customer.id).where(Customer.name == name)).all())


def _card(bot: RunningBot, name: str) -> str:
    return mrkdwn_texts(_card_body(bot, name)["blocks"])


def test_new_customer_form_creates_the_customer_owned_by_its_creator(
        bot: RunningBot, slack: FakeSlack) -> None:
    view, hook = _open_form(bot, slack, "new Acme Corp")
    name_input = next(b for b in view["blocks"] if b.get("block_id") == "name")
    assert name_input["element"]["initial_value"] == "Acme Corp"
    assert not name_input["optional"] and view["callback_id"] == ids.VIEW_CUSTOMER_NEW
    wrong = _submit(bot, view, industry="", email="li@", first_contact="")
    assert isinstance(wrong, dict) and wrong["response_action"] == "errors"
    assert set(wrong["errors"]) == {"industry", "email", "first_contact"}
    created = _answered(bot, slack, view)
    assert "Created Acme Corp" in mrkdwn_texts(created["blocks"]) and "submit" not in created
    posted = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    shown = mrkdwn_texts(posted.params["blocks"])
    assert "Created Acme Corp" in shown and f"owner <@{REP}>" in shown
    card = _card(bot, "Acme Corp")
    assert "`urgent`" in card and "*Industry:* Machinery" in card and "missing" not in card


def test_a_look_alike_is_warned_about_then_created_anyway(bot: RunningBot,
                                                          slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    _answered(bot, slack, view)
    view, _ = _open_form(bot, slack)
    confirm = _answered(bot, slack, view, name="Acme Shenzhen", phone="86-138-0000-0000")
    assert confirm["callback_id"] == ids.VIEW_CUSTOMER_CONFIRM
    warning = mrkdwn_texts(confirm["blocks"])
    assert "*Acme Corp* has the same phone number" in warning and confirm["submit"]["text"] \
        == "Create anyway"
    opener = next(b["accessory"] for b in confirm["blocks"] if "accessory" in b)
    click = block_actions(ids.CUSTOMER_OPEN, opener["value"], user_id=REP, team_id=TEAM_ID,
                          response_url="", container={"type": "view", "view_id": "V111"})
    assert bot.send(click)[0] == 200
    pushed = slack.wait_for(lambda c: c.method == "views.push")
    assert "Acme Corp" in mrkdwn_texts(pushed.params["view"]["blocks"])
    created = _answered(bot, slack, confirm, name="Acme Shenzhen", phone="86-138-0000-0000")
    assert "Created Acme Shenzhen" in mrkdwn_texts(created["blocks"])
    assert "Acme Shenzhen" in _card(bot, "Acme Shenzhen")


def test_the_same_name_twice_is_refused_under_the_name_field(bot: RunningBot,
                                                             slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    _answered(bot, slack, view)
    view, _ = _open_form(bot, slack)  # another form, the same name
    again = _answered(bot, slack, view)
    assert again["submit"]["text"] == "Create"
    refused = _answered(bot, slack, again)  # pressed again, the name unchanged
    assert "A customer with this name exists: choose another name." in mrkdwn_texts(
        refused["blocks"]) and refused["submit"]["text"] == "Create"
    assert _count(bot, "Acme Corp") == 1


def _menu_pick(card: dict, action_id: str, label_end: str) -> dict:
    menu = next(e for b in card["blocks"] if b.get("type") == "actions"
                for e in b["elements"] if e["action_id"] == action_id)
    option = next(o for o in menu["options"] if o["text"]["text"].endswith(label_end))
    return {"type": "static_select", "selected_option": option}


def _card_body(bot: RunningBot, name: str, user: str = REP) -> dict:
    bot.settle()  # what was submitted before is saved
    return bot.ask(ids.COMMAND_CUSTOMER, name, user)


def test_the_stage_menu_on_the_card_moves_it_and_the_history_says_who(
        bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    _answered(bot, slack, view)
    card = _card_body(bot, "Acme Corp")
    hook = slack.response_url()
    pick = _menu_pick(card, ids.CUSTOMER_STAGE, "negotiating")
    assert bot.send(block_actions(ids.CUSTOMER_STAGE, None, user_id=REP, team_id=TEAM_ID,
                                  response_url=hook, action=pick))[0] == 200
    moved = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert moved.params["replace_original"] is True
    assert "Stage: — → negotiating" in mrkdwn_texts(moved.params["blocks"])
    history = _card(bot, "Acme Corp history")
    assert f"Stage: — → negotiating, by <@{REP}>" in history
    refused_hook = slack.response_url()
    bot.send(block_actions(ids.CUSTOMER_LIKELIHOOD, None, user_id="U0REP2", team_id=TEAM_ID,
                           response_url=refused_hook,
                           action=_menu_pick(card, ids.CUSTOMER_LIKELIHOOD, "week")))
    refused = slack.wait_for(lambda c: c.method == "response_url" and c.url == refused_hook)
    assert refused.params["replace_original"] is False
    assert "Only the people who work this customer" in mrkdwn_texts(refused.params["blocks"])
    assert "Likelihood —" in _card(bot, "Acme Corp")


def test_edit_opens_the_file_in_a_form_and_saves_it(bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    _answered(bot, slack, view)
    card = _card_body(bot, "Acme Corp")
    hook = slack.response_url()
    edit_id = next(e["value"] for b in card["blocks"] if b.get("type") == "actions"
                   for e in b["elements"] if e["action_id"] == ids.CUSTOMER_EDIT)
    assert bot.send(block_actions(ids.CUSTOMER_EDIT, edit_id, user_id=REP, team_id=TEAM_ID,
                                  response_url=hook))[0] == 200
    form = slack.wait_for(lambda c: c.method == "views.open").params["view"]
    assert form["callback_id"] == ids.VIEW_CUSTOMER_EDIT
    industry = next(b for b in form["blocks"] if b.get("block_id") == "industry")
    assert industry["element"]["initial_value"] == "Machinery"
    values = _values(industry="Robotics", tags="urgent, 2026-Q3 intent")
    values["likelihood"] = {"likelihood": {"type": "static_select", "selected_option": {
        "text": {"type": "plain_text", "text": "A"}, "value": "A"}}}
    status, body = bot.send(view_submission(ids.VIEW_CUSTOMER_EDIT, values, user_id=REP,
                                            team_id=TEAM_ID,
                                            private_metadata=form["private_metadata"]))
    assert status == 200 and body == ""
    saved = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    shown = mrkdwn_texts(saved.params["blocks"])
    assert "*Industry:* Robotics" in shown and "`2026-Q3 intent`" in shown
    assert "Likelihood A" in shown and saved.params["replace_original"] is True



def test_a_customer_whose_name_starts_with_new_is_shown_not_a_form(bot: RunningBot,
                                                                   slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    _answered(bot, slack, view, name="New Balance")
    assert "New Balance" in _card(bot, "new balance")
    view, _ = _open_form(bot, slack, "new Balance Ltd")  # not a customer: the form
    name_input = next(b for b in view["blocks"] if b.get("block_id") == "name")
    assert name_input["element"]["initial_value"] == "Balance Ltd"
