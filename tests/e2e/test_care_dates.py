"""Care dates and the brief through the signed HTTP endpoint with the fake Slack, on SQLite
and PostgreSQL: a birthday told in a log is recorded (the reply says so, no one-off promise
is made of it), the sweep makes its task three days ahead once, and the reminder DM carries
the brief before the contact (last contact, needs, last objection, open complaints)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from handlers import ids
from store.aftersale_models import CustomerCareDate
from store.models import Task
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.e2e.test_losses import _click
from tests.fakes import TEAM_ID, FakeSlack, block_actions, view_submission

WEDNESDAY_0001 = datetime(2026, 11, 24, 16, 1, tzinfo=UTC)  # 00:01 Wed 25 Nov in Shanghai
WEDNESDAY_0900 = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # its reminder's moment


def _care_reminders(slack: FakeSlack) -> list[dict[str, Any]]:
    return [c.params for c in slack.messages_to(REP)
            if "Birthday of Mr Li" in block_texts(c.params.get("blocks") or [])
            and c.method == "chat.postMessage"]


def test_a_birthday_from_a_log_becomes_a_reminder_with_the_brief(
        bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: called Li, worried about the price of the "
                                  "new press")
    told = _log(bot, slack, "Acme Corp: Mr Li's birthday is 28 November")
    said = block_texts(told["blocks"])
    assert "Recorded: Birthday of Mr Li: 28 Nov" in said
    with bot.runtime.services.uow() as uow:
        [date] = uow.session.scalars(select(CustomerCareDate)).all()
        assert (date.kind, date.label, date.month, date.day, date.source) == (
            "birthday", "Mr Li", 11, 28, "log")
        # The date is not a promise: no one-off task "Mr Li's birthday" due on 28 November.
        assert uow.session.scalars(select(Task)).all() == []
        date_id = date.id

    raised = bot.ask(ids.COMMAND_COMPLAINT, "Acme Corp: the second press arrived damaged",
                     REP)
    assert "Complaint #1 raised" in block_texts(raised["blocks"])

    bot.at(WEDNESDAY_0001)  # 28 Nov less 3 days: Wednesday 25 November
    bot.at(WEDNESDAY_0001.replace(minute=5))  # a second sweep makes nothing more
    with bot.runtime.services.uow() as uow:
        [task] = uow.session.scalars(select(Task)).all()
        assert (task.origin, task.title, task.cadence_key) == (
            "care", "Birthday of Mr Li (Acme Corp) on 28 Nov — in 3 days",
            f"care:{date_id}:2026-11-28:3")
    bot.at(WEDNESDAY_0900)
    [reminder] = _care_reminders(slack)
    shown = block_texts(reminder["blocks"])
    assert "Before you call" in shown and "Late" not in shown
    assert "Last contact" in shown and "Mr Li's birthday is 28 November" in shown
    assert "Last objection" in shown and "worried about the price" in shown
    assert "Open complaints (1): Acme Corp: the second press arrived damaged" in shown
    assert ids.TASK_DONE in str(reminder["blocks"])


def _dates(bot: RunningBot) -> list[tuple[str, int, int, str, int | None]]:
    with bot.runtime.services.uow() as uow:
        return [(d.label, d.month, d.day, d.source, d.customer_id)
                for d in uow.session.scalars(select(CustomerCareDate).order_by(
                    CustomerCareDate.id))]


def _edit(bot: RunningBot, slack: FakeSlack, answer: dict[str, Any], customer: str,
          summary: str) -> dict[str, Any]:
    hook = slack.response_url()
    bot.send(block_actions(ids.LOG_EDIT, buttons(answer["blocks"])[ids.LOG_EDIT], user_id=REP,
                           team_id=TEAM_ID, response_url=hook))
    view = slack.wait_for("views.open").params["view"]
    slack.reset()
    values = {ids.FIELD_CUSTOMER: {ids.FIELD_CUSTOMER: customer},
              ids.FIELD_SUMMARY: {ids.FIELD_SUMMARY: summary}}
    assert bot.send(view_submission(ids.VIEW_EDIT_LOG, values, user_id=REP, team_id=TEAM_ID,
                                    private_metadata=view["private_metadata"]))[0] == 200
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def test_undo_of_a_log_takes_back_the_key_date_it_gave(bot: RunningBot,
                                                       slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: called Li about the new press")
    first = _log(bot, slack, "Acme Corp: Mr Li's birthday is 28 November")
    fixed = _log(bot, slack, "Acme Corp: sorry, Mr Li's birthday is 29 November")
    assert [d[:4] for d in _dates(bot)] == [("Mr Li", 11, 29, "log")]
    _click(bot, slack, ids.LOG_UNDO, buttons(fixed["blocks"])[ids.LOG_UNDO])
    bot.settle()
    assert [d[:4] for d in _dates(bot)] == [("Mr Li", 11, 28, "log")]  # the value before
    _click(bot, slack, ids.LOG_UNDO, buttons(first["blocks"])[ids.LOG_UNDO])
    bot.settle()
    assert _dates(bot) == []  # it made the date: nothing else gave it


def test_editing_a_log_reads_its_key_dates_again(bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: called Li about the new press")
    _new_customer_log(bot, slack, "Beta Ltd: first call with Wang")
    told = _log(bot, slack, "Acme Corp: Mr Li's birthday is 28 November")
    [(_, _, _, _, acme)] = _dates(bot)
    edited = _edit(bot, slack, told, "Acme Corp", "Mr Li's birthday is 30 November")
    assert "Recorded: Birthday of Mr Li: 30 Nov" in block_texts(edited["blocks"])
    assert [d[:4] for d in _dates(bot)] == [("Mr Li", 11, 30, "log")]
    _edit(bot, slack, told, "Beta Ltd", "Mr Li's birthday is 30 November")
    [(label, month, day, _, customer)] = _dates(bot)  # it went with the log
    assert (label, month, day) == ("Mr Li", 11, 30) and customer != acme
