"""Reminders and overdue notices: sent at their time, once, late after downtime, never lost."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services.delivery.sweeps import run_sweep, send_due_notifications
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.ports import DeliveryError
from bot.services.tasks import lifecycle as tasks
from store.models import Notification
from tests.services.logs.test_logs import REP, WS, _customer
from tests.support.fakes import FakeNotifier

FRIDAY_3PM = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # 15:00 in Shanghai


def _task(services, clock, text="Acme Corp: send quote by Friday 3pm", key="k1") -> int:
    if not _customer_exists(services):
        _customer(services, "Acme Corp")
    out = log_contact(services, LogRequest(WS, REP, text, "slash", key), clock.now())
    assert out.follow_up is not None and out.follow_up.task_id is not None
    return out.follow_up.task_id


def _customer_exists(services) -> bool:
    with services.uow() as uow:
        return bool(uow.customers.names(WS))


def _reminders(notifier: FakeNotifier) -> list[tuple[str, str]]:
    # Not reminders: a profile look-up, and the Home tab republished after a change.
    return [(m.kind, m.recipient) for m in notifier.sent
            if m.kind not in ("refresh_profile", "home_view")]


def test_day_before_due_and_overdue_each_sent_once(services, clock, notifier) -> None:
    _task(services, clock)
    run_sweep(services, notifier, clock.now())
    assert _reminders(notifier) == []
    for _ in range(2):  # a second sweep at the same moment sends nothing more
        run_sweep(services, notifier, FRIDAY_3PM - timedelta(days=1))
    assert _reminders(notifier) == [("reminder_before", REP)]
    run_sweep(services, notifier, FRIDAY_3PM)
    run_sweep(services, notifier, FRIDAY_3PM + timedelta(minutes=59))
    assert _reminders(notifier)[-1] == ("reminder_due", REP)
    for _ in range(2):
        run_sweep(services, notifier, FRIDAY_3PM + timedelta(hours=1))
    assert _reminders(notifier) == [("reminder_before", REP), ("reminder_due", REP),
                                    ("overdue_owner", REP), ("overdue_lead", "U0LEAD")]
    assert not any(m.late for m in notifier.sent)
    listed = tasks.list_tasks(services, WS, REP, None, FRIDAY_3PM + timedelta(hours=2))
    assert listed.tasks[0].overdue


def test_reminder_missed_while_down_is_sent_late_once(services, clock, notifier) -> None:
    _task(services, clock)
    # The bot was down from Thursday to Saturday; it sweeps once when it comes back.
    back = FRIDAY_3PM + timedelta(days=1)
    run_sweep(services, notifier, back)
    run_sweep(services, notifier, back + timedelta(minutes=1))
    kinds = [k for k, _ in _reminders(notifier)]
    assert kinds == ["reminder_before", "reminder_due", "overdue_owner", "overdue_lead"]
    assert [m.late for m in notifier.sent if m.kind.startswith("reminder")] == [True, True]
    with services.uow() as uow:
        rows = uow.session.scalars(select(Notification).where(
            Notification.kind == "reminder_due")).all()
        assert [r.late for r in rows] == [True] and rows[0].slack_ts
        # Recorded as Slack took it (one UPDATE for a kind with nothing to do after sending).
        assert rows[0].status == "sent" and rows[0].slack_channel
        assert rows[0].sent_at is not None and rows[0].sent_at.replace(tzinfo=UTC) == back


def test_done_task_gets_no_more_reminders(services, clock, notifier) -> None:
    task_id = _task(services, clock)
    assert tasks.complete_task(services, WS, REP, task_id, clock.now()).status == "task_done"
    assert tasks.complete_task(services, WS, REP, task_id, clock.now()).status == "task_done"
    run_sweep(services, notifier, FRIDAY_3PM + timedelta(days=2))
    assert _reminders(notifier) == []


def test_snooze_holds_reminders_then_brings_task_back(services, clock, notifier) -> None:
    task_id = _task(services, clock)
    at = FRIDAY_3PM - timedelta(days=1)
    run_sweep(services, notifier, at)
    out = tasks.snooze_task(services, WS, REP, task_id, "tomorrow", at)
    # Tomorrow 09:00 Shanghai = Friday 01:00 UTC.
    assert out.task.snoozed_until == datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    run_sweep(services, notifier, datetime(2026, 11, 27, 0, 59, tzinfo=UTC))
    assert _reminders(notifier) == [("reminder_before", REP)]
    run_sweep(services, notifier, datetime(2026, 11, 27, 1, 0, tzinfo=UTC))
    assert _reminders(notifier)[-1] == ("snooze_end", REP)
    run_sweep(services, notifier, FRIDAY_3PM)
    assert _reminders(notifier)[-1] == ("reminder_due", REP)


def test_reschedule_moves_reminders(services, clock, notifier) -> None:
    task_id = _task(services, clock)
    out = tasks.reschedule_task(services, WS, REP, task_id, "next Tuesday 10am", clock.now())
    assert out.status == "task_rescheduled"
    new_due = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    assert out.task.due == new_due
    run_sweep(services, notifier, FRIDAY_3PM + timedelta(hours=2))
    assert _reminders(notifier) == []
    run_sweep(services, notifier, new_due)
    assert [k for k, _ in _reminders(notifier)] == ["reminder_before", "reminder_due"]


def test_unreadable_reschedule_is_refused_and_changes_nothing(services, clock) -> None:
    task_id = _task(services, clock)
    out = tasks.reschedule_task(services, WS, REP, task_id, "someday maybe", clock.now())
    assert out.status == "invalid" and out.errors["when"]
    with services.uow() as uow:
        assert uow.tasks.get(WS, task_id).due_at == FRIDAY_3PM


def test_day_only_due_reminds_at_nine_and_is_overdue_next_morning(services, clock,
                                                                   notifier) -> None:
    task_id = _task(services, clock, "Acme Corp: send the contract by Friday")
    with services.uow() as uow:
        task = uow.tasks.get(WS, task_id)
        assert task.due_precision == "day"
        assert task.due_at == datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # Fri 09:00 Shanghai
        assert task.overdue_at == datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


def test_transient_failure_is_retried_permanent_is_given_up(services, clock, notifier) -> None:
    _task(services, clock)
    run_sweep(services, notifier, clock.now())  # the profile look-up goes first
    at = FRIDAY_3PM - timedelta(days=1)
    notifier.failures.append(DeliveryError("internal_error"))
    report = send_due_notifications(services, notifier, at)
    assert report.failed == 1 and _reminders(notifier) == []
    run_sweep(services, notifier, at + timedelta(seconds=1))
    assert _reminders(notifier) == []  # backing off
    run_sweep(services, notifier, at + timedelta(minutes=1))
    assert _reminders(notifier) == [("reminder_before", REP)]
    notifier.failures.append(DeliveryError("channel_not_found", permanent=True))
    run_sweep(services, notifier, FRIDAY_3PM)
    with services.uow() as uow:
        due = uow.session.scalars(select(Notification).where(
            Notification.kind == "reminder_due")).one()
        assert due.status == "failed" and "channel_not_found" in (due.last_error or "")


def test_rep_cannot_list_someone_elses_tasks_but_lead_and_admin_can(services, clock) -> None:
    _task(services, clock)
    assert tasks.list_tasks(services, WS, "U0REP2", REP, clock.now()).status == "forbidden"
    assert len(tasks.list_tasks(services, WS, "U0LEAD", REP, clock.now()).tasks) == 1
    assert len(tasks.list_tasks(services, WS, "U0ADMIN", REP, clock.now()).tasks) == 1


def test_rep_cannot_complete_someone_elses_task(services, clock) -> None:
    task_id = _task(services, clock)
    assert tasks.complete_task(services, WS, "U0REP2", task_id, clock.now()).status == "forbidden"
    with services.uow() as uow:
        assert uow.tasks.get(WS, task_id).status == "open"


def test_overdue_listed_first(services, clock) -> None:
    _task(services, clock, "Acme Corp: call Li next week", key="a")
    _task(services, clock, "Acme Corp: send quote by Friday 3pm", key="b")
    later = FRIDAY_3PM + timedelta(hours=3)
    listed = tasks.list_tasks(services, WS, REP, None, later)
    assert [t.overdue for t in listed.tasks] == [True, False]


def test_concurrent_sweeps_send_each_notification_once(services, clock) -> None:
    for i in range(30):
        _task(services, clock, f"Acme Corp: task {i} by Friday 3pm", key=f"k{i}")
    notifier = FakeNotifier()
    barrier = threading.Barrier(4)

    def worker() -> None:
        barrier.wait()
        for _ in range(5):
            run_sweep(services, notifier, FRIDAY_3PM)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [m.id for m in notifier.sent]
    assert len(ids) == len(set(ids))
    assert sorted(k for k, _ in _reminders(notifier)).count("reminder_due") == 30


def test_first_log_read_in_assumed_zone_is_reanchored_to_slack_profile(services, clock,
                                                                       notifier) -> None:
    stranger = "U0NOTEAM"  # in no team: read in the default zone (UTC) until Slack says
    _customer(services, "Acme Corp", owner=stranger)  # another team's would be held
    out = log_contact(services, LogRequest(WS, stranger, "Acme Corp: call back tomorrow 10am",
                                                "slash", "k9"), clock.now())
    assert out.follow_up.due == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    notifier.profiles[stranger] = "Europe/Berlin"
    run_sweep(services, notifier, clock.now())
    assert notifier.kinds(stranger) == ["refresh_profile"]
    with services.uow() as uow:
        task = uow.tasks.get(WS, out.follow_up.task_id)
        assert task.tz == "Europe/Berlin"
        assert task.due_at == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
        assert uow.people.get(WS, stranger).tz == "Europe/Berlin"
    again = log_contact(services, LogRequest(WS, stranger, "Acme Corp: call back Friday 10am",
                                                  "slash", "k10"), clock.now())
    assert again.follow_up.tz == "Europe/Berlin"
    run_sweep(services, notifier, clock.now())
    assert notifier.kinds(stranger) == ["refresh_profile"]  # cached, not looked up again
