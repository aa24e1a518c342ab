"""Logs that speak of revisits, on SQLite and PostgreSQL: a service visit done starts the
"problem solved?" call; a revisit call reported in words answers the revisit that is out."""

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
