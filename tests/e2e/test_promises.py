"""Every promise, when it happened, no promise waiting on a question, and /settings — through
the real HTTP endpoint on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from handlers import ids
from store.models import FollowUp, Task
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, block_actions, view_submission

# The clock fixture: Monday 2026-11-23 09:00 in Shanghai, the team's zone.


def _tasks(bot: RunningBot) -> list[tuple[str, int | None, datetime | None]]:
    with bot.runtime.services.uow() as uow:
        return [(t.title, t.customer_id, t.due_at)
                for t in uow.session.scalars(select(Task).where(Task.origin == "log")
                                             .order_by(Task.id))]


def _reminded(slack: FakeSlack, words: str) -> None:
    slack.wait_for(lambda c: c.method == "chat.postMessage" and c.params["channel"] == REP
                   and words in block_texts(c.params.get("blocks") or []))


def test_two_promises_are_two_tasks_listed_and_both_reminded(bot: RunningBot, slack: FakeSlack,
                                                             clock) -> None:
    answer = _new_customer_log(bot, slack, "Initech: send contract by Wednesday 5pm, then call "
                                           "back on Dec 15")
    shown = block_texts(answer["blocks"])
    assert "send contract by Wednesday 5pm — *Wed, 25 Nov 2026 17:00 (Asia/Shanghai)*" in shown
    assert "call back on Dec 15 — *Tue, 15 Dec 2026 (Asia/Shanghai)*" in shown
    assert [title for title, _, _ in _tasks(bot)] == ["send contract by Wednesday 5pm",
                                                      "call back on Dec 15"]
    bot.at(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    _reminded(slack, "send contract by Wednesday 5pm")
    bot.at(datetime(2026, 12, 15, 3, 0, tzinfo=UTC))
    _reminded(slack, "call back on Dec 15")


def test_a_promise_is_a_task_while_the_customer_question_waits(bot: RunningBot,
                                                                slack: FakeSlack, clock) -> None:
    body = _log(bot, slack, "Globex Retail: send the deck by Friday 3pm, then call back on "
                            "Dec 15")
    assert "Which customer" in body["text"]
    assert "The reminders are set already" in block_texts(body["blocks"])
    waiting = _tasks(bot)
    assert len(waiting) == 2 and {customer for _, customer, _ in waiting} == {None}
    bot.at(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))  # the day before: asked again
    reminder = slack.wait_for(lambda c: c.method == "chat.postMessage"
                              and c.params["channel"] == REP and "Which customer" in
                              block_texts(c.params.get("blocks") or []))
    hook = slack.response_url()
    click = block_actions(ids.LOG_CREATE_CUSTOMER,
                          buttons(reminder.params["blocks"])[ids.LOG_CREATE_CUSTOMER],
                          user_id=REP, team_id=TEAM_ID, response_url=hook)
    assert bot.send(click)[0] == 200
    slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    attached = _tasks(bot)
    assert len(attached) == 2 and None not in {customer for _, customer, _ in attached}


def test_the_morning_message_asks_again_and_is_answered_below(bot: RunningBot,
                                                             slack: FakeSlack, clock) -> None:
    first = _log(bot, slack, "Globex Retail: intro call, send the deck by Friday 3pm, then "
                             "call back on Dec 15")
    second = _log(bot, slack, "Initech Labs: intro call, went well")
    assert "Which customer" in first["text"] and "Which customer" in second["text"]
    bot.at(datetime(2026, 11, 24, 1, 30, tzinfo=UTC))  # Tuesday 09:30 in Shanghai
    morning = slack.wait_for(lambda c: c.method == "chat.postMessage"
                             and c.params["channel"] == REP and "Still to answer" in
                             block_texts(c.params.get("blocks") or []))
    blocks = morning.params["blocks"]
    assert block_texts(blocks).count("know *Globex Retail*") == 1  # two promises, one question
    asked = [b for b in blocks if b.get("type") == "actions"]
    assert len(asked) == 2 and all(b["block_id"].startswith("asked:") for b in asked)
    create = asked[1]["elements"][0]  # the older log, Globex Retail's
    hook = slack.response_url()
    click = block_actions(ids.LOG_CREATE_CUSTOMER, create["value"], user_id=REP,
                          team_id=TEAM_ID, response_url=hook, block_id=asked[1]["block_id"])
    assert bot.send(click)[0] == 200
    answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert answer.params["replace_original"] is False  # the other question stays asked
    attached = {title: customer for title, customer, _ in _tasks(bot)}
    assert attached["send the deck by Friday 3pm"] == attached["call back on Dec 15"] is not None
    # Edit from the list: its form's answer also goes below the message.
    edit = asked[0]["elements"][-1]
    hook = slack.response_url()
    bot.send(block_actions(ids.LOG_EDIT, edit["value"], user_id=REP, team_id=TEAM_ID,
                           response_url=hook, block_id=asked[0]["block_id"]))
    view = slack.wait_for("views.open").params["view"]
    values = {b["block_id"]: {b["block_id"]: b["element"]["initial_value"]}
              for b in view["blocks"] if b.get("element", {}).get("initial_value")}
    assert bot.send(view_submission(ids.VIEW_EDIT_LOG, values, user_id=REP, team_id=TEAM_ID,
                                    private_metadata=view["private_metadata"]))[0] == 200
    edited = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert edited.params["replace_original"] is False and "Initech Labs" in edited.params["text"]


def test_the_edit_form_edits_each_promise(bot: RunningBot, slack: FakeSlack, clock) -> None:
    answer = _new_customer_log(bot, slack, "Initech: send contract by Wednesday 5pm, then call "
                                           "back on Dec 15")
    hook = slack.response_url()
    bot.send(block_actions(ids.LOG_EDIT, buttons(answer["blocks"])[ids.LOG_EDIT], user_id=REP,
                           team_id=TEAM_ID, response_url=hook))
    view = slack.wait_for("views.open").params["view"]
    shown = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]
             if b["type"] == "input"}
    assert shown["next_step_1"] == "call back on Dec 15"
    assert shown["when_1"] == "Tue, 15 Dec 2026"
    values = {key: {key: value} for key, value in shown.items()}
    values["next_step_1"] = {"next_step_1": "call Li back"}
    values["when_1"] = {"when_1": "Dec 16 10am"}
    status, _ = bot.send(view_submission(ids.VIEW_EDIT_LOG, values, user_id=REP,
                                         team_id=TEAM_ID,
                                         private_metadata=view["private_metadata"]))
    assert status == 200
    updated = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert "call Li back — *Wed, 16 Dec 2026 10:00 (Asia/Shanghai)*" in block_texts(
        updated.params["blocks"])
    assert [(title, due) for title, _, due in _tasks(bot)][1] == (
        "call Li back", datetime(2026, 12, 16, 2, 0, tzinfo=UTC))


def test_yesterdays_visit_is_recorded_as_yesterdays_contact(bot: RunningBot, slack: FakeSlack,
                                                            clock) -> None:
    _new_customer_log(bot, slack, "Globex: visited Globex yesterday afternoon, send quote Friday")
    with bot.runtime.services.uow() as uow:
        row = uow.session.scalars(select(FollowUp)).one()
        assert row.contact_at == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)  # Sunday 14:00
        assert row.due_at == datetime(2026, 11, 26, 16, 0, tzinfo=UTC)  # Friday, Shanghai


def test_settings_sets_the_zone_the_next_log_is_read_in(bot: RunningBot, slack: FakeSlack,
                                                        clock) -> None:
    shown = bot.ask(ids.COMMAND_SETTINGS, "", REP)  # in place of "working on it"
    assert "Asia/Shanghai" in shown["text"]
    body = bot.ask(ids.COMMAND_SETTINGS, "timezone Asia/Tokyo", REP)
    assert body["response_type"] == "ephemeral" and "Asia/Tokyo" in body["text"]
    answer = _new_customer_log(bot, slack, "Acme Corp: send the quote tomorrow 9am")
    assert "Tue, 24 Nov 2026 09:00 (Asia/Tokyo)" in block_texts(answer["blocks"])
    assert _tasks(bot)[0][2] == datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
