"""Every command answers Slack before its work, through the signed endpoint.

A read (/tasks, /oncall, /complaints, /settings, /pool, /revisit, /customer NAME) answers
"working on it" while its lazy listener is still held back (tests.support.HeldExecutor), and
its answer replaces that on the response_url once let go; it stores nothing, so a retry only
asks again. A change (/handover, /customer … assign, /revisit NAME service) is stored before
the answer and done by the worker after it: with the worker stopped the answer still comes
and nothing has changed; a retry of the same command (same trigger, X-Slack-Retry-Num) is
stored once, done once and answered once. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select, update

from bot import jobs
from bot.catalog import tr
from bot.domain.teams import TeamDirectory
from bot.services.commands import COMMAND
from handlers import ids
from handlers.later import WORKING
from store.aftersale_models import RevisitPlan
from store.models import Customer, InboxRequest, Notification
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_core_loop import LEAD, REP, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, SignedRequest, block_actions, slash_command
from tests.support.concurrency import HeldExecutor
from tests.support.fakes import FakeClock

MATE = "U0REP2"
ACK_SECONDS = 2.0  # inside Slack's 3 s with room for a loaded machine


@pytest.fixture
def held() -> Iterator[HeldExecutor]:
    executor = HeldExecutor()
    yield executor
    executor.release()
    executor.shutdown()


@pytest.fixture
def held_bot(db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory,
             held: HeldExecutor) -> Iterator[RunningBot]:
    running = RunningBot(db_url, slack, clock, directory, listener_executor=held)
    yield running
    running.stop()


def _command(command: str, text: str, user: str, hook: str, trigger: str) -> SignedRequest:
    return slash_command(command, text, user_id=user, team_id=TEAM_ID, response_url=hook,
                         trigger_id=trigger)


def _retried(request: SignedRequest) -> SignedRequest:
    """The same request delivered again, as Slack marks a redelivery."""
    return dataclasses.replace(request, headers={**request.headers, "X-Slack-Retry-Num": "1",
                                                 "X-Slack-Retry-Reason": "http_timeout"})


def _answered_at_once(bot: RunningBot, request: SignedRequest) -> dict[str, Any]:
    started = time.monotonic()
    status, body = bot.send(request)
    assert status == 200 and isinstance(body, dict)
    assert time.monotonic() - started < ACK_SECONDS
    assert body["text"] in (tr("en", WORKING), tr("zh", WORKING))
    assert body["response_type"] == "ephemeral"
    return body


def _count(bot: RunningBot, model: type) -> int:
    with bot.runtime.services.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def _answers(slack: FakeSlack, hook: str) -> list[dict[str, Any]]:
    return [c.params for c in slack.response_posts(hook)]


READS = [  # command, text, who asks, what the answer says
    (ids.COMMAND_TASKS, "", REP, "open tasks: 1"),
    (ids.COMMAND_TASKS, f"<@{REP}|rep>", LEAD, f"<@{REP}>'s open tasks: 1"),
    (ids.COMMAND_ONCALL, "", REP, "East"),
    (ids.COMMAND_COMPLAINTS, "", LEAD, "0 open complaints"),
    (ids.COMMAND_SETTINGS, "", REP, "Asia/Shanghai"),
    (ids.COMMAND_POOL, "", REP, "pool"),
    (ids.COMMAND_REVISIT, "", REP, "revisits"),
    (ids.COMMAND_CUSTOMER, "Acme Corp", REP, "Acme Corp"),
]


@pytest.mark.parametrize(("command", "text", "user", "says"), READS,
                         ids=[f"{c}{' ' + t if t else ''}" for c, t, _, _ in READS])
def test_a_read_answers_before_it_reads_and_a_retry_stores_nothing(
        held_bot: RunningBot, slack: FakeSlack, held: HeldExecutor,
        command: str, text: str, user: str, says: str) -> None:
    held.release()  # the customer and its task are made with nothing held
    _new_customer_log(held_bot, slack, "Acme Corp: called Li, send the quote by Friday 3pm")
    held_bot.settle()
    stored = (_count(held_bot, InboxRequest), _count(held_bot, Notification))
    held.hold()  # from here the work after an answer waits
    hook = slack.response_url(kind="commands")
    request = _command(command, text, user, hook, "trig-read")
    _answered_at_once(held_bot, request)
    assert held.held() == 1 and _answers(slack, hook) == []  # not read yet
    held.release()
    answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    assert answer["replace_original"] is True and answer["response_type"] == "ephemeral"
    assert says in answer["text"] + block_texts(answer.get("blocks") or [])
    _answered_at_once(held_bot, _retried(request))
    held_bot.settle()
    # A read wrote nothing before or after its answer: a retry has nothing to repeat.
    assert (_count(held_bot, InboxRequest), _count(held_bot, Notification)) == stored


def _owner(bot: RunningBot) -> str:
    with bot.runtime.services.uow() as uow:
        return str(uow.session.scalar(select(Customer.owner_id).where(
            Customer.name == "Acme Corp")))


CHANGES = [  # command, text, who, (what is true before, after), what the answer says
    (ids.COMMAND_HANDOVER, f"<@{REP}|rep> to <@{MATE}|mate>", LEAD, "owner",
     f"Handed over 1 of <@{REP}>'s customers to <@{MATE}>"),
    (ids.COMMAND_CUSTOMER, f"Acme Corp assign <@{MATE}|mate>", LEAD, "owner", "Acme Corp"),
    (ids.COMMAND_REVISIT, "Acme Corp service", REP, "revisit", "problem solved?"),
]


def _commands(bot: RunningBot) -> list[str]:
    with bot.runtime.services.uow() as uow:
        return list(uow.session.scalars(select(InboxRequest.status).where(
            InboxRequest.kind == COMMAND)).all())


def _state(bot: RunningBot, what: str) -> object:
    return _owner(bot) if what == "owner" else _count(bot, RevisitPlan)


@pytest.mark.parametrize(("command", "text", "user", "what", "says"), CHANGES,
                         ids=[c for c, *_ in CHANGES])
def test_a_change_is_stored_answered_then_done_once(
        bot: RunningBot, slack: FakeSlack, command: str, text: str, user: str, what: str,
        says: str) -> None:
    _new_customer_log(bot, slack, "Acme Corp: called Li, send the quote by Friday 3pm")
    bot.settle()
    before = _state(bot, what)
    bot.runtime.reader.stop()  # nothing is done until the worker is run below
    hook = slack.response_url(kind="commands")
    request = _command(command, text, user, hook, "trig-change")
    _answered_at_once(bot, request)
    _answered_at_once(bot, _retried(request))  # the same command again
    assert _commands(bot) == ["received"]  # stored once, not yet done
    assert _state(bot, what) == before and _answers(slack, hook) == []
    for _ in range(2):  # the worker's job, as the stopped reader would have run it
        jobs.do_received(bot.runtime.services, bot.clock.now, batch=10)
    slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert bot.runtime.sender.wait_idle(10)  # (the stopped reader never goes idle)
    assert _commands(bot) == ["done"]
    after = _state(bot, what)
    assert after == (MATE if what == "owner" else 1)
    (answer,) = _answers(slack, hook)  # answered once, in place of "working on it"
    assert answer["replace_original"] is True
    assert says in answer.get("text", "") + block_texts(answer.get("blocks") or [])


def test_customer_new_answers_empty_then_opens_the_form(
        held_bot: RunningBot, slack: FakeSlack, held: HeldExecutor) -> None:
    hook = slack.response_url(kind="commands")
    started = time.monotonic()
    status, body = held_bot.send(_command(ids.COMMAND_CUSTOMER, "new Acme Corp", REP, hook,
                                          "trig-new"))
    assert status == 200 and body == "" and time.monotonic() - started < ACK_SECONDS
    assert held.held() == 1 and not slack.calls_to("views.open")
    held.release()  # still inside the trigger's 3 seconds
    opened = slack.wait_for("views.open", timeout=2)
    assert opened.ok and opened.params["view"]["callback_id"] == ids.VIEW_CUSTOMER_NEW


def test_a_button_that_opens_a_form_answers_before_it_reads_the_record(
        held_bot: RunningBot, slack: FakeSlack, held: HeldExecutor) -> None:
    held.release()
    _new_customer_log(held_bot, slack, "Acme Corp: called Li, send the quote by Friday 3pm")
    listing = held_bot.ask(ids.COMMAND_TASKS, "", REP)
    held.hold()
    started = time.monotonic()
    status, body = held_bot.send(block_actions(
        ids.TASK_RESCHEDULE, buttons(listing["blocks"])[ids.TASK_RESCHEDULE], user_id=REP,
        team_id=TEAM_ID, response_url=slack.response_url()))
    assert status == 200 and body == "" and time.monotonic() - started < ACK_SECONDS
    assert held.held() == 1 and not slack.calls_to("views.open")  # the task not read yet
    held.release()  # still inside the trigger's 3 seconds
    opened = slack.wait_for("views.open", timeout=2)
    assert opened.ok and opened.params["view"]["callback_id"] == ids.VIEW_RESCHEDULE


def test_a_handover_done_again_after_a_crash_moves_and_answers_once(
        bot: RunningBot, slack: FakeSlack) -> None:
    # A handover commits its moves a batch at a time, outside its request's transaction (a
    # long one would hold up SQLite's every acknowledgement), so its answer is keyed instead.
    _new_customer_log(bot, slack, "Acme Corp: called Li, send the quote by Friday 3pm")
    bot.settle()
    bot.runtime.reader.stop()  # the worker's job is run below, as the reader would
    hook = slack.response_url(kind="commands")
    _answered_at_once(bot, _command(ids.COMMAND_HANDOVER, f"<@{REP}|rep> to <@{MATE}|mate>",
                                    LEAD, hook, "trig-handover"))
    jobs.do_received(bot.runtime.services, bot.clock.now, batch=10)
    with bot.runtime.services.uow() as uow:  # killed after its work, before it was marked done
        uow.session.execute(update(InboxRequest).where(InboxRequest.kind == COMMAND).values(
            status="received", lease_until=None))
        uow.commit()
    jobs.do_received(bot.runtime.services, bot.clock.now, batch=10)
    assert bot.runtime.sender.wait_idle(10)
    assert _commands(bot) == ["done"] and _owner(bot) == MATE
    (answer,) = _answers(slack, hook)
    assert f"Handed over 1 of <@{REP}>'s customers to <@{MATE}>" in block_texts(
        answer.get("blocks") or []) + answer.get("text", "")
