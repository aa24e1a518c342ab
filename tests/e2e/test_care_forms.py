"""Key dates through the customer form, on SQLite and PostgreSQL: given when the customer is
created, shown on the card, filled into the Edit form, changed and cleared there; the care
sweep then makes the renewal's reminders 30 and 3 days ahead across the new year."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from handlers import ids
from store.aftersale_models import CustomerCareDate
from store.models import Task
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.e2e.test_core_loop import REP
from tests.e2e.test_customer_forms import _card_body, _open_form, _values
from tests.fakes import TEAM_ID, FakeSlack, block_actions, view_submission


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    """A team with a named date of its own (CRM_CONFIG care.named)."""
    return replace(directory, care=replace(directory.care, named=("Spring Festival visit",)))


def _dates(**typed: str) -> dict[str, dict[str, Any]]:
    return {kind: {kind: {"type": "datepicker", "selected_date": value or None}}
            for kind, value in typed.items()}


def _stored(bot: RunningBot) -> list[tuple[str, int, int, int | None, str]]:
    with bot.runtime.services.uow() as uow:
        return [(d.kind, d.month, d.day, d.year, d.source) for d in uow.session.scalars(
            select(CustomerCareDate).order_by(CustomerCareDate.kind))]


def test_key_dates_from_the_form_to_the_card_and_the_renewal_reminders(
        bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    assert {"birthday", "anniversary", "renewal"} <= {b.get("block_id") for b in view["blocks"]}
    values = _values() | _dates(birthday="1980-02-29", renewal="2027-01-10")
    status, body = bot.send(view_submission(view["callback_id"], values, user_id=REP,
                                            team_id=TEAM_ID,
                                            private_metadata=view["private_metadata"]))
    assert status == 200 and isinstance(body, dict) and body["response_action"] == "update"
    card = _card_body(bot, "Acme Corp")
    assert "Key dates: Contract renewal: 10 Jan 2027; Birthday: 29 Feb" in mrkdwn_texts(
        card["blocks"])
    assert _stored(bot) == [("birthday", 2, 29, 1980, "form"),
                            ("renewal", 1, 10, 2027, "form")]

    hook = slack.response_url()
    edit_id = next(e["value"] for b in card["blocks"] if b["type"] == "actions"
                   for e in b["elements"] if e["action_id"] == ids.CUSTOMER_EDIT)
    assert bot.send(block_actions(ids.CUSTOMER_EDIT, edit_id, user_id=REP, team_id=TEAM_ID,
                                  response_url=hook))[0] == 200
    form = slack.wait_for(lambda c: c.method == "views.open").params["view"]
    birthday = next(b for b in form["blocks"] if b.get("block_id") == "birthday")
    assert birthday["element"]["initial_date"] == "1980-02-29"
    values = _values() | _dates(birthday="", anniversary="2001-12-01", renewal="2027-01-10")
    assert bot.send(view_submission(ids.VIEW_CUSTOMER_EDIT, values, user_id=REP,
                                    team_id=TEAM_ID,
                                    private_metadata=form["private_metadata"]))[0] == 200
    bot.settle()
    assert _stored(bot) == [("anniversary", 12, 1, 2001, "form"),
                            ("renewal", 1, 10, 2027, "form")]

    # 1 December less 3 days is Saturday 28 November: the working day before, Friday 27.
    bot.at(datetime(2026, 11, 26, 16, 1, tzinfo=UTC))  # 00:01 on 27 November in Shanghai
    # 10 January 2027 less 30 days is Friday 11 December 2026; less 3, Thursday 7 January.
    bot.at(datetime(2026, 12, 10, 16, 1, tzinfo=UTC))  # 00:01 on 11 December in Shanghai
    bot.at(datetime(2026, 12, 11, 1, 0, tzinfo=UTC))
    bot.at(datetime(2027, 1, 6, 16, 1, tzinfo=UTC))
    with bot.runtime.services.uow() as uow:
        titles = [(t.title, t.due_at.date()) for t in uow.session.scalars(
            select(Task).where(Task.origin == "care").order_by(Task.id)) if t.due_at]
    assert titles == [
        ("Company anniversary of Acme Corp on 1 Dec — in 3 days", date(2026, 11, 27)),
        ("Contract renewal of Acme Corp due 10 Jan 2027 — in 30 days",
         date(2026, 12, 11)),
        ("Contract renewal of Acme Corp due 10 Jan 2027 — in 3 days",
         date(2027, 1, 7))]


def test_a_named_date_of_the_team_is_a_field_of_the_form(bot: RunningBot,
                                                        slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    field = next(b for b in view["blocks"] if b.get("block_id") == "named:Spring Festival visit")
    assert field["label"]["text"] == "Spring Festival visit"
    assert field["element"]["type"] == "datepicker"
    values = _values() | {"named:Spring Festival visit": {"named:Spring Festival visit": {
        "type": "datepicker", "selected_date": "2027-01-20"}},
        # A name the team did not configure (a forged field) is not kept.
        "named:Free lunch": {"named:Free lunch": {
            "type": "datepicker", "selected_date": "2027-01-21"}}}
    assert bot.send(view_submission(view["callback_id"], values, user_id=REP, team_id=TEAM_ID,
                                    private_metadata=view["private_metadata"]))[0] == 200
    card = _card_body(bot, "Acme Corp")
    assert "Key dates: Spring Festival visit: 20 Jan" in mrkdwn_texts(card["blocks"])
    with bot.runtime.services.uow() as uow:
        assert [(d.kind, d.label, d.month, d.day) for d in uow.session.scalars(
            select(CustomerCareDate))] == [("named", "Spring Festival visit", 1, 20)]
    # 20 January less 3 days is Sunday 17 January: Friday 15 January.
    bot.at(datetime(2027, 1, 14, 16, 1, tzinfo=UTC))
    with bot.runtime.services.uow() as uow:
        assert [t.title for t in uow.session.scalars(select(Task).where(
            Task.origin == "care"))] == [
            "Spring Festival visit of Acme Corp on 20 Jan — in 3 days"]


def test_a_29_february_birthday_is_reminded_on_28_february_and_each_year_after(
        bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    values = _values() | _dates(birthday="1992-02-29")
    assert bot.send(view_submission(view["callback_id"], values, user_id=REP, team_id=TEAM_ID,
                                    private_metadata=view["private_metadata"]))[0] == 200
    bot.settle()
    # 28 February 2027 is a Sunday: less 3 days is Thursday 25 February; 29 February 2028
    # is a day, less 3 is Saturday 26: the working day before, Friday 25 February 2028.
    bot.at(datetime(2027, 2, 23, 16, 1, tzinfo=UTC))  # 00:01 on 24 February in Shanghai
    bot.at(datetime(2027, 2, 24, 16, 1, tzinfo=UTC))
    bot.at(datetime(2027, 2, 25, 1, 1, tzinfo=UTC))  # its day's 09:00: "due now"
    bot.at(datetime(2028, 2, 24, 16, 1, tzinfo=UTC))
    with bot.runtime.services.uow() as uow:
        made = [(t.title, t.due_at.date() if t.due_at else None, t.cadence_key)
                for t in uow.session.scalars(select(Task).where(Task.origin == "care")
                                             .order_by(Task.id))]
    date_id = made[0][2].split(":")[1] if made and made[0][2] else "?"
    assert made == [
        ("Birthday of the contact at Acme Corp on 28 Feb — in 3 days", date(2027, 2, 25),
         f"care:{date_id}:2027-02-28:3"),
        ("Birthday of the contact at Acme Corp on 29 Feb — in 3 days", date(2028, 2, 25),
         f"care:{date_id}:2028-02-29:3")]
    reminded = [c for c in slack.messages_to(REP)
                if "Birthday of the contact at Acme Corp on 28 Feb" in str(c.params.get("blocks"))]
    assert reminded  # the reminder DM of 2027
