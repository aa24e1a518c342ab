"""Logs that speak of revisits, on SQLite and PostgreSQL: a service visit done starts the
"problem solved?" call; a revisit call reported in words answers the revisit that is out, or
one planned within a week when the customer was reached; the log's reply says which."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.services.context import ServiceContext
from bot.services.logs.fixing import undo_log
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.revisits.sweep import create_revisit_tasks
from store.aftersale_models import Revisit, RevisitAnswer, RevisitPlan
from store.models import Task
from tests.services.logs.test_logs import REP, WS
from tests.services.revisits.test_sweep_and_answers import MONDAY_9, _crowd, _won


def _log(services: ServiceContext, text: str, key: str, at: datetime = MONDAY_9) -> int:
    out = log_contact(services, LogRequest(WS, REP, text, "slash", key), at)
    assert out.status == "recorded" and out.follow_up is not None, out
    return out.follow_up.id


def _rows(services: ServiceContext, model: type) -> list:
    with services.uow() as uow:
        rows = list(uow.session.scalars(select(model).order_by(model.id)))
        uow.session.expunge_all()
        return rows


def test_a_log_of_a_repair_done_starts_the_service_call_once(services: ServiceContext) -> None:
    _crowd(services, 50)
    log_id = _log(services, "Acme Corp: repaired the printer on site, Li happy", "k1")
    _log(services, "Acme Corp: need to repair the scanner next week", "k2")
    [plan] = _rows(services, RevisitPlan)
    assert (plan.kind, plan.source, plan.follow_up_id) == ("service", "log", log_id)
    [call] = _rows(services, Revisit)
    assert (call.step, call.due_day) == ("3d", date(2026, 11, 26))
    _log(services, "Acme Corp: 上门维修了扫描仪", "k3", MONDAY_9 + timedelta(days=1))
    assert len(_rows(services, RevisitPlan)) == 1  # covered by Monday's call


def test_a_revisit_told_in_words_answers_the_revisit_that_is_out(
        services: ServiceContext) -> None:
    _crowd(services, 50)
    _won(services)
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    log_id = _log(services, "Acme Corp: called Li back, unhappy with delivery, 2/5", "k1",
                  MONDAY_9 + timedelta(hours=3))
    first = next(r for r in _rows(services, Revisit) if r.step == "1wd")
    assert (first.status, first.outcome, first.score, first.reason) == (
        "reached", "reached", 2, "delivery")
    [kept] = _rows(services, RevisitAnswer)
    assert (kept.follow_up_id, kept.source_key, kept.actor) == (log_id, f"log:{log_id}", REP)
    assert kept.text == "Acme Corp: called Li back, unhappy with delivery, 2/5"


def test_a_revisit_not_reached_in_words_is_tried_again(services: ServiceContext) -> None:
    _crowd(services, 50)
    _won(services)
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    _log(services, "Acme Corp: revisit call, no answer", "k1", MONDAY_9 + timedelta(hours=2))
    first = next(r for r in _rows(services, Revisit) if r.step == "1wd")
    assert (first.status, first.outcome, first.tries) == ("planned", "no_answer", 1)
    assert first.task_due_at == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # Tuesday 09:00


def test_an_ordinary_log_touches_no_revisit(services: ServiceContext) -> None:
    _crowd(services, 50)
    _won(services)
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    _log(services, "Acme Corp: sent the invoice, call Li on Friday", "k1")
    assert _rows(services, RevisitAnswer) == []
    assert len(_rows(services, RevisitPlan)) == 1


def test_undo_of_a_log_that_said_won_takes_its_plan_back(services: ServiceContext) -> None:
    _crowd(services, 50)
    log_id = _log(services, "Acme Corp signed the contract today!", "k1")
    assert len(_rows(services, RevisitPlan)) == 1
    assert undo_log(services, WS, REP, log_id, MONDAY_9 + timedelta(minutes=5)).status == \
        "undone"
    assert _rows(services, RevisitPlan) == [] and _rows(services, Revisit) == []
    _log(services, "Acme Corp signed the contract at last!", "k2", MONDAY_9 + timedelta(days=2))
    [plan] = _rows(services, RevisitPlan)  # the real purchase starts its own plan
    assert plan.event_key.endswith("2026-11-25")


def test_undo_after_a_call_was_made_cancels_what_is_still_to_come(
        services: ServiceContext) -> None:
    _crowd(services, 50)
    log_id = _log(services, "Acme Corp signed the contract today!", "k1")
    create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1))
    undo_log(services, WS, REP, log_id, MONDAY_9 + timedelta(hours=1))
    assert {r.status for r in _rows(services, Revisit)} == {"cancelled"}
    with services.uow() as uow:
        statuses = {t.status for t in uow.session.scalars(select(Task).where(
            Task.origin == "revisit"))}
    assert statuses == {"cancelled"}


def _log_reply(services: ServiceContext, text: str, key: str, at: datetime) -> tuple:
    out = log_contact(services, LogRequest(WS, REP, text, "slash", key), at)
    assert out.follow_up is not None
    return out.follow_up.revisit_notes


def test_a_call_told_early_answers_the_revisit_planned_within_a_week(
        services: ServiceContext) -> None:
    _crowd(services, 50)
    _won(services)  # Monday: the 1wd call is planned for Tuesday, its task not made yet
    notes = _log_reply(services, "回访了Acme Corp,很满意,5分", "k1",
                       MONDAY_9 + timedelta(hours=2))
    assert notes == (("answered", "1wd", "reached:5"),)  # said in the log's reply
    first, second = [r for r in _rows(services, Revisit) if r.step in ("1wd", "3d")]
    assert (first.status, first.score, first.tries, first.task_due_at) == (
        "reached", 5, 0, None)
    assert second.status == "planned"  # the next call still comes
    assert create_revisit_tasks(services, MONDAY_9 + timedelta(days=3)) == 1  # only the 3d
    assert [t.title for t in _rows(services, Task) if t.origin == "revisit"] == [
        "After-sale revisit (3 days) for Acme Corp: satisfaction call"]


def test_an_early_chat_does_not_settle_a_far_revisit_nor_a_missed_call(
        services: ServiceContext) -> None:
    _crowd(services, 50)
    _won(services)
    notes = _log_reply(services, "Acme Corp: revisit call, no answer", "k1",
                       MONDAY_9 + timedelta(hours=2))
    assert notes == ()  # the planned call is still to be made
    for revisit in _rows(services, Revisit):
        assert revisit.status == "planned"
    # Three weeks on, the 3w call is done (reached early on Monday 7 December); the 3-month
    # check-in is far off and stays planned.
    with services.uow() as uow:
        for revisit in uow.session.scalars(select(Revisit).where(
                Revisit.step.in_(("1wd", "3d")))):
            revisit.status = "reached"
        uow.commit()
    monday = MONDAY_9 + timedelta(days=14)
    assert _log_reply(services, "Acme Corp: called Li back, very satisfied, rated 4", "k2",
                      monday) == (("answered", "3w", "reached:4"),)
    assert _log_reply(services, "Acme Corp: satisfaction call again, happy, 5/5", "k3",
                      monday + timedelta(hours=1)) == ()
    assert next(r for r in _rows(services, Revisit) if r.step == "3m").status == "planned"


def test_the_reply_says_a_service_call_was_started(services: ServiceContext) -> None:
    _crowd(services, 50)
    notes = _log_reply(services, "Acme Corp: repaired the printer on site", "k1", MONDAY_9)
    assert notes == (("service", "3d", "2026-11-26"),)
