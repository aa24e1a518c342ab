"""What the care sweep costs the database when reminders are due: a batch's customers, their
owners and the task keys already used are read once, not once per date, so 50 birthdays
due cost the statements 5 do (tests/services/revisits/test_sweep_cost.py for the INSERTs)."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.care.dates import record_care_date
from bot.services.care.sweep import create_care_tasks
from bot.services.context import ServiceContext
from store.aftersale_models import CustomerCareDate
from store.models import Customer, Task
from tests.services.care.test_care_sweep import NOW, WS, _local_midnight
from tests.services.revisits.test_sweep_cost import REP, REP2, not_inserts, shapes
from tests.support.statements import statements

# Besides the INSERTs: the batch's dates, customers, owners' rows and languages, the owners'
# profile look-ups queued today (then the new ones in a savepoint), the task keys used, the
# dates' next looks (flushed by the tasks' savepoint), the tasks in a savepoint.
SWEEP_STATEMENTS = 12


def birthdays(services: ServiceContext, prefix: str, n: int, day: int) -> None:
    """n customers of two owners, each with a birthday on `day` December."""
    with services.uow() as uow:
        uow.act_as(REP, NOW)
        for i in range(n):
            name = f"{prefix} {i:02d}"
            customer = uow.customers.add(Customer(
                workspace_id=WS, name=name, name_key=name.lower(),
                owner_id=REP if i % 2 else REP2, created_by=REP, created_at=NOW))
            uow.session.flush()
            record_care_date(services, uow, customer, "birthday", 12, day, None, "Mr Li",
                             source="form", actor=REP, now=NOW)
        uow.commit()


def test_fifty_birthdays_due_cost_what_five_do(services: ServiceContext, db_url: str) -> None:
    birthdays(services, "Five", 5, 10)
    birthdays(services, "Fifty", 50, 11)
    with statements(services) as five:
        assert create_care_tasks(services, _local_midnight(7, 12, 2026)) == 5
    with statements(services) as fifty:
        assert create_care_tasks(services, _local_midnight(8, 12, 2026)) == 50
    assert len(not_inserts(fifty)) == len(not_inserts(five)) <= SWEEP_STATEMENTS, \
        shapes(fifty)
    if db_url.startswith("postgresql"):  # one INSERT per table
        assert len(fifty) == len(five), shapes(fifty)
    with services.uow() as uow:
        tasks = uow.session.scalars(select(Task).where(Task.origin == "care")).all()
        dates = uow.session.scalars(select(CustomerCareDate)).all()
        owners = {c.id: c.owner_id for c in uow.session.scalars(select(Customer))}
        assert len(tasks) == 55 and {t.cadence_key for t in tasks} == {
            f"care:{d.id}:2026-12-{d.day}:3" for d in dates}
        assert all(t.owner_id == owners[t.customer_id] for t in tasks)
        # Each date's next look is next year's reminder.
        assert all(d.check_at is not None and d.check_at.year == 2027 for d in dates)
