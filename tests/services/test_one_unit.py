"""A click's state change and its answer are one unit of work (both databases): when the
answer cannot be queued the change is rolled back with it, and the other way round."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from bot.services.complaints import clicks
from bot.services.complaints import views as complaint
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import RESPOND
from bot.services.interactions import Reply, act_on_task
from bot.services.tasks import lifecycle
from bot.teamconfig import parse_directory
from store.models import Customer, Notification, Task
from store.repositories.notifications import Notifications
from tests.services.complaints.test_complaints import BOB, KIM, MONDAY_9, WS, YAML, _get, _raise

REPLY = Reply(response_url="https://hooks.slack.test/actions/T0/1/x")


class QueueDown(Exception):
    """The outbox refused the answer (a full disk, a lost connection, a bug)."""


def _fail_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on queueing a click's answer raises; every other message is queued as usual."""
    add = Notifications.add

    def failing(self: Notifications, note: Notification) -> Notification | None:
        if note.kind in (RESPOND, complaint.RESPOND):
            raise QueueDown(note.kind)
        return add(self, note)

    monkeypatch.setattr(Notifications, "add", failing)


@pytest.fixture
def answers_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_answers(monkeypatch)


@pytest.fixture
def directory() -> TeamDirectory:
    return parse_directory(YAML)  # the complaint tests' team: Kim, on duty Bob


@pytest.fixture(autouse=True)
def acme(services: ServiceContext) -> None:
    """The complaint tests' customer, Kim's."""
    with services.uow() as uow:
        uow.customers.add(Customer(workspace_id=WS, name="Acme Corp", name_key="acme corp",
                                   owner_id=KIM, created_by=KIM, created_at=MONDAY_9))
        uow.commit()


@pytest.fixture
def task_id(services: ServiceContext) -> int:
    """Kim's open task, due in three days, with its reminders queued."""
    due = MONDAY_9 + timedelta(days=3)
    with services.uow() as uow:
        task = Task(workspace_id=WS, owner_id=KIM, title="Send Acme the quote", origin="hand",
                    status="open", due_at=due, due_precision="time", tz="Asia/Shanghai",
                    overdue_at=due + timedelta(days=1), created_at=MONDAY_9,
                    updated_at=MONDAY_9)
        uow.session.add(task)
        uow.session.flush()
        lifecycle.schedule(services, uow, task, MONDAY_9, new=True)
        uow.commit()
        return task.id


def _rows(services: ServiceContext, **where: Any) -> list[tuple[int, str, str]]:
    """(id, kind, status) of the queued notifications."""
    with services.uow() as uow:
        query = select(Notification).filter_by(**where).order_by(Notification.id)
        return [(n.id, n.kind, n.status) for n in uow.session.scalars(query)]


def _status(services: ServiceContext, task_id: int) -> str:
    with services.uow() as uow:
        task = uow.session.get(Task, task_id)
        assert task is not None
        return task.status


def test_done_and_its_answer_are_committed_together(services: ServiceContext,
                                                    task_id: int) -> None:
    act_on_task(services, WS, KIM, task_id, "done", REPLY,
                MONDAY_9)
    assert _status(services, task_id) == "done"
    assert len(_rows(services, kind=RESPOND)) == 1


def test_done_is_rolled_back_when_its_answer_cannot_be_queued(
        services: ServiceContext, task_id: int,
        answers_fail: None) -> None:
    reminders = _rows(services, task_id=task_id)
    with pytest.raises(QueueDown):
        act_on_task(services, WS, KIM, task_id, "done", REPLY,
                    MONDAY_9)
    assert _status(services, task_id) == "open"
    # Its reminders were not cancelled either: the task is exactly as it was.
    assert _rows(services, task_id=task_id) == reminders != []
    assert _rows(services, kind=RESPOND) == []


def test_a_change_is_rolled_back_when_the_call_fails_before_its_answer(
        services: ServiceContext, task_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    done = lifecycle.complete_task

    def done_then_crash(*args: Any) -> Any:
        done(*args)  # the change commits its own unit of work...
        raise QueueDown("the process died")  # ...and the call fails before it answers

    monkeypatch.setattr(lifecycle, "complete_task", done_then_crash)
    with pytest.raises(QueueDown):
        act_on_task(services, WS, KIM, task_id, "done", REPLY,
                    MONDAY_9)
    assert _status(services, task_id) == "open"
    assert _rows(services, kind=RESPOND) == []


def test_acknowledging_a_complaint_is_rolled_back_when_its_answer_cannot_be_queued(
        services: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    c = _raise(services)  # raising queues the raiser's answer too: it must go through
    _fail_answers(monkeypatch)
    queued = len(_rows(services))
    with pytest.raises(QueueDown):
        clicks.click(services, WS, BOB, c.id, "acknowledge", REPLY,
                     MONDAY_9 + timedelta(minutes=5))
    after = _get(services, c.id)
    assert (after.status, after.acknowledged_at) == ("open", None)
    assert len(_rows(services)) == queued  # nor was the thread told it was acknowledged
