"""The rep's own zone: asked of Slack before the first log is read, set with /settings — on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.logs.intake import LogRequest, process_received_logs, receive_log
from bot.services.ports import DeliveryError
from bot.services.zones import save_profile, zone_named, zone_settings
from store.models import Task
from tests.services.logs.test_logs import REP, WS, _log
from tests.support.fakes import FakeNotifier

NEWCOMER = "U0NEW"  # in no team: without a look-up their times would be read in UTC


def _first_log(services, clock, notifier: FakeNotifier | None, user: str = NEWCOMER):
    receive_log(services, LogRequest(WS, user, "Acme Corp: send the quote tomorrow 9am",
                                     "slash", f"k-{user}", reply_channel="D0X"), clock.now())
    process_received_logs(services, clock.now(), notifier=notifier)
    with services.uow() as uow:
        [task] = [t for t in uow.tasks.open_for_owner(WS, user)]
        return task.due_at, task.tz


def test_the_first_log_of_a_new_rep_is_read_in_their_slack_zone(services, clock) -> None:
    notifier = FakeNotifier()
    notifier.profiles[NEWCOMER] = "Asia/Shanghai"
    due, tz = _first_log(services, clock, notifier)
    # Monday 09:00 Shanghai: "tomorrow 9am" is Tuesday 09:00 there, 01:00 UTC.
    assert (due, tz) == (datetime(2026, 11, 24, 1, 0, tzinfo=UTC), "Asia/Shanghai")
    assert notifier.kinds(NEWCOMER) == ["refresh_profile"]


def test_without_slack_the_first_log_falls_back_to_the_default_zone(services, clock) -> None:
    notifier = FakeNotifier()
    notifier.failures.append(DeliveryError("users.info: ratelimited"))
    due, tz = _first_log(services, clock, notifier)
    assert (due, tz) == (datetime(2026, 11, 24, 9, 0, tzinfo=UTC), "UTC")


def test_a_known_zone_is_not_asked_again(services, clock) -> None:
    notifier = FakeNotifier()
    notifier.profiles[NEWCOMER] = "Asia/Shanghai"
    _first_log(services, clock, notifier)
    receive_log(services, LogRequest(WS, NEWCOMER, "Acme Corp: call Friday", "slash", "k2"),
                clock.now())
    process_received_logs(services, clock.now(), notifier=notifier)
    assert notifier.kinds(NEWCOMER) == ["refresh_profile"]


def test_settings_shows_sets_and_corrects_the_zone(services, clock) -> None:
    shown = zone_settings(services, WS, REP, "", clock.now())
    assert (shown.status, shown.zone, shown.source) == ("shown", "Asia/Shanghai", "team")
    out = zone_settings(services, WS, REP, "timezone america/new_york", clock.now())
    assert (out.status, out.zone, out.source) == ("set", "America/New_York", "you")
    again = zone_settings(services, WS, REP, "时区 Asia/Tokyo", clock.now())
    assert (again.status, again.zone) == ("set", "Asia/Tokyo")
    assert zone_settings(services, WS, REP, "", clock.now()).zone == "Asia/Tokyo"


def test_settings_refuses_what_is_not_a_zone_and_explains_usage(services, clock) -> None:
    bad = zone_settings(services, WS, REP, "timezone Mars/Olympus", clock.now())
    assert (bad.status, bad.typed, bad.zone) == ("unknown_zone", "Mars/Olympus", "Asia/Shanghai")
    assert zone_settings(services, WS, REP, "colour blue", clock.now()).status == "usage"
    assert zone_settings(services, WS, REP, "timezone", clock.now()).status == "usage"
    assert zone_named("asia/SHANGHAI") == "Asia/Shanghai" and zone_named("Shanghai") is None


def test_a_zone_set_by_the_rep_outlives_the_slack_profile(services, clock) -> None:
    zone_settings(services, WS, REP, "timezone Europe/Berlin", clock.now())
    with services.uow() as uow:
        save_profile(services, uow, WS, REP, {"tz": "Asia/Shanghai", "name": "Rep"}, clock.now())
        uow.commit()
    assert zone_settings(services, WS, REP, "", clock.now()).zone == "Europe/Berlin"


def test_a_corrected_zone_keeps_open_tasks_at_their_clock_time(services, clock) -> None:
    fu = _log(services, clock, "Acme Corp: send the quote Friday 3pm").follow_up
    assert fu is not None and fu.task_id is not None
    zone_settings(services, WS, REP, "timezone Europe/Berlin", clock.now())
    with services.uow() as uow:
        task = uow.session.get(Task, fu.task_id)
        assert task is not None and task.tz == "Europe/Berlin"
        assert task.due_at == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # 15:00 in Berlin
