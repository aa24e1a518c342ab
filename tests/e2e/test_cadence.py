"""Cadence through the HTTP endpoint: a tier A customer left a week gets its owner a task,
and the task's reminder reaches the rep as a DM on the fake Slack."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from handlers import ids
from store.models import Task
from tests.e2e.harness import RunningBot, block_texts
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.fakes import FakeSlack

MONDAY_0030 = datetime(2026, 11, 29, 16, 30, tzinfo=UTC)  # Monday 30 Nov, 00:30 in Shanghai
MONDAY_0900 = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def _dms(slack: FakeSlack) -> list[str]:
    return [c.text or "" for c in slack.calls_to("chat.postMessage")
            if c.params["channel"] == REP]


def test_a_week_without_contact_gives_the_rep_the_task_and_its_reminder(
        bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    assert "Tier" in str(bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp tier A", REP)["blocks"])
    bot.at(datetime(2026, 11, 28, 4, 0, tzinfo=UTC))  # Saturday: 5 days, nothing yet
    bot.at(MONDAY_0030)
    with bot.runtime.services.uow() as uow:
        [task] = uow.session.scalars(select(Task)).all()
        assert task.origin == "cadence" and task.owner_id == REP
    bot.at(MONDAY_0030.replace(minute=45))  # a second sweep adds nothing
    assert _dms(slack) == []
    bot.at(MONDAY_0900)
    reminder = slack.wait_for(lambda c: c.method == "chat.postMessage"
                              and c.params["channel"] == REP)
    wanted = "Weekly contact for tier A customer Acme Corp — last contact 7 days ago"
    assert wanted in block_texts(reminder.params["blocks"])
    assert _dms(slack) == [f"⏰ Due now: {wanted}"]
    with bot.runtime.services.uow() as uow:
        assert len(uow.session.scalars(select(Task)).all()) == 1


def test_a_tier_c_customer_logged_again_too_soon_gets_a_warning_not_a_refusal(
        bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp tier C", REP)  # moved once it is answered
    answer = _log(bot, slack, "Acme Corp: called again, send brochure by Friday")
    shown = block_texts(answer["blocks"])
    assert ("⚠️ Over-contacting: Acme Corp is a tier C customer, contacted at most every 30 "
            "days; this next step is 4 days after today's contact (the earliest would be "
            "Wed, 23 Dec 2026 (Asia/Shanghai)). Kept as you wrote it.") in shown
    with bot.runtime.services.uow() as uow:  # the task is made all the same
        assert [t.origin for t in uow.session.scalars(select(Task))] == ["log"]
