"""The periodic cadence rows on SQLite and PostgreSQL: tier A's monthly senior contact, tier
B's quarterly needs review, tier C's six-monthly file refresh; each task once per period."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain.cadence import CadenceTable, TierRule
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.tasks.cadence import create_cadence_tasks, refresh_if_table_changed
from bot.services.tasks.lifecycle import complete_task
from store.models import Customer, FollowUp, Task

WS, REP = "T0EAST", "U0REP"
MONDAY_9AM = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
CREATED = MONDAY_9AM - timedelta(days=300)  # Tuesday 27 January, 09:00 in Shanghai


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    """Only the periodic rows (their defaults): the contact rows are off."""
    return replace(directory, cadence=replace(
        CadenceTable.switched_off(), tiers={"none": TierRule(None)},
        senior_contact={"A": 30}, needs_review={"B": 90}, file_refresh={"C": 180}))


def _customer(services: ServiceContext, name: str, tier: str,
              logs: tuple[tuple[int, str], ...] = ()) -> int:
    """A customer made 300 days ago, with logs (days ago, text)."""
    with services.uow() as uow:
        uow.act_as(REP, CREATED)
        c = uow.customers.add(Customer(
            workspace_id=WS, name=name, name_key=name.casefold(), owner_id=REP, created_by=REP,
            created_at=CREATED, value_tier=tier, industry="machinery"))
        for days, text in logs:
            at = MONDAY_9AM - timedelta(days=days)
            uow.session.add(FollowUp(
                workspace_id=WS, author_id=REP, source="test", source_key=f"{name}{days}",
                raw_text=text, status="recorded", customer_id=c.id, summary=text,
                created_at=at, updated_at=at))
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


def test_a_tier_b_customer_gets_its_quarterly_review_once(services: ServiceContext) -> None:
    acme = _customer(services, "Acme", "B")
    assert _sweep(services, MONDAY_9AM) == 1
    assert _sweep(services, MONDAY_9AM + timedelta(minutes=1)) == 0
    assert _sweep(services, MONDAY_9AM + timedelta(days=1)) == 0
    [task] = _tasks(services)
    assert task.title == "Quarterly needs review for tier B customer Acme"
    # 27 Jan + 270 days is Saturday 24 Oct: the latest quarter, due today (it was missed).
    assert (task.customer_id, task.origin, task.cadence_key) == (
        acme, "cadence", f"review:{acme}:2026-10-24")
    assert task.due_at == MONDAY_9AM


def test_the_next_review_counts_from_the_one_done(services: ServiceContext) -> None:
    acme = _customer(services, "Acme", "B")
    assert _sweep(services, MONDAY_9AM) == 1
    done = MONDAY_9AM + timedelta(days=2)  # Wednesday 25 November
    assert complete_task(services, WS, REP, _tasks(services)[0].id, done).status == "task_done"
    assert _sweep(services, done + timedelta(days=89)) == 0
    assert _sweep(services, done + timedelta(days=90)) == 1
    assert _tasks(services)[-1].cadence_key == f"review:{acme}:2027-02-23"


def test_only_an_open_review_task_covers_the_review(services: ServiceContext) -> None:
    acme = _customer(services, "Acme", "B")
    globex = _customer(services, "Globex", "B")
    with services.uow() as uow:
        for customer, key in ((acme, None), (globex, f"review:{globex}:2026-07-26")):
            uow.session.add(Task(workspace_id=WS, owner_id=REP, customer_id=customer,
                                 title="earlier", origin="log", status="open",
                                 tz="Asia/Shanghai", cadence_key=key, created_at=CREATED,
                                 updated_at=CREATED))
        uow.commit()
    assert _sweep(services, MONDAY_9AM) == 1  # Acme's quote does not cover its review
    assert [(t.customer_id, t.title) for t in _tasks(services)][-1] == (
        acme, "Quarterly needs review for tier B customer Acme")


def test_a_row_switched_off_makes_no_task(services: ServiceContext) -> None:
    _customer(services, "Acme", "B")
    _customer(services, "Hot", "A")
    _customer(services, "Cold", "C")
    table = replace(services.directory.cadence, needs_review={}, senior_contact={},
                    file_refresh={})
    off = replace(services, directory=replace(services.directory, cadence=table))
    assert _sweep(off, MONDAY_9AM) == 0
    assert _tasks(services) == []


def test_a_file_left_six_months_gets_a_refresh_task(services: ServiceContext) -> None:
    cold = _customer(services, "Cold", "C")
    fresh = _customer(services, "Fresh", "C")
    with services.uow() as uow:
        uow.act_as(REP, MONDAY_9AM - timedelta(days=10))
        for customer_id, name in ((cold, "Cold"), (fresh, "Fresh")):
            customer = uow.customers.get(WS, customer_id)
            assert customer is not None
            if name == "Cold":
                customer.stage = "won"  # a move is not an update of the file
            else:
                customer.needs = "a second line of presses"
        uow.commit()
    assert _sweep(services, MONDAY_9AM) == 1
    assert _sweep(services, MONDAY_9AM + timedelta(days=1)) == 0
    [task] = _tasks(services)
    assert (task.customer_id, task.title) == (cold,
                                              "Refresh the file of Cold (last updated 27 Jan 2026)")
    # Fresh's file was updated 10 days ago: its refresh is due 180 days after that.
    assert _sweep(services, MONDAY_9AM + timedelta(days=169)) == 0
    assert _sweep(services, MONDAY_9AM + timedelta(days=170)) == 1
    assert _tasks(services)[-1].customer_id == fresh


def test_tier_a_without_a_senior_contact_for_30_days_gets_a_task(
        services: ServiceContext) -> None:
    hot = _customer(services, "Hot", "A", ((5, "Called Li, the buyer"),))
    _customer(services, "Boss", "A", ((29, "Met the CEO, all fine"), (2, "emailed Li")))
    _customer(services, "华为", "A", ((10, "拜访了王总，很满意"),))
    huaxing = _customer(services, "华星", "A", ((3, "每周总结已发给采购经理"),))
    assert _sweep(services, MONDAY_9AM) == 2
    assert _sweep(services, MONDAY_9AM + timedelta(hours=1)) == 0
    assert [(t.customer_id, t.title, t.cadence_key) for t in _tasks(services)] == [
        (hot, "Monthly contact with a senior person at tier A customer Hot — none logged in "
              "the last 30 days", f"senior:{hot}:2026-11-23"),
        (huaxing, "每月联系 A 类客户 华星 的高层 — 近 30 天无高层联系记录",
         f"senior:{huaxing}:2026-11-23")]


def test_the_next_senior_task_comes_a_month_on_unless_one_is_logged(
        services: ServiceContext) -> None:
    hot = _customer(services, "Hot", "A", ((5, "Called Li, the buyer"),))
    warm = _customer(services, "Warm", "A", ((5, "Called Li, the buyer"),))
    assert _sweep(services, MONDAY_9AM) == 2
    for task in _tasks(services):
        complete_task(services, WS, REP, task.id, MONDAY_9AM + timedelta(hours=1))
    outcome = log_contact(services, LogRequest(
        workspace_id=WS, user_id=REP, text="Warm: lunch with the general manager",
        source="test", source_key="k1"), MONDAY_9AM + timedelta(days=3))
    assert outcome.follow_up is not None and outcome.follow_up.status == "recorded"
    assert _sweep(services, MONDAY_9AM + timedelta(days=29)) == 0
    assert _sweep(services, MONDAY_9AM + timedelta(days=30)) == 1  # Wednesday 23 December
    assert _tasks(services)[-1].cadence_key == f"senior:{hot}:2026-12-23"
    # Warm's senior contact was Thursday 26 November: 30 days on is a Saturday, due Monday.
    assert _sweep(services, MONDAY_9AM + timedelta(days=33)) == 0
    assert _sweep(services, MONDAY_9AM + timedelta(days=35)) == 1
    assert _tasks(services)[-1].cadence_key == f"senior:{warm}:2026-12-26"


def test_the_senior_task_stands_for_the_weekly_contact(services: ServiceContext) -> None:
    defaults = replace(services, directory=replace(services.directory, cadence=CadenceTable()))
    hot = _customer(services, "Hot", "A", ((8, "Called Li, the buyer"),))
    assert _sweep(defaults, MONDAY_9AM) == 1
    [task] = _tasks(services)
    assert task.cadence_key == f"senior:{hot}:2026-11-23"
