"""The brief before a contact on SQLite and PostgreSQL: what it says for a customer, and that
a batch of reminders reads the briefs in the same few queries whatever its size (no query per
reminder)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, event, select

from bot.domain import reminders
from bot.domain.brief import Brief
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.delivery.sending import prefetch
from bot.services.delivery.sweeps import send_due_notifications
from bot.services.tasks.brief import briefs_for
from bot.services.views import task_from_payload
from store.aftersale_models import Revisit, RevisitPlan
from store.engine import make_engine, make_session_factory
from store.models import Complaint, Customer, FollowUp, Notification, Task
from store.uow import UnitOfWork
from tests.support.fakes import FakeNotifier

WS, REP = "T0EAST", "U0REP"
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


class Counted:
    """A service context over an engine that counts the statements it runs."""

    def __init__(self, db_url: str, directory: TeamDirectory) -> None:
        self.engine: Engine = make_engine(db_url)
        self.statements = 0
        event.listen(self.engine, "before_cursor_execute", self._count)
        factory = make_session_factory(self.engine)
        autocommit = make_session_factory(self.engine, autocommit=True)
        self.ctx = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                                  default_tz="UTC",
                                  single_statement_uow=lambda: UnitOfWork(autocommit))

    def _count(self, *_: object) -> None:
        self.statements += 1


@pytest.fixture
def counted(db_url: str, directory: TeamDirectory) -> Iterator[Counted]:
    c = Counted(db_url, directory)
    yield c
    c.engine.dispose()


def _customers(ctx: ServiceContext, n: int, start: int) -> list[int]:
    """n customers, each with two logs (the older one objecting), an open complaint, a
    revisit to come and a task whose "due now" reminder is queued; the notification ids."""
    notes = []
    with ctx.uow() as uow:
        uow.act_as(REP, NOW)
        for i in range(start, start + n):
            c = uow.customers.add(Customer(
                workspace_id=WS, name=f"Acme {i}", name_key=f"acme {i}", owner_id=REP,
                created_by=REP, created_at=NOW - timedelta(days=30), needs=f"{i} presses"))
            for days, text in ((5, f"Acme {i}: Li is worried about the price"),
                               (1, f"Acme {i}: sent the drawings")):
                at = NOW - timedelta(days=days)
                uow.session.add(FollowUp(
                    workspace_id=WS, author_id=REP, source="test", source_key=f"{i}:{days}",
                    raw_text=text, status="recorded", customer_id=c.id, summary=text,
                    created_at=at, updated_at=at))
            uow.session.add(Complaint(
                workspace_id=WS, number=i, source="command", source_key=f"c{i}",
                customer_id=c.id, customer_name=c.name, raised_by=REP,
                raw_text=f"press {i} arrived damaged", category="product", priority="high",
                status="open", owner_id=REP, tz="Asia/Shanghai", created_at=NOW,
                updated_at=NOW))
            plan = RevisitPlan(workspace_id=WS, customer_id=c.id, kind="purchase",
                               event_key=f"purchase:{c.id}:2026-11-20", event_at=NOW,
                               source="test", created_by=REP, created_at=NOW)
            uow.revisits.start_plan(plan, [Revisit(
                workspace_id=WS, customer_id=c.id, step="3w", position=0,
                due_day=date(2026, 12, 11), status="planned", tries=0, created_at=NOW,
                updated_at=NOW)])
            task = uow.tasks.add(Task(
                workspace_id=WS, owner_id=REP, customer_id=c.id, title=f"Call Acme {i}",
                origin="log", status="open", tz="Asia/Shanghai", due_at=NOW,
                created_at=NOW, updated_at=NOW))
            uow.session.flush()
            queue(ctx, uow, workspace_id=WS, kind=reminders.AT_DUE, recipient=REP,
                  payload={"lead_seconds": None}, now=NOW, task_id=task.id)
        uow.commit()
        notes = list(uow.session.scalars(select(Notification.id).where(
            Notification.kind == reminders.AT_DUE).order_by(Notification.id)))
    return notes[-n:]


def test_a_batch_reads_its_briefs_in_the_same_queries_whatever_its_size(
        counted: Counted) -> None:
    few = _customers(counted.ctx, 3, 1)
    many = _customers(counted.ctx, 12, 10)
    counted.statements = 0
    small = prefetch(counted.ctx, few, NOW)
    for_few = counted.statements
    counted.statements = 0
    large = prefetch(counted.ctx, many, NOW)
    assert counted.statements == for_few <= 10
    assert set(small) == set(few) and set(large) == set(many)


def test_the_reminder_carries_its_customers_brief(counted: Counted) -> None:
    [note] = _customers(counted.ctx, 1, 1)
    notifier = FakeNotifier()
    assert send_due_notifications(counted.ctx, notifier, NOW).sent == 1
    [sent] = notifier.sent
    assert sent.id == note
    brief = task_from_payload(sent.payload["task"]).brief
    assert brief is not None
    assert brief.last_contact == "Acme 1: sent the drawings"
    assert brief.needs == "1 presses"
    assert brief.concern == "Acme 1: Li is worried about the price"
    assert (brief.open_complaints, brief.complaint) == (1, "press 1 arrived damaged")
    assert (brief.next_revisit, brief.next_revisit_day) == ("3w", date(2026, 12, 11))
    # A customer with nothing to say has only "no contact logged yet".
    with counted.ctx.uow() as uow:
        bare = uow.customers.add(Customer(
            workspace_id=WS, name="Bare", name_key="bare", owner_id=REP, created_by=REP,
            created_at=NOW))
        assert briefs_for(uow, [bare])[bare.id] == Brief()
