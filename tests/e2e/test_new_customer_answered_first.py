"""The New-customer form answers first (issue 13): Slack gets "Checking for similar
customers…" before the database is read, the worker looks for look-alikes and replaces the form
(views.update, through the outbox) once Slack has applied that answer, so the answer never
hides the result; a submit stored by a process killed after answering is finished by the next,
and a submit delivered twice creates one customer and answers once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.domain.pacing import ANSWER_WINDOW
from store.models import Customer, InboxRequest
from tests.e2e.harness import RunningBot, mrkdwn_texts, restarted
from tests.e2e.test_customer_forms import _checking, _count, _open_form, _submit
from tests.fakes import FakeSlack


def _updates(slack: FakeSlack, view_id: str) -> list[dict]:
    return [c.params["view"] for c in slack.calls_to("views.update")
            if c.params["view_id"] == view_id]


def test_the_form_says_checking_before_any_look_up_and_the_next_process_creates(
        db_url, slack: FakeSlack, clock, directory) -> None:
    first = RunningBot(db_url, slack, clock, directory)
    try:
        view, _ = _open_form(first, slack)
        first.runtime.reader.stop()  # killed after answering, before looking anything up
        _checking(_submit(first, view, view_id=view["id"]))
        assert _count(first, "Acme Corp") == 0 and not _updates(slack, view["id"])
        with first.runtime.services.uow() as uow:
            assert list(uow.session.scalars(select(InboxRequest.status))) == ["received"]
    finally:
        first.stop()
    with restarted(db_url, slack, clock, directory) as second:
        second.past_the_answer()
        (created,) = _updates(slack, view["id"])
        assert "Created Acme Corp" in mrkdwn_texts(created["blocks"])
        assert _count(second, "Acme Corp") == 1


def test_the_result_waits_until_slack_has_applied_the_checking_answer(
        bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    checking = _submit(bot, view, view_id=view["id"])
    _checking(checking)
    bot.settle()  # the worker has created the customer and queued the form's result
    assert _count(bot, "Acme Corp") == 1 and not _updates(slack, view["id"])
    # Slack applies "Checking…" late, yet within the 3 s it waits for an answer; the result
    # had it gone out at once would now be hidden under "Checking…".
    bot.at(bot.clock.now() + ANSWER_WINDOW - timedelta(milliseconds=1))
    assert not _updates(slack, view["id"])
    slack.apply_answer(view["id"], checking)
    bot.past_the_answer()
    (created,) = _updates(slack, view["id"])
    assert "Created Acme Corp" in mrkdwn_texts(slack.view(view["id"])["blocks"])


def test_a_submit_delivered_twice_creates_one_customer_and_answers_once(
        bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    _checking(_submit(bot, view, view_id=view["id"]))
    _checking(_submit(bot, view, view_id=view["id"]))  # Slack's retry of the same submit
    bot.settle()
    bot.past_the_answer()
    assert _count(bot, "Acme Corp") == 1
    (created,) = _updates(slack, view["id"])
    assert "Created Acme Corp" in mrkdwn_texts(created["blocks"])
    with bot.runtime.services.uow() as uow:
        assert len(uow.session.scalars(select(Customer.id)).all()) == 1


def test_a_name_typed_in_chinese_is_answered_in_chinese(bot: RunningBot,
                                                        slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    body = _submit(bot, view, view_id=view["id"], name="上海精机")
    assert isinstance(body, dict) and body["response_action"] == "update"
    assert "正在查找相似的客户" in mrkdwn_texts(body["view"]["blocks"])
    assert body["view"]["title"]["text"] == "新客户"
