"""A click is stored before Slack's answer and done by the worker after it: once, whatever
crashes between the two (on SQLite and PostgreSQL, time passed in)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.domain.leases import LEASE
from bot.services.clicks import CLICK, Click, process_received_clicks, receive_click
from store.models import InboxRequest, Notification, Task
from tests.services.logs.test_logs import REP, WS
from tests.services.tasks.test_reminders import _task

HOOK = "https://hooks.slack.com/actions/T0TEST/1/x"


def _done(task_id: int, when: str = "1700000000.1") -> Click:
    return Click(WS, REP, "task", task_id, ("done",), HOOK, f"click:{REP}:task_done:{when}")


def _state(services, task_id: int) -> tuple[str, list[str], list[str]]:
    """The task's status, the answers on the clicked message, and the inbox's states."""
    with services.uow() as uow:
        status = uow.session.get(Task, task_id).status
        answers = [p["outcome"]["status"] for p in uow.session.scalars(
            select(Notification.payload).where(Notification.kind == "respond"))]
        inbox = list(uow.session.scalars(select(InboxRequest.status)))
    return status, answers, inbox


def test_a_click_is_done_by_the_worker_after_its_answer(services, clock) -> None:
    task_id = _task(services, clock)
    assert receive_click(services, _done(task_id), clock.now()) is True
    assert receive_click(services, _done(task_id), clock.now()) is False  # redelivered
    assert _state(services, task_id) == ("open", [], ["received"])
    assert process_received_clicks(services, clock.now()) == 1
    assert _state(services, task_id) == ("done", ["task_done"], ["done"])


def test_a_double_click_closes_the_task_once(services, clock) -> None:
    task_id = _task(services, clock)
    receive_click(services, _done(task_id, "1.1"), clock.now())
    receive_click(services, _done(task_id, "1.2"), clock.now())  # a second, separate click
    process_received_clicks(services, clock.now())
    with services.uow() as uow:
        closed = uow.session.scalars(select(Task.id).where(Task.status == "done")).all()
    assert closed == [task_id]
    assert _state(services, task_id)[2] == ["done", "done"]


def test_a_click_outlives_a_worker_killed_before_doing_it(services, clock) -> None:
    task_id = _task(services, clock)
    receive_click(services, _done(task_id), clock.now())
    with services.uow() as uow:  # claimed by a worker that then died
        assert len(uow.inbox.claim_received([CLICK], clock.now(), LEASE, 10)) == 1
        uow.commit()
    assert process_received_clicks(services, clock.now()) == 0  # its lease still holds
    process_received_clicks(services, clock.now() + LEASE + timedelta(seconds=1))
    assert _state(services, task_id) == ("done", ["task_done"], ["done"])


def test_a_click_naming_no_record_is_refused_by_the_worker(services, clock) -> None:
    receive_click(services, Click(WS, REP, "task", None, ("done",), HOOK, "k"),
                  clock.now())
    process_received_clicks(services, clock.now())
    with services.uow() as uow:
        said = uow.session.scalars(select(Notification.payload)).all()
    assert [p["outcome"]["status"] for p in said] == ["not_found"]
