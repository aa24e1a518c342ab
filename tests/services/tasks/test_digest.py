"""The leads' daily digest: once per team per working day, caught up after a restart."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.domain.periods import daily_period_due
from bot.domain.workdays import WorkCalendar
from bot.services.delivery.sweeps import run_sweep
from bot.services.tasks.digest import TASKS_LISTED, send_lead_digests
from bot.services.views import task_from_payload, task_view, to_payload
from handlers.blocks.tasks import digest_message
from store.models import Customer, Notification, Task
from tests.services.logs.test_logs import WS
from tests.services.tasks.test_reminders import FRIDAY_3PM, _task
from tests.support.concurrency import run_together
from tests.support.fakes import FakeNotifier
from tests.support.statements import statements

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEKDAYS = WorkCalendar(("mon", "tue", "wed", "thu", "fri"))


def test_period_is_today_once_the_time_has_come_on_a_working_day() -> None:
    monday_0859 = datetime(2026, 11, 23, 0, 59, tzinfo=UTC)  # 08:59 in Shanghai
    assert daily_period_due(monday_0859, SHANGHAI, time(9), WEEKDAYS) is None
    assert daily_period_due(monday_0859 + timedelta(minutes=1), SHANGHAI, time(9),
                            WEEKDAYS) == date(2026, 11, 23)
    saturday = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
    assert daily_period_due(saturday, SHANGHAI, time(9), WEEKDAYS) is None
    with_saturday = WorkCalendar((*WEEKDAYS.working_days, "sat"))
    assert daily_period_due(saturday, SHANGHAI, time(9), with_saturday) == date(2026, 11, 28)


def test_period_follows_the_teams_calendar_day_across_the_date_line() -> None:
    # 20:00 UTC on Sunday is already Monday 09:00 in Auckland (NZDT, +13).
    sunday_evening_utc = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    assert daily_period_due(sunday_evening_utc, ZoneInfo("Pacific/Auckland"), time(9),
                            WEEKDAYS) == date(2026, 11, 23)


def test_digest_lists_overdue_tasks_once_a_day(services, clock) -> None:
    _task(services, clock)
    saturday_morning = datetime(2026, 11, 28, 1, 30, tzinfo=UTC)  # a weekend: no digest
    assert send_lead_digests(services, saturday_morning) == 0
    monday = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)  # 09:30 Monday in Shanghai
    notifier = FakeNotifier()
    run_sweep(services, notifier, monday)
    run_sweep(services, notifier, monday + timedelta(hours=3))
    digests = notifier.of_kind("lead_digest")
    assert len(digests) == 1 and digests[0].recipient == "U0LEAD"
    assert [t["title"] for t in digests[0].payload["tasks"]] == ["send quote by Friday 3pm"]
    assert send_lead_digests(services, monday + timedelta(days=1)) == 1  # Tuesday's


def test_digest_missed_at_nine_by_a_restart_is_sent_later_that_day(services, clock) -> None:
    _task(services, clock)
    # The bot was down from 08:00 to 11:00 on Monday; its first tick is at 11:00.
    assert send_lead_digests(services, datetime(2026, 11, 30, 3, 0, tzinfo=UTC)) == 1


def test_no_digest_without_overdue_tasks_but_the_day_counts_as_done(services, clock) -> None:
    _task(services, clock)
    before_overdue = FRIDAY_3PM - timedelta(hours=6)  # Friday 09:00 Shanghai
    assert send_lead_digests(services, before_overdue) == 0
    assert send_lead_digests(services, FRIDAY_3PM + timedelta(hours=3)) == 0


def test_two_copies_ticking_at_once_send_one_digest(services, clock) -> None:
    _task(services, clock)
    monday = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)
    assert run_together(lambda: send_lead_digests(services, monday)) == [0, 0, 0, 1]


def test_digest_follows_the_teams_holidays_and_make_up_days() -> None:
    china = WorkCalendar(country="CN")
    national_day = datetime(2025, 10, 1, 2, 0, tzinfo=UTC)  # Wednesday 10:00 in Shanghai
    assert daily_period_due(national_day, SHANGHAI, time(9), WEEKDAYS) == date(2025, 10, 1)
    assert daily_period_due(national_day, SHANGHAI, time(9), china) is None
    make_up_sunday = datetime(2025, 1, 26, 2, 0, tzinfo=UTC)
    assert daily_period_due(make_up_sunday, SHANGHAI, time(9), china) == date(2025, 1, 26)


def _overdue(services, owner: str, due: datetime, customer: str, title: str) -> None:
    with services.uow() as uow:
        made = uow.customers.add(Customer(workspace_id=WS, name=customer,
                                          name_key=customer.casefold(), owner_id=owner,
                                          created_by=owner, created_at=due))
        uow.tasks.add(Task(workspace_id=WS, owner_id=owner, customer_id=made.id,
                           title=title, origin="test", status="open", due_at=due,
                           due_precision="time", tz="Asia/Shanghai",
                           overdue_at=due + timedelta(hours=1),
                           created_at=due, updated_at=due))
        uow.commit()


def test_a_digest_lists_the_oldest_tasks_in_one_read_and_counts_the_rest(
        services, clock) -> None:
    first = _task(services, clock)  # Friday 3pm, on Acme Corp
    monday = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)  # 09:30 Monday in Shanghai
    with statements(services) as one:
        assert send_lead_digests(services, monday) == 1
    with services.uow() as uow:
        acme = uow.customers.names(WS)[0][0]
        task = uow.tasks.get(WS, first)
        assert task is not None
        alone = to_payload(task_view(task, uow.customers.get(WS, acme), monday))
    [digest] = _digests(services)
    assert digest["tasks"] == [alone] and digest["overdue"] == 1  # as the whole row shows it
    for n in range(TASKS_LISTED + 4):  # 44 more, the newest last, each on its customer
        _overdue(services, ("U0REP", "U0REP2")[n % 2], FRIDAY_3PM + timedelta(minutes=n + 1),
                 f"Client {n}", f"call {n}")
    with statements(services) as many:
        assert send_lead_digests(services, monday + timedelta(days=1)) == 1
    assert len(many) == len(one)  # not one read per task or per customer
    digest = _digests(services)[-1]
    assert digest["overdue"] == TASKS_LISTED + 5 and len(digest["tasks"]) == TASKS_LISTED
    assert digest["tasks"][0] == alone and digest["tasks"][-1]["title"] == "call 38"
    assert [t["customer"] for t in digest["tasks"][:3]] == ["Acme Corp", "Client 0", "Client 1"]
    body = digest_message("East", "2026-12-01", [task_from_payload(t) for t in digest["tasks"]],
                          overdue=digest["overdue"])
    assert "East: 45 overdue tasks" in body["text"]
    assert "5 more" in json.dumps(body["blocks"])


def _digests(services) -> list[dict]:  # type: ignore[type-arg]
    with services.uow() as uow:
        return [dict(n.payload) for n in uow.session.scalars(
            select(Notification).where(Notification.kind == "lead_digest")
            .order_by(Notification.id))]
