"""The care sweep on SQLite and PostgreSQL: each reminder of a key date is one task, however
often and by however many copies the sweep runs; 29 February in a year without one; the next
year's occurrence is a task of its own; the sweep reads only the dates whose look has come."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from bot.services.care.dates import record_care_date
from bot.services.care.sweep import create_care_tasks
from bot.services.context import ServiceContext
from store.aftersale_models import CustomerCareDate
from store.models import Customer, Task

WS, REP = "T0EAST", "U0REP"
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai


def _customer(services: ServiceContext, name: str = "Acme") -> int:
    with services.uow() as uow:
        uow.act_as(REP, NOW)
        c = uow.customers.add(Customer(workspace_id=WS, name=name, name_key=name.casefold(),
                                       owner_id=REP, created_by=REP, created_at=NOW))
        uow.commit()
        return c.id


def _date(services: ServiceContext, customer_id: int, kind: str, month: int, day: int,
          year: int | None = None, label: str = "") -> int:
    with services.uow() as uow:
        customer = uow.customers.get(WS, customer_id)
        assert customer is not None
        record_care_date(services, uow, customer, kind, month, day, year, label,
                         source="form", actor=REP, now=NOW)
        uow.commit()
        found = uow.care_dates.find(customer_id, kind, label)
        assert found is not None
        return found.id


def _tasks(services: ServiceContext) -> list[tuple[str, str | None]]:
    with services.uow() as uow:
        return [(t.title, t.cadence_key) for t in uow.session.scalars(
            select(Task).where(Task.origin == "care").order_by(Task.id))]


def _local_midnight(day: int, month: int, year: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC) - timedelta(hours=8) + timedelta(minutes=1)


def test_a_reminder_is_made_once_whoever_sweeps_and_however_often(
        services: ServiceContext) -> None:
    acme = _customer(services)
    date_id = _date(services, acme, "birthday", 12, 10, label="Mr Li")
    assert create_care_tasks(services, NOW) == 0  # nothing due before 7 December
    moment = _local_midnight(7, 12, 2026)
    assert create_care_tasks(services, moment) == 1
    assert create_care_tasks(services, moment) == 0
    # A second copy that read the date before the first one moved its look on: the key
    # refuses the second task.
    with services.uow() as uow:
        uow.session.execute(update(CustomerCareDate).values(check_at=moment))
        uow.commit()
    assert create_care_tasks(services, moment + timedelta(minutes=1)) == 0
    assert _tasks(services) == [("Birthday of Mr Li (Acme) on 10 Dec — in 3 days",
                                 f"care:{date_id}:2026-12-10:3")]
    # Next year's birthday is a task of its own.
    assert create_care_tasks(services, _local_midnight(6, 12, 2027)) == 0
    assert create_care_tasks(services, _local_midnight(7, 12, 2027)) == 1
    assert _tasks(services)[-1][1] == f"care:{date_id}:2027-12-10:3"


def test_29_february_is_reminded_for_28_february_in_2027(services: ServiceContext) -> None:
    acme = _customer(services)
    _date(services, acme, "birthday", 2, 29, 1992)
    # 28 February 2027 is a Sunday: less 3 days is Thursday 25 February.
    assert create_care_tasks(services, _local_midnight(24, 2, 2027)) == 0
    assert create_care_tasks(services, _local_midnight(25, 2, 2027)) == 1
    assert _tasks(services)[0][0] == \
        "Birthday of the contact at Acme on 28 Feb — in 3 days"


def test_the_sweep_reads_only_the_dates_whose_look_has_come(services: ServiceContext) -> None:
    for i in range(30):
        _date(services, _customer(services, f"Quiet {i}"), "birthday", 6, 1)
    busy = _customer(services, "Busy")
    _date(services, busy, "renewal", 12, 26, 2026)
    with services.uow() as uow:
        assert len(uow.care_dates.due(_local_midnight(23, 12, 2026))) == 1
        assert len(uow.care_dates.due(NOW)) == 0
    # The renewal's 30-days-ahead reminder fell on 26 November, after today: one look then.
    assert create_care_tasks(services, _local_midnight(26, 11, 2026)) == 1
    assert create_care_tasks(services, _local_midnight(23, 12, 2026)) == 1
    assert [(k or "").rsplit(":", 2)[1:] for _, k in _tasks(services)] == [
        ["2026-12-26", "30"], ["2026-12-26", "3"]]


def test_a_date_of_a_kind_the_team_does_not_use_makes_nothing(
        services: ServiceContext) -> None:
    from dataclasses import replace

    acme = _customer(services)
    off = replace(services, directory=replace(
        services.directory, care=replace(services.directory.care, kinds=("renewal",))))
    with off.uow() as uow:
        customer = uow.customers.get(WS, acme)
        assert customer is not None
        record_care_date(off, uow, customer, "birthday", 12, 10, None, "", source="form",
                         actor=REP, now=NOW)
        uow.commit()
        [row] = uow.session.scalars(select(CustomerCareDate)).all()
        assert row.check_at is None  # never looked at
    assert create_care_tasks(off, _local_midnight(7, 12, 2026)) == 0
