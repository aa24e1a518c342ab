"""The leads' daily digest: once per team per working day, caught up after a restart."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.periods import daily_period_due
from bot.domain.workdays import WorkCalendar
from bot.services.delivery.sweeps import run_sweep
from bot.services.tasks.digest import send_lead_digests
from tests.services.tasks.test_reminders import FRIDAY_3PM, _task
from tests.support.concurrency import run_together
from tests.support.fakes import FakeNotifier

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
