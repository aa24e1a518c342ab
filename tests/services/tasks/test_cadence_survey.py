"""Tier B's quarterly satisfaction survey on SQLite and PostgreSQL: one task per quarter,
whoever sweeps and however often; the next quarter counts from the survey done."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain.cadence import CadenceTable, TierRule
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.tasks.cadence import create_cadence_tasks, refresh_if_table_changed
from bot.services.tasks.lifecycle import complete_task
from store.models import Customer, Task

WS, REP = "T0EAST", "U0REP"
MONDAY_9AM = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
CREATED = MONDAY_9AM - timedelta(days=300)  # Tuesday 27 January


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    """Only the survey row (its default, tier B every 90 days)."""
    return replace(directory, cadence=replace(
        CadenceTable.switched_off(), tiers={"none": TierRule(None)},
        satisfaction_survey=CadenceTable().satisfaction_survey))


def _customer(services: ServiceContext, name: str, tier: str) -> int:
    with services.uow() as uow:
        uow.act_as(REP, CREATED)
        c = uow.customers.add(Customer(
            workspace_id=WS, name=name, name_key=name.casefold(), owner_id=REP, created_by=REP,
            created_at=CREATED, value_tier=tier))
        uow.commit()
        return c.id


def _tasks(services: ServiceContext) -> list[Task]:
    with services.uow() as uow:
        rows = list(uow.session.scalars(select(Task).order_by(Task.id)))
        uow.session.expunge_all()
        return rows


def _sweep(services: ServiceContext, now: datetime) -> int:
    refresh_if_table_changed(services, now)
    return create_cadence_tasks(services, now)


def test_a_tier_b_customer_gets_one_survey_task_per_quarter(services: ServiceContext) -> None:
    acme = _customer(services, "Acme", "B")
    _customer(services, "Hot", "A")
    _customer(services, "Cold", "C")
    assert _sweep(services, MONDAY_9AM) == 1
    # A second copy of the bot, a restart, the next days: still the one task.
    assert _sweep(services, MONDAY_9AM) == 0
    assert _sweep(services, MONDAY_9AM + timedelta(days=3)) == 0
    [task] = _tasks(services)
    assert task.title == "Quarterly satisfaction survey for tier B customer Acme"
    # 27 Jan + 270 days is Saturday 24 Oct: the latest quarter, due today (it was missed).
    assert (task.customer_id, task.origin, task.cadence_key) == (
        acme, "cadence", f"survey:{acme}:2026-10-24")
    assert task.due_at == MONDAY_9AM


def test_the_next_survey_comes_a_quarter_after_the_one_done(services: ServiceContext) -> None:
    acme = _customer(services, "Acme", "B")
    assert _sweep(services, MONDAY_9AM) == 1
    done = MONDAY_9AM + timedelta(days=2)  # Wednesday 25 November
    assert complete_task(services, WS, REP, _tasks(services)[0].id, done).status == "task_done"
    assert _sweep(services, done + timedelta(days=89)) == 0
    assert _sweep(services, done + timedelta(days=90)) == 1
    assert _sweep(services, done + timedelta(days=91)) == 0
    assert _tasks(services)[-1].cadence_key == f"survey:{acme}:2027-02-23"


def test_an_open_survey_is_not_doubled_while_it_waits(services: ServiceContext) -> None:
    _customer(services, "Acme", "B")
    assert _sweep(services, MONDAY_9AM) == 1
    # Left undone for two quarters: the open task covers the survey, no second one.
    assert _sweep(services, MONDAY_9AM + timedelta(days=95)) == 0
    assert _sweep(services, MONDAY_9AM + timedelta(days=190)) == 0
    assert len(_tasks(services)) == 1
