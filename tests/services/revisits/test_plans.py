"""A move to won starts the after-purchase revisits once per purchase, on SQLite and
PostgreSQL: by command, by the card's menu and by a log, never twice for a won flip."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import change_classification, classify_named
from store.aftersale_models import Revisit, RevisitPlan
from tests.services.customers.test_customers import _acme
from tests.services.logs.test_logs import REP, WS
from tests.support.fakes import FakeClock

MONDAY_9 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 23 November, 09:00 in Shanghai


def _plans(services: ServiceContext) -> list[tuple[RevisitPlan, list[Revisit]]]:
    with services.uow() as uow:
        plans = list(uow.session.scalars(select(RevisitPlan).order_by(RevisitPlan.id)))
        out = [(p, list(uow.revisits.of_plan(p.id))) for p in plans]
        uow.session.expunge_all()
        return out


def _acme_id(services: ServiceContext, clock: FakeClock) -> int:
    _acme(services, clock)
    with services.uow() as uow:
        return uow.customers.by_key(WS, "acme corp").id


def test_won_by_command_starts_the_plan_on_the_teams_working_days(
        services: ServiceContext, clock: FakeClock) -> None:
    acme = _acme_id(services, clock)
    out = classify_named(services, WS, REP, "Acme Corp", "stage", "won", MONDAY_9)
    assert out.status == "classified"
    [(plan, revisits)] = _plans(services)
    assert (plan.kind, plan.customer_id, plan.source, plan.created_by) == (
        "after_purchase", acme, "stage", REP)
    assert plan.event_key == f"after_purchase:{acme}:2026-11-23"
    assert [(r.step, r.due_day, r.status, r.tries) for r in revisits] == [
        ("1wd", date(2026, 11, 24), "planned", 0), ("3d", date(2026, 11, 26), "planned", 0),
        ("3w", date(2026, 12, 14), "planned", 0), ("3m", date(2027, 2, 23), "planned", 0)]
    # Made a day ahead of 09:00 on its day, so the "due tomorrow" reminder goes out.
    assert revisits[0].task_due_at.replace(tzinfo=UTC) == MONDAY_9
    assert revisits[1].task_due_at.replace(tzinfo=UTC) == MONDAY_9 + timedelta(days=2)


def test_a_won_flip_within_the_plan_starts_no_second_plan_a_later_purchase_does(
        services: ServiceContext, clock: FakeClock) -> None:
    acme = _acme_id(services, clock)
    for days, stage in ((0, "won"), (1, "negotiating"), (2, "won"), (40, "after_sales"),
                        (41, "won")):
        change_classification(services, WS, REP, acme, "stage", stage,
                              MONDAY_9 + timedelta(days=days), "button")
    assert len(_plans(services)) == 1
    change_classification(services, WS, REP, acme, "stage", "negotiating",
                          MONDAY_9 + timedelta(days=120), "button")
    change_classification(services, WS, REP, acme, "stage", "won",
                          MONDAY_9 + timedelta(days=121), "button")
    assert [p.event_key for p, _ in _plans(services)] == [
        f"after_purchase:{acme}:2026-11-23", f"after_purchase:{acme}:2027-03-24"]


def test_a_log_that_says_won_starts_the_plan_from_that_log(
        services: ServiceContext, clock: FakeClock) -> None:
    acme = _acme_id(services, clock)
    out = log_contact(services, LogRequest(WS, REP, "Acme Corp signed the contract today!",
                                           "slash", "won-log"), MONDAY_9)
    assert out.follow_up is not None and ("stage", None, "won") in out.follow_up.moved
    [(plan, revisits)] = _plans(services)
    assert (plan.customer_id, plan.source, plan.follow_up_id) == (acme, "log",
                                                                  out.follow_up.id)
    assert len(revisits) == 4


def test_a_refused_move_starts_nothing_and_no_schedule_means_no_plan(
        services: ServiceContext, clock: FakeClock, directory: TeamDirectory) -> None:
    acme = _acme_id(services, clock)
    refused = change_classification(services, WS, "U0STRANGER", acme, "stage", "won",
                                    MONDAY_9, "button")
    assert refused.status == "forbidden" and _plans(services) == []
    off = replace(services, directory=replace(
        directory, revisits=replace(directory.revisits, after_purchase=())))
    assert change_classification(off, WS, REP, acme, "stage", "won", MONDAY_9,
                                 "button").status == "classified"
    assert _plans(services) == []
