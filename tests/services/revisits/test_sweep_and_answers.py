"""The revisit sweep and recording, on SQLite and PostgreSQL: each try a task once, reminded
like any task; an answer kept as given, then a retry on the next working day or the end."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.domain.revisit_outcomes import Answer
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.delivery.sweeps import tick
from bot.services.pipeline.classification import classify_named
from bot.services.revisits.command import list_revisits, start_service_visit
from bot.services.revisits.recording import record_revisit
from bot.services.revisits.sweep import create_revisit_tasks
from bot.services.tasks.lifecycle import list_tasks
from bot.services.tasks.outgoing import reminder_of
from store.aftersale_models import Revisit, RevisitAnswer
from store.models import Customer, Notification, Task
from tests.services.logs.test_logs import REP, WS
from tests.support.home import home_builds

MONDAY_9 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 23 November, 09:00 in Shanghai
LEAD, STRANGER = "U0LEAD", "U0STRANGER"


def _crowd(services: ServiceContext, n: int = 300) -> None:
    """Customers with similar names and nothing due, beside the one that is won."""
    with services.uow() as uow:
        for i in range(n):
            uow.customers.add(Customer(
                workspace_id=WS, name=f"Acme Corp {i:03d}", name_key=f"acme corp {i:03d}",
                owner_id=REP, created_by=REP, created_at=MONDAY_9 - timedelta(days=400),
                stage="won" if i % 3 == 0 else "negotiating"))
        uow.customers.add(Customer(workspace_id=WS, name="Acme Corp", name_key="acme corp",
                                   owner_id=REP, created_by=REP,
                                   created_at=MONDAY_9 - timedelta(days=30), stage="qualified"))
        uow.commit()


def _won(services: ServiceContext, at: datetime = MONDAY_9) -> None:
    assert classify_named(services, WS, REP, "Acme Corp", "stage", "won", at).status == \
        "classified"


def _rows(services: ServiceContext, model: type) -> list:
    with services.uow() as uow:
        rows = list(uow.session.scalars(select(model).order_by(model.id)))
        uow.session.expunge_all()
        return rows


def _revisit_tasks(services: ServiceContext) -> list[Task]:
    return [t for t in _rows(services, Task) if t.origin == "revisit"]


def _first(services: ServiceContext) -> Revisit:
    return next(r for r in _rows(services, Revisit) if r.step == "1wd")


def test_the_sweep_makes_each_due_revisit_a_task_once(services: ServiceContext) -> None:
    _crowd(services)
    _won(services)
    assert create_revisit_tasks(services, MONDAY_9 - timedelta(minutes=1)) == 0
    assert create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1)) == 1
    assert create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=2)) == 0
    tick(services, MONDAY_9 + timedelta(minutes=3))  # the delivery tick runs it too
    [task] = _revisit_tasks(services)
    first = _first(services)
    assert (task.origin, task.owner_id, task.cadence_key, task.status) == (
        "revisit", REP, f"revisit:{first.id}:1", "open")
    assert task.title == "After-sale revisit (1 working day) for Acme Corp: onboarding contact"
    assert task.due_at == MONDAY_9 + timedelta(days=1)  # Tuesday 09:00, a day task
    assert (first.status, first.tries, first.task_id, first.owner_id, first.task_due_at) == (
        "open", 1, task.id, REP, None)
    kinds = sorted(n.kind for n in _rows(services, Notification) if n.task_id == task.id)
    assert kinds == ["reminder_before", "reminder_due"]  # "due tomorrow" now, then at 09:00


def test_two_sweeps_at_once_make_one_task(services: ServiceContext) -> None:
    _crowd(services, 20)
    _won(services)
    later = MONDAY_9 + timedelta(days=3, minutes=1)  # 1wd and 3d both due
    threads = [threading.Thread(target=create_revisit_tasks, args=(services, later))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(t.cadence_key.split(":")[2] for t in _revisit_tasks(services)) == ["1", "1"]


def test_the_reminder_carries_the_revisit_and_the_script(
        services: ServiceContext, directory: TeamDirectory) -> None:
    scripted = replace(services, directory=replace(directory, revisits=replace(
        directory.revisits, script={"en": ("May I take two minutes?", "When next?")})))
    _crowd(services, 5)
    _won(scripted)
    create_revisit_tasks(scripted, MONDAY_9 + timedelta(minutes=1))
    [task] = _revisit_tasks(services)
    with services.uow() as uow:
        note = uow.session.scalars(select(Notification).where(
            Notification.task_id == task.id)).first()
        composed = reminder_of(("open",))(scripted, uow, note, {}, MONDAY_9)
    assert composed is not None
    shown = composed.payload["task"]
    assert (shown["revisit_id"], shown["revisit_try"], shown["script"]) == (
        _first(services).id, 1, ["May I take two minutes?", "When next?"])
    [listed] = list_tasks(scripted, WS, REP, None, MONDAY_9).tasks
    assert listed.revisit_id == _first(services).id


def test_no_answer_is_tried_the_next_working_day_until_out_of_tries(
        services: ServiceContext) -> None:
    _crowd(services, 5)
    _won(services)
    friday_5pm = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    first = _first(services)
    out = record_revisit(services, WS, REP, first.id, 1, Answer("no_answer"), "click:1",
                         friday_5pm)
    assert out.status == "revisit_recorded"
    first = _first(services)
    assert (first.status, first.outcome) == ("planned", "no_answer")
    assert first.task_due_at == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 09:00
    assert next(t for t in _rows(services, Task) if t.id == first.task_id).status == "done"
    for n, moment in ((2, datetime(2026, 11, 30, 1, 1, tzinfo=UTC)),
                      (3, datetime(2026, 12, 1, 1, 1, tzinfo=UTC))):
        create_revisit_tasks(services, moment)
        assert _first(services).tries == n
        record_revisit(services, WS, REP, first.id, n, Answer("wrong_number"), f"click:{n}",
                       moment)
    first = _first(services)
    assert (first.status, first.tries, first.task_due_at) == ("unreached", 3, None)
    keys = [t.cadence_key for t in _rows(services, Task) if t.cadence_key.startswith(
        f"revisit:{first.id}:")]
    assert keys == [f"revisit:{first.id}:{n}" for n in (1, 2, 3)]


def test_a_score_is_kept_once_and_an_old_reminders_click_changes_nothing(
        services: ServiceContext) -> None:
    _crowd(services, 5)
    _won(services)
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    first = _first(services)
    low = Answer("reached", 2, "delivery", "two weeks late")
    out = record_revisit(services, WS, REP, first.id, 1, low, "form:v1", MONDAY_9)
    assert out.status == "revisit_recorded" and out.revisits[0].complaint_offered
    again = record_revisit(services, WS, REP, first.id, 1, low, "form:v1", MONDAY_9)
    assert again.status == "revisit_repeat"
    stale = record_revisit(services, WS, REP, first.id, 1, Answer("no_answer"), "click:old",
                           MONDAY_9)
    assert stale.status == "revisit_closed"
    first = _first(services)
    assert (first.status, first.score, first.reason, first.reason_text, first.answered_by) == (
        "reached", 2, "delivery", "two weeks late", REP)
    answers = [(a.outcome, a.score, a.actor) for a in _rows(services, RevisitAnswer)]
    assert answers == [("reached", 2, REP), ("no_answer", None, REP)]  # nothing typed is lost


def test_an_answer_rebuilds_the_home_tab_the_revisit_leaves_once(
        services: ServiceContext) -> None:
    _crowd(services, 5)
    _won(services)
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    first = _first(services)
    later = MONDAY_9 + timedelta(hours=2)  # past the debounce of the builds the sale queued
    before = len(home_builds(services))
    out = record_revisit(services, WS, REP, first.id, 1, Answer("reached", 5), "click:1",
                         later)
    assert out.status == "revisit_recorded"
    assert [who for who, _ in home_builds(services)[before:]] == [REP]
    again = record_revisit(services, WS, REP, first.id, 1, Answer("reached", 5), "click:1",
                           later + timedelta(minutes=1))
    assert again.status == "revisit_repeat"
    assert len(home_builds(services)) == before + 1  # a repeated click changes nothing


def test_a_low_score_needs_a_reason_and_strangers_may_not_record(
        services: ServiceContext) -> None:
    _crowd(services, 5)
    _won(services)
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    first = _first(services)
    missing = record_revisit(services, WS, REP, first.id, 1, Answer("reached", 3), "k1",
                             MONDAY_9)
    assert missing.status == "invalid" and "reason" in missing.errors
    refused = record_revisit(services, WS, STRANGER, first.id, 1, Answer("reached", 5), "k2",
                             MONDAY_9)
    assert refused.status == "forbidden"
    by_lead = record_revisit(services, WS, LEAD, first.id, 1, Answer("reached", 5), "k3",
                             MONDAY_9)
    assert by_lead.status == "revisit_recorded" and not by_lead.revisits[0].complaint_offered
    assert _rows(services, RevisitAnswer)[0].actor == LEAD


def test_a_service_visit_starts_a_three_day_call_and_lists_it(
        services: ServiceContext) -> None:
    _crowd(services, 5)
    out = start_service_visit(services, WS, REP, "acme corp", MONDAY_9)
    assert out.status == "revisit_started"
    [call] = out.revisits
    assert (call.kind, call.step, call.due_day) == ("service", "3d", date(2026, 11, 26))
    again = start_service_visit(services, WS, REP, "Acme Corp", MONDAY_9 + timedelta(days=1))
    assert again.status == "revisit_covered"
    assert start_service_visit(services, WS, STRANGER, "Acme Corp", MONDAY_9).status == \
        "forbidden"
    assert start_service_visit(services, WS, REP, "Acme Crop", MONDAY_9).status == "not_found"
    listed = list_revisits(services, WS, REP, MONDAY_9)
    assert [(r.customer, r.step) for r in listed.revisits] == [("Acme Corp", "3d")]
    assert list_revisits(services, WS, "U0REP2", MONDAY_9).revisits == ()
