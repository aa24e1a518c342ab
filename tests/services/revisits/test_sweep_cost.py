"""What the revisit sweep costs the database when revisits are due: a batch's customers,
plans, owners and the task keys already used are read once, not once per revisit, so 50
revisits due cost the statements 5 do (on SQLite, whose driver cannot return the ids of a
multi-row INSERT in order, each new row is an INSERT of its own; on PostgreSQL one
statement per table)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.services.context import ServiceContext
from bot.services.pipeline.classification import classify_named
from bot.services.revisits.sweep import create_revisit_tasks
from store.aftersale_models import Revisit
from store.models import Customer, Task
from tests.services.revisits.test_sweep_and_answers import MONDAY_9, REP, WS
from tests.support.statements import statements

REP2 = "U0REP2"
# Besides the INSERTs: the batch's revisits, customers, plans, owners' rows, the owners'
# profile look-ups queued today (then the new ones in a savepoint), the task keys used, the
# tasks in a savepoint, and the revisits' updates at commit.
SWEEP_STATEMENTS = 11


def won_customers(services: ServiceContext, prefix: str, n: int, at: datetime) -> None:
    """n customers of two owners, each moved to won at `at` (which starts its plan)."""
    with services.uow() as uow:
        for i in range(n):
            uow.customers.add(Customer(
                workspace_id=WS, name=f"{prefix} {i:02d}", name_key=f"{prefix} {i:02d}".lower(),
                owner_id=REP if i % 2 else REP2, created_by=REP,
                created_at=at - timedelta(days=30), stage="qualified"))
        uow.commit()
    for i in range(n):
        owner = REP if i % 2 else REP2
        assert classify_named(services, WS, owner, f"{prefix} {i:02d}", "stage", "won",
                              at).status == "classified"


def shapes(seen: list[str]) -> str:
    """The statements' first words, for a failure's message."""
    return "\n".join(s[:100] for s in seen)


def not_inserts(seen: list[str]) -> list[str]:
    return [s for s in seen if not s.startswith("INSERT")]


def test_fifty_revisits_due_cost_what_five_do(services: ServiceContext, db_url: str) -> None:
    tuesday_9 = MONDAY_9 + timedelta(days=1)
    won_customers(services, "Five", 5, MONDAY_9)
    won_customers(services, "Fifty", 50, tuesday_9)
    with services.uow() as uow:  # some already named their caller (as a retry has)
        for revisit in uow.session.scalars(select(Revisit).where(
                Revisit.step == "1wd", Revisit.id % 3 == 0)):
            revisit.owner_id = REP
        uow.commit()
    with statements(services) as five:
        assert create_revisit_tasks(services, MONDAY_9 + timedelta(minutes=1)) == 5
    with statements(services) as fifty:
        assert create_revisit_tasks(services, tuesday_9 + timedelta(minutes=1)) == 50
    assert len(not_inserts(fifty)) == len(not_inserts(five)) <= SWEEP_STATEMENTS, \
        shapes(fifty)
    if db_url.startswith("postgresql"):  # one INSERT per table
        assert len(fifty) == len(five), shapes(fifty)
    with services.uow() as uow:
        revisits = uow.session.scalars(select(Revisit).where(Revisit.step == "1wd")).all()
        tasks = {t.id: t for t in uow.session.scalars(select(Task))}
        # Each revisit is out with its own task, for its customer's owner.
        assert len(revisits) == 55 and all(r.status == "open" and r.tries == 1 for r in revisits)
        assert {tasks[r.task_id].cadence_key for r in revisits if r.task_id} == {
            f"revisit:{r.id}:1" for r in revisits}
        assert all(tasks[r.task_id].customer_id == r.customer_id
                   and tasks[r.task_id].owner_id == r.owner_id for r in revisits if r.task_id)
        assert {r.owner_id for r in revisits} == {REP, REP2}


def test_a_key_taken_meanwhile_is_linked_not_doubled(services: ServiceContext) -> None:
    """A second copy that read the revisits before the first one moved them on finds the
    tasks made: each try links to the task there is, and none is made twice."""
    won_customers(services, "Race", 6, MONDAY_9)
    moment = MONDAY_9 + timedelta(minutes=1)
    assert create_revisit_tasks(services, moment) == 6
    with services.uow() as uow:
        first = {r.id: (r.task_id, r.task_due_at) for r in uow.session.scalars(
            select(Revisit).where(Revisit.step == "1wd"))}
        for revisit in uow.session.scalars(select(Revisit).where(Revisit.step == "1wd")):
            revisit.task_due_at, revisit.tries = moment, 0  # as the other copy read them
        uow.commit()
    assert create_revisit_tasks(services, moment + timedelta(minutes=1)) == 0
    with services.uow() as uow:
        again = {r.id: r.task_id for r in uow.session.scalars(
            select(Revisit).where(Revisit.step == "1wd"))}
        assert again == {rid: task_id for rid, (task_id, _) in first.items()}
        assert len(uow.session.scalars(select(Task).where(Task.origin == "revisit")).all()) == 6
