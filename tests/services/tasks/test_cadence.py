"""The cadence sweep on SQLite and PostgreSQL: the owner's task, once per customer and period."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.domain.cadence import TierRule
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.customers.tags import change_tags
from bot.services.delivery.sweeps import tick
from bot.services.logs.fixing import undo_log
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.tasks.cadence import create_cadence_tasks, refresh_if_table_changed
from store.engine import make_engine, make_session_factory
from store.models import ClassificationChange, Customer, FollowUp, Notification, Task
from store.uow import UnitOfWork

WS, REP = "T0EAST", "U0REP"
MONDAY_9AM = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    """These tests are about the contact rows; the periodic rows (off here) have their own
    tests in test_cadence_periodic.py."""
    return replace(directory, cadence=replace(directory.cadence, senior_contact={},
                                              needs_review={}, file_refresh={}))


def _customer(services: ServiceContext, name: str = "Acme", tier: str | None = "A",
              stage: str | None = None, last: datetime | None = None) -> int:
    with services.uow() as uow:
        uow.act_as(REP, MONDAY_9AM - timedelta(days=300))
        c = uow.customers.add(Customer(
            workspace_id=WS, name=name, name_key=name.casefold(), owner_id=REP, created_by=REP,
            created_at=MONDAY_9AM - timedelta(days=300), value_tier=tier, stage=stage))
        if last is not None:
            uow.session.add(FollowUp(
                workspace_id=WS, author_id=REP, source="test", source_key=f"{name}{last}",
                raw_text=f"Called {name}", status="recorded", customer_id=c.id,
                summary="called", created_at=last, updated_at=last))
        uow.commit()
        return c.id


def _tasks(services: ServiceContext) -> list[Task]:
    with services.uow() as uow:
        rows = list(uow.session.scalars(select(Task).order_by(Task.id)))
        uow.session.expunge_all()  # read after the session closes
        return rows


def _sweep(services: ServiceContext, now: datetime) -> int:
    refresh_if_table_changed(services, now)
    return create_cadence_tasks(services, now)


def test_the_owner_gets_the_task_once_saying_why(services: ServiceContext) -> None:
    acme = _customer(services, last=MONDAY_9AM - timedelta(days=8))
    assert _sweep(services, MONDAY_9AM) == 1
    assert _sweep(services, MONDAY_9AM + timedelta(minutes=1)) == 0
    tick(services, MONDAY_9AM + timedelta(hours=2))
    [task] = _tasks(services)
    assert task.title == "Weekly contact for tier A customer Acme — last contact 8 days ago"
    assert (task.owner_id, task.customer_id, task.origin, task.status) == (REP, acme, "cadence",
                                                                          "open")
    assert task.due_at == MONDAY_9AM and task.due_precision == "day"  # 09:00 on the day
    assert task.cadence_key == f"cadence:{acme}:2026-11-22"
    with services.uow() as uow:  # due now: the normal at-due reminder goes out now
        kinds = [n.kind for n in uow.session.scalars(select(Notification).where(
            Notification.task_id == task.id))]
        assert kinds == ["reminder_due"]


def test_a_sunday_due_day_makes_a_monday_task_with_a_reminder_ahead(
        services: ServiceContext) -> None:
    _customer(services, last=datetime(2026, 11, 22, 2, 0, tzinfo=UTC))  # a Sunday visit
    saturday = datetime(2026, 11, 28, 16, 30, tzinfo=UTC)  # Sunday 00:30 in Shanghai
    assert _sweep(services, saturday) == 0  # Sunday is no working day: the task waits
    assert _sweep(services, MONDAY_9AM + timedelta(days=7) - timedelta(hours=8, minutes=30)) == 1
    [task] = _tasks(services)
    assert task.due_at == MONDAY_9AM + timedelta(days=7)
    with services.uow() as uow:
        [note] = uow.notifications.pending_for_task(task.id)
        assert (note.kind, note.due_at) == ("reminder_due", task.due_at)


def test_no_task_while_an_open_task_covers_the_customer(services: ServiceContext) -> None:
    acme = _customer(services, last=MONDAY_9AM - timedelta(days=8))
    with services.uow() as uow:
        uow.session.add(Task(workspace_id=WS, owner_id=REP, customer_id=acme, title="Quote",
                             origin="log", status="snoozed", tz="Asia/Shanghai",
                             due_at=MONDAY_9AM + timedelta(days=20),
                             created_at=MONDAY_9AM, updated_at=MONDAY_9AM))
        uow.commit()
    assert _sweep(services, MONDAY_9AM) == 0
    assert [t.title for t in _tasks(services)] == ["Quote"]
    with services.uow() as uow:  # looked at again next period, not every tick
        customer = uow.customers.get(WS, acme)
        assert customer is not None and customer.cadence_due_at is not None
        assert customer.cadence_due_at > MONDAY_9AM


def test_no_task_for_a_customer_contacted_within_its_interval(services: ServiceContext) -> None:
    _customer(services, "Cold", tier="C", last=MONDAY_9AM - timedelta(days=29))
    _customer(services, "Warm", tier="A", last=MONDAY_9AM - timedelta(days=6))
    assert _sweep(services, MONDAY_9AM) == 0
    assert _sweep(services, MONDAY_9AM + timedelta(days=1)) == 2
    assert sorted(t.title.split(" contact")[0] for t in _tasks(services)) == ["Monthly",
                                                                              "Weekly"]


def test_two_copies_of_the_bot_make_one_task(services: ServiceContext, db_url: str) -> None:
    acme = _customer(services, last=MONDAY_9AM - timedelta(days=8))
    refresh_if_table_changed(services, MONDAY_9AM)
    engines = [make_engine(db_url) for _ in range(2)]
    copies = [ServiceContext(uow=partial(UnitOfWork, make_session_factory(e)),
                             directory=services.directory) for e in engines]
    start, made, errors = threading.Barrier(2), [], []

    def run(ctx: ServiceContext) -> None:
        start.wait()
        try:
            made.append(create_cadence_tasks(ctx, MONDAY_9AM))
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(c,)) for c in copies]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for e in engines:
        e.dispose()
    assert errors == [] and sorted(made) == [0, 1]
    # A copy that read the customer before the other advanced it still cannot add a second:
    with services.uow() as uow:
        customer = uow.customers.get(WS, acme)
        assert customer is not None
        customer.cadence_due_at = MONDAY_9AM
        uow.commit()
    assert create_cadence_tasks(copies[1], MONDAY_9AM) == 0
    assert len(_tasks(services)) == 1


def test_the_database_refuses_a_second_task_with_the_same_key(services: ServiceContext) -> None:
    acme = _customer(services)
    with services.uow() as uow, pytest.raises(IntegrityError):
        for _ in range(2):
            uow.session.add(Task(workspace_id=WS, owner_id=REP, customer_id=acme, title="x",
                                 origin="cadence", status="open", tz="UTC",
                                 cadence_key=f"cadence:{acme}:2026-11-22",
                                 created_at=MONDAY_9AM, updated_at=MONDAY_9AM))
            uow.session.flush()


def test_a_lost_customer_gets_one_win_back_task(services: ServiceContext) -> None:
    lost_at = datetime(2026, 8, 3, 2, 0, tzinfo=UTC)
    acme = _customer(services, tier="A", stage="lost", last=lost_at - timedelta(hours=1))
    with services.uow() as uow:
        uow.classifications.add(ClassificationChange(
            workspace_id=WS, customer_id=acme, axis="stage", old="negotiating", new="lost",
            actor=REP, at=lost_at, source="command"))
        uow.commit()
    assert _sweep(services, datetime(2026, 10, 30, 1, 0, tzinfo=UTC)) == 0  # nothing weekly
    assert _sweep(services, datetime(2026, 11, 2, 1, 0, tzinfo=UTC)) == 1
    with services.uow() as uow:  # done: it is not asked for again
        task = uow.session.scalars(select(Task)).one()
        task.status = "done"
        uow.commit()
    for days in (1, 7, 60):
        assert _sweep(services, datetime(2026, 11, 2, 1, 0, tzinfo=UTC) + timedelta(days=days)) \
            == 0
    assert task.origin == "win_back" and task.title == \
        "Win-back contact with Acme — lost 90 days ago; ask why they left"


def test_a_log_moves_the_next_look_to_a_week_later(services: ServiceContext) -> None:
    acme = _customer(services, last=MONDAY_9AM - timedelta(days=8))
    log_contact(services, LogRequest(workspace_id=WS, user_id=REP, text="Acme: called Li",
                                     source="test", source_key="k1"), MONDAY_9AM)
    with services.uow() as uow:
        customer = uow.customers.get(WS, acme)
        assert customer is not None
        # Next Monday, local midnight in Shanghai.
        assert customer.cadence_due_at == datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
    assert _sweep(services, MONDAY_9AM) == 0
    with services.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Task)) == 0


def _log(services: ServiceContext, text: str, key: str):
    outcome = log_contact(services, LogRequest(workspace_id=WS, user_id=REP, text=text,
                                               source="test", source_key=key), MONDAY_9AM)
    assert outcome.follow_up is not None and outcome.follow_up.status == "recorded"
    return outcome.follow_up


def test_a_next_step_too_soon_for_tier_c_is_warned_and_kept(services: ServiceContext) -> None:
    _customer(services, "Cold", tier="C", last=MONDAY_9AM - timedelta(days=40))
    fu = _log(services, "Cold: called Li. Call back next Monday", "k1")
    assert fu.too_soon is not None and fu.too_soon.kind == "next_step"
    assert (fu.too_soon.tier, fu.too_soon.min_days, fu.too_soon.gap_days) == ("C", 30, 7)
    assert fu.task_id is not None  # a warning, not a refusal


def test_a_contact_too_soon_for_tier_c_is_warned(services: ServiceContext) -> None:
    _customer(services, "Cold", tier="C", last=MONDAY_9AM - timedelta(days=6))
    fu = _log(services, "Cold: they called us about the invoice", "k1")
    assert fu.too_soon is not None and (fu.too_soon.kind, fu.too_soon.gap_days) == ("contact", 6)


def test_no_warning_for_tier_a_or_a_tier_c_contact_on_time(services: ServiceContext) -> None:
    _customer(services, "Hot", tier="A", last=MONDAY_9AM - timedelta(days=1))
    _customer(services, "Cold", tier="C", last=MONDAY_9AM - timedelta(days=30))
    assert _log(services, "Hot: called Li. Call back tomorrow", "k1").too_soon is None
    assert _log(services, "Cold: called Li, all fine", "k2").too_soon is None


def test_undoing_the_last_log_brings_the_cadence_back(services: ServiceContext) -> None:
    acme = _customer(services, last=MONDAY_9AM - timedelta(days=8))
    fu = _log(services, "Acme: called Li", "k1")
    assert _sweep(services, MONDAY_9AM) == 0  # contacted today: nothing due
    undo_log(services, WS, REP, fu.id, MONDAY_9AM + timedelta(minutes=5))
    assert create_cadence_tasks(services, MONDAY_9AM + timedelta(minutes=6)) == 1
    [task] = _tasks(services)
    assert task.customer_id == acme and "last contact 8 days ago" in task.title


def test_a_changed_table_is_applied_to_every_customer_once(services: ServiceContext) -> None:
    _customer(services, "Cold", tier="C", last=MONDAY_9AM - timedelta(days=10))
    assert _sweep(services, MONDAY_9AM) == 0
    weekly = replace(services.directory,
                     cadence=replace(services.directory.cadence,
                                     tiers={**services.directory.cadence.tiers,
                                            "C": TierRule(7)}))
    changed = replace(services, directory=weekly)
    assert refresh_if_table_changed(changed, MONDAY_9AM) is True
    assert refresh_if_table_changed(changed, MONDAY_9AM) is False  # once per configuration
    assert create_cadence_tasks(changed, MONDAY_9AM) == 1
    assert _tasks(services)[0].title.startswith("Weekly contact for tier C customer Cold")


def test_tagging_a_customer_no_need_for_now_makes_its_cadence_monthly(
        services: ServiceContext) -> None:
    acme = _customer(services, last=MONDAY_9AM - timedelta(days=8))  # tier A: a week is due
    change_tags(services, WS, REP, "Acme", "+暂无需求", MONDAY_9AM)
    with services.uow() as uow:
        customer = uow.customers.get(WS, acme)
        assert customer is not None
        # 30 days after the last contact (15 Nov + 30 = 15 Dec, Shanghai), not a week after.
        assert customer.cadence_due_at == datetime(2026, 12, 14, 16, 0, tzinfo=UTC)
    assert _sweep(services, MONDAY_9AM) == 0
    # A contact eight days after the last one is now over-contacting, and said so.
    fu = _log(services, "Acme: called Li again", "k1")
    assert fu.too_soon is not None and (fu.too_soon.tier, fu.too_soon.min_days,
                                        fu.too_soon.gap_days) == ("no_need", 30, 8)
    change_tags(services, WS, REP, "Acme", "-暂无需求", MONDAY_9AM)
    with services.uow() as uow:
        customer = uow.customers.get(WS, acme)
        assert customer is not None and customer.cadence_due_at == \
            datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # weekly again, from today's log
