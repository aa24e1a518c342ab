"""Complaints: routed to whoever is on duty, escalated until acknowledged, SLA clocks, check-back,
figures — on SQLite and PostgreSQL, time passed in."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain.teams import TeamDirectory
from bot.services.complaints import actions
from bot.services.complaints.duty import cover, show_duty
from bot.services.complaints.figures import complaint_figures
from bot.services.complaints.raising import ComplaintRequest, raise_complaint, set_triage
from bot.services.context import ServiceContext
from bot.services.customers.file import show_customer
from bot.services.delivery.sweeps import run_sweep
from bot.services.logs.intake import LogRequest, log_contact
from bot.teamconfig import parse_directory
from handlers.render import render
from store.engine import make_engine, make_session_factory
from store.models import Complaint, ComplaintClock, Customer, Task
from store.uow import UnitOfWork
from tests.support.fakes import FakeNotifier

WS = "T0TEST"
ANN, BOB, KIM, LEAD = "U0ANN", "U0BOB", "U0KIM", "U0LEAD"
CHANNEL = "C0CMPL"
HOOK = "https://hooks.slack.com/commands/T0TEST/1/x"
MONDAY_9 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
YAML = f"""
teams:
  - name: East
    channel: C0EAST
    lead: {LEAD}
    members: [{ANN}, {BOB}, {KIM}]
    timezone: Asia/Shanghai
    report_day: sun  # the weekly report: a time these tests never reach
    report_time: "23:59"
    complaints_channel: {CHANNEL}
    duty:
      rotation: [{ANN}, {BOB}]
      start: 2026-11-16
      handoff: "mon 09:00"
"""


@pytest.fixture
def directory() -> TeamDirectory:
    return parse_directory(YAML)


@pytest.fixture
def services(db_url: str, directory: TeamDirectory) -> Iterator[ServiceContext]:
    yield from team_with_acme(db_url, directory)


def team_with_acme(db_url: str, directory: TeamDirectory) -> Iterator[ServiceContext]:
    """Services over a fresh database holding Kim's customer Acme Corp."""
    engine = make_engine(db_url)
    factory = make_session_factory(engine)
    with UnitOfWork(factory) as uow:
        uow.customers.add(Customer(workspace_id=WS, name="Acme Corp", name_key="acme corp",
                                   owner_id=KIM, created_by=KIM, created_at=MONDAY_9))
        uow.commit()
    yield ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory)
    engine.dispose()


def _raise(services: ServiceContext, text: str = "Acme Corp: delivery two weeks late",
           key: str = "k1", at: datetime = MONDAY_9) -> Complaint:
    out = raise_complaint(services, ComplaintRequest(WS, KIM, text, "command", key,
                                                     reply_url=HOOK), at)
    assert out.status == "raised" and out.complaint is not None
    return _get(services, out.complaint.id)


def _get(services: ServiceContext, complaint_id: int) -> Complaint:
    with services.uow() as uow:
        c = uow.complaints.get(WS, complaint_id)
        assert c is not None
        uow.session.expunge(c)
        return c


def _said(notifier: FakeNotifier) -> list[tuple[str, str, str | None]]:
    """What the complaint flow said, apart from the raiser's answer (see _answers)."""
    return [(m.kind, m.recipient, m.payload.get("event") or m.payload.get("reason"))
            for m in notifier.sent if m.kind.startswith("complaint")
            and m.payload.get("render") != "raised"]


def _answers(notifier: FakeNotifier) -> list[dict]:
    """The answers that replaced the raiser's "working on it" (on the command's URL)."""
    return [m.payload for m in notifier.sent if m.payload.get("render") == "raised"]


def test_raised_complaint_is_routed_to_the_on_duty_owner(services, notifier) -> None:
    c = _raise(services)
    # Monday 09:00 is the handoff: Bob's turn follows Ann's week from the 16th.
    assert (c.number, c.owner_id, c.backup_id, c.lead_id, c.team) == (1, BOB, ANN, LEAD, "East")
    assert (c.category, c.priority, c.status) == ("service", "medium", "open")
    assert c.raw_text == "Acme Corp: delivery two weeks late" and c.customer_name == "Acme Corp"
    run_sweep(services, notifier, MONDAY_9)
    # A slash command's confirmation replaces its "working on it": no DM to the raiser.
    assert _said(notifier) == [("complaint_thread", CHANNEL, None),
                               ("complaint_page", BOB, "new")]
    assert [(a["response_url"], a["status"]) for a in _answers(notifier)] == [(HOOK, "raised")]
    assert _get(services, c.id).thread_ts is not None
    assert _raise(services, key="k2").number == 2


def test_the_same_request_raises_one_complaint(services) -> None:
    _raise(services)
    again = raise_complaint(services, ComplaintRequest(WS, KIM, "Acme Corp: late", "command",
                                                       "k1"), MONDAY_9)
    assert again.status == "duplicate"


def test_a_complaint_needs_a_customer(services) -> None:
    out = raise_complaint(services, ComplaintRequest(WS, KIM, "they are unhappy", "dm", "k9"),
                          MONDAY_9)
    assert out.status == "no_customer"
    assert raise_complaint(services, ComplaintRequest(WS, KIM, " ", "dm", "k8"),
                           MONDAY_9).status == "usage"


def test_unacknowledged_complaint_escalates_backup_then_lead_then_repeats(
        services, notifier) -> None:
    c = _raise(services)
    run_sweep(services, notifier, MONDAY_9)
    steps = [29, 30, 30, 59, 60, 90, 120, 150, 180, 240]
    for minutes in steps:
        for _ in range(2):  # a second sweep at the same moment fires nothing more
            run_sweep(services, notifier, MONDAY_9 + timedelta(minutes=minutes))
    pages = [(r, why) for k, r, why in _said(notifier) if k == "complaint_page"]
    assert pages == [(BOB, "new"), (ANN, "escalated"), (LEAD, "escalated"),
                     (BOB, "escalated"), (ANN, "escalated"), (LEAD, "escalated")]
    notes = [(m.payload["event"], m.payload["target"]) for m in notifier.of_kind(
        "complaint_note")]
    assert notes == [("escalated", ANN), ("escalated", LEAD), ("escalated", BOB),
                     ("escalated", ANN), ("escalated", LEAD), ("unacknowledged", LEAD)]
    assert all(m.payload["thread_ts"] == _get(services, c.id).thread_ts
               for m in notifier.of_kind("complaint_note"))


def test_acknowledging_stops_the_escalation(services, notifier) -> None:
    c = _raise(services, text="Acme Corp: printer broken, they want to cancel")
    assert c.priority == "high"
    run_sweep(services, notifier, MONDAY_9)
    run_sweep(services, notifier, MONDAY_9 + timedelta(minutes=15))  # high: 15 minutes
    out = actions.acknowledge(services, WS, ANN, c.id, MONDAY_9 + timedelta(minutes=16))
    assert out.status == "acknowledged" and out.complaint.owner_id == ANN  # type: ignore[union-attr]
    run_sweep(services, notifier, MONDAY_9 + timedelta(hours=3))
    pages = [r for k, r, _ in _said(notifier) if k == "complaint_page"]
    assert pages == [BOB, ANN]
    assert [m.payload["event"] for m in notifier.of_kind("complaint_note")] == [
        "escalated", "acknowledged"]
    assert actions.acknowledge(services, WS, ANN, c.id, MONDAY_9).status == "unchanged"


def test_outsiders_cannot_act_on_a_complaint(services) -> None:
    c = _raise(services)
    assert actions.acknowledge(services, WS, "U0STRANGER", c.id, MONDAY_9).status == "forbidden"
    assert actions.resolve(services, WS, "U0STRANGER", c.id, MONDAY_9).status == "forbidden"


def test_reassign_pages_the_new_owner_and_restarts_the_policy(services, notifier) -> None:
    c = _raise(services)
    run_sweep(services, notifier, MONDAY_9)
    actions.reassign(services, WS, BOB, c.id, KIM, MONDAY_9 + timedelta(minutes=10))
    run_sweep(services, notifier, MONDAY_9 + timedelta(minutes=30))  # Bob's old clock: void
    run_sweep(services, notifier, MONDAY_9 + timedelta(minutes=40))  # Kim's: to the backup
    pages = [(r, why) for k, r, why in _said(notifier) if k == "complaint_page"]
    assert pages == [(BOB, "new"), (KIM, "reassigned"), (ANN, "escalated")]


def test_resolve_then_check_back_satisfied(services, notifier) -> None:
    c = _raise(services)
    actions.acknowledge(services, WS, BOB, c.id, MONDAY_9 + timedelta(minutes=5))
    done_at = MONDAY_9 + timedelta(hours=5)
    assert actions.resolve(services, WS, BOB, c.id, done_at).status == "resolved"
    run_sweep(services, notifier, done_at + timedelta(hours=23))
    assert notifier.of_kind("complaint_check_back") == []
    run_sweep(services, notifier, done_at + timedelta(hours=24))
    assert [m.recipient for m in notifier.of_kind("complaint_check_back")] == [BOB]
    resolved = _get(services, c.id)
    with services.uow() as uow:
        task = uow.session.get(Task, resolved.check_back_task_id)
        assert task is not None and task.owner_id == BOB and task.origin == "complaint"
        assert task.due_at == done_at + timedelta(hours=24)
    out = actions.record_check_back(services, WS, BOB, c.id, True, done_at + timedelta(hours=25))
    assert out.status == "satisfied"
    with services.uow() as uow:
        assert uow.session.get(Task, resolved.check_back_task_id).status == "done"  # type: ignore[union-attr]
    assert _get(services, c.id).satisfied is True


def test_not_satisfied_reopens_and_pages_the_owner_again(services, notifier) -> None:
    c = _raise(services)
    actions.acknowledge(services, WS, BOB, c.id, MONDAY_9 + timedelta(minutes=5))
    actions.resolve(services, WS, BOB, c.id, MONDAY_9 + timedelta(hours=1))
    later = MONDAY_9 + timedelta(hours=26)
    run_sweep(services, notifier, later)
    assert actions.record_check_back(services, WS, BOB, c.id, False, later).status == "reopened"
    reopened = _get(services, c.id)
    assert (reopened.status, reopened.resolved_at, reopened.reopened) == ("open", None, 1)
    run_sweep(services, notifier, later)
    run_sweep(services, notifier, later + timedelta(minutes=30))
    pages = [(r, why) for k, r, why in _said(notifier) if k == "complaint_page"]
    assert pages[-2:] == [(BOB, "reopened"), (ANN, "escalated")]


def test_low_priority_waits_for_working_hours(services, notifier) -> None:
    friday_night = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # 21:00 in Shanghai
    c = _raise(services, text="Acme Corp: minor suggestion about the invoice layout",
               at=friday_night)
    assert c.priority == "low"
    run_sweep(services, notifier, friday_night + timedelta(hours=1))
    assert [k for k, _, _ in _said(notifier)] == ["complaint_thread"]
    monday = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 09:00: Ann's turn again
    run_sweep(services, notifier, monday)
    run_sweep(services, notifier, monday + timedelta(minutes=30))
    pages = [(r, why) for k, r, why in _said(notifier) if k == "complaint_page"]
    assert pages == [(BOB, "new"), (ANN, "escalated")]


def test_high_priority_pages_at_night(services, notifier) -> None:
    night = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # midnight in Shanghai
    _raise(services, text="Acme Corp: urgent, the machine is broken", at=night)
    run_sweep(services, notifier, night)
    assert ("complaint_page", BOB, "new") in _said(notifier)


def test_first_answer_warning_and_breach(services, notifier) -> None:
    c = _raise(services)
    actions.acknowledge(services, WS, BOB, c.id, MONDAY_9 + timedelta(minutes=1))
    run_sweep(services, notifier, MONDAY_9 + timedelta(hours=19, minutes=12))
    alerts = [(m.recipient, m.payload["clock"], m.payload["level"])
              for m in notifier.of_kind("complaint_alert")]
    assert alerts == [(BOB, "answer", "warning")]
    run_sweep(services, notifier, MONDAY_9 + timedelta(hours=24))
    alerts = [(m.recipient, m.payload["clock"], m.payload["level"])
              for m in notifier.of_kind("complaint_alert")]
    assert alerts[-1] == (LEAD, "answer", "breach")
    assert notifier.of_kind("complaint_note")[-1].payload == {
        **notifier.of_kind("complaint_note")[-1].payload, "event": "breach", "detail": "answer"}


def test_a_logged_contact_with_the_customer_is_the_first_answer(services, notifier) -> None:
    c = _raise(services)
    log_contact(services, LogRequest(WS, BOB, "Acme Corp: called Li, apologised", "slash",
                                     "log1"), MONDAY_9 + timedelta(hours=2))
    assert _get(services, c.id).answered_at == MONDAY_9 + timedelta(hours=2)
    actions.acknowledge(services, WS, BOB, c.id, MONDAY_9 + timedelta(hours=2))
    run_sweep(services, notifier, MONDAY_9 + timedelta(hours=25))
    assert [m.payload["clock"] for m in notifier.of_kind("complaint_alert")] == []


def test_solution_clock_counts_working_days(services, notifier) -> None:
    c = _raise(services)  # Monday 09:00 medium: due Thursday 09:00 Shanghai
    with services.uow() as uow:
        clocks = {k.kind: k.due_at for k in uow.clocks.pending(c.id)}
    assert clocks["solve_breach"] == datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
    changed = set_triage(services, WS, KIM, c.id, None, "high", MONDAY_9)
    assert changed.status == "triaged"
    with services.uow() as uow:
        clocks = {k.kind: k.due_at for k in uow.clocks.pending(c.id)}
    assert clocks["solve_breach"] == datetime(2026, 11, 25, 1, 0, tzinfo=UTC)


def test_cover_puts_someone_on_duty_until_it_ends(services, notifier) -> None:
    until = MONDAY_9 + timedelta(days=2)
    out = cover(services, WS, LEAD, KIM, until, MONDAY_9)
    assert out.status == "covered" and out.now is not None and out.now.owner == KIM
    assert out.now.until == until and out.backup == ANN
    c = _raise(services, at=MONDAY_9 + timedelta(hours=1))
    assert c.owner_id == KIM
    assert _raise(services, key="k2", at=until).owner_id == BOB
    view = show_duty(services, WS, ANN, until)
    assert view.now.owner == BOB and view.next.owner == ANN  # type: ignore[union-attr]
    assert cover(services, WS, LEAD, "U0NOBODY", until, MONDAY_9).status == "error"
    assert cover(services, WS, LEAD, KIM, MONDAY_9, MONDAY_9).status == "error"


def test_figures_for_the_lead(services, notifier) -> None:
    a = _raise(services)
    b = _raise(services, text="Acme Corp: the printer is broken", key="k2")
    actions.acknowledge(services, WS, BOB, a.id, MONDAY_9 + timedelta(minutes=10))
    actions.resolve(services, WS, BOB, a.id, MONDAY_9 + timedelta(hours=6))
    run_sweep(services, notifier, MONDAY_9 + timedelta(hours=24))  # b breaches first answer
    out = complaint_figures(services, WS, LEAD, MONDAY_9 + timedelta(hours=30))
    f = out.figures
    assert f is not None
    assert [o.number for o in f.open] == [b.number] and f.open[0].age_hours == 30
    assert (f.count, f.resolved, f.resolution_rate) == (2, 1, 0.5)
    assert (f.median_ack_minutes, f.median_resolve_hours, f.breaches) == (10.0, 6.0, 1)
    assert f.per_owner == ((BOB, 2, 1),)
    assert dict(f.categories) == {"service": 1, "product": 1}
    assert complaint_figures(services, WS, ANN, MONDAY_9).status == "forbidden"


def test_two_sweeps_at_once_fire_each_clock_once(services, notifier) -> None:
    for i in range(10):
        _raise(services, key=f"k{i}")
    run_sweep(services, notifier, MONDAY_9)
    at = MONDAY_9 + timedelta(minutes=30)
    barrier = threading.Barrier(2)

    def sweep() -> None:
        barrier.wait()
        run_sweep(services, notifier, at)

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    pages = [m for m in notifier.of_kind("complaint_page") if m.payload["reason"] == "escalated"]
    assert len(pages) == 10
    with services.uow() as uow:
        fired = uow.session.scalars(select(ComplaintClock).where(
            ComplaintClock.kind == "escalate", ComplaintClock.status == "done")).all()
        assert len(fired) == 10


def test_low_priority_escalation_due_after_hours_waits_for_the_morning(services,
                                                                       notifier) -> None:
    late_afternoon = datetime(2026, 11, 23, 9, 45, tzinfo=UTC)  # 17:45 in Shanghai
    _raise(services, text="Acme Corp: minor issue with the invoice", at=late_afternoon)
    run_sweep(services, notifier, late_afternoon)
    run_sweep(services, notifier, late_afternoon + timedelta(minutes=30))  # 18:15: closed
    run_sweep(services, notifier, late_afternoon + timedelta(hours=6))
    pages = [(r, why) for k, r, why in _said(notifier) if k == "complaint_page"]
    assert pages == [(BOB, "new")]
    tuesday_9 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    run_sweep(services, notifier, tuesday_9)
    pages = [(r, why) for k, r, why in _said(notifier) if k == "complaint_page"]
    assert pages == [(BOB, "new"), (ANN, "escalated")]


def test_a_rotation_without_start_keeps_its_first_day_across_restarts(db_url: str) -> None:
    directory = parse_directory(YAML.replace("      start: 2026-11-16\n", ""))
    engine = make_engine(db_url)
    factory = make_session_factory(engine)
    try:
        first = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory)
        wednesday = MONDAY_9 + timedelta(days=2)
        assert show_duty(first, WS, ANN, wednesday).now.owner == ANN  # type: ignore[union-attr]
        restarted = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory)
        next_week = MONDAY_9 + timedelta(days=8)
        assert show_duty(restarted, WS, ANN, next_week).now.owner == BOB  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_a_complaint_dm_without_a_customer_is_answered_in_the_dm(services, notifier) -> None:
    out = raise_complaint(services, ComplaintRequest(
        WS, KIM, "complaint: they are unhappy", "dm", "msg:D1:1", body="they are unhappy",
        reply_channel="D0KIM"), MONDAY_9)
    assert out.status == "no_customer"
    run_sweep(services, notifier, MONDAY_9)
    replies = notifier.of_kind("complaint_reply")
    assert [m.recipient for m in replies] == ["D0KIM"]
    assert (replies[0].payload["refusal"], replies[0].payload["lang"]) == ("no_customer", "en")
    assert "Say which customer it is" in render(replies[0]).args["text"]


def test_a_complaint_dm_keeps_its_text_and_reads_the_body(services, notifier) -> None:
    out = raise_complaint(services, ComplaintRequest(
        WS, KIM, "投诉:Acme Corp 说交货太慢", "dm", "msg:D1:2", body="Acme Corp 说交货太慢",
        reply_channel="D0KIM"), MONDAY_9)
    assert out.status == "raised" and out.complaint is not None
    assert out.complaint.text == "投诉:Acme Corp 说交货太慢"
    assert (out.complaint.customer, out.complaint.category) == ("Acme Corp", "service")
    run_sweep(services, notifier, MONDAY_9)
    assert [m.recipient for m in notifier.of_kind("complaint_raised")] == [KIM]


def test_the_shortcut_form_raises_with_the_chosen_category_and_priority(services) -> None:
    request = ComplaintRequest(WS, KIM, "they are unhappy with the delivery", "shortcut",
                               "view:V1", link="https://slack.com/archives/C1/p1",
                               customer="Acme Corp", category="experience", priority="high")
    out = raise_complaint(services, request, MONDAY_9)
    assert out.complaint is not None
    assert (out.complaint.category, out.complaint.priority, out.complaint.link) == (
        "experience", "high", "https://slack.com/archives/C1/p1")
    assert raise_complaint(services, request, MONDAY_9).status == "duplicate"


def test_the_customer_file_lists_its_complaints(services) -> None:
    c = _raise(services)
    seen = show_customer(services, WS, LEAD, "Acme Corp", MONDAY_9)
    assert seen.customer is not None
    assert [(x.number, x.status, x.owner_id) for x in seen.customer.complaints] == [
        (c.number, "open", BOB)]


def test_a_failing_clock_does_not_hold_up_the_others(services, notifier, caplog) -> None:
    c = _raise(services)
    with services.uow() as uow:  # a clock no rule knows: firing it raises
        uow.clocks.add(ComplaintClock(workspace_id=WS, complaint_id=c.id, kind="bogus",
                                      round=0, due_at=MONDAY_9, status="pending", attempts=0))
        uow.commit()
    run_sweep(services, notifier, MONDAY_9 + timedelta(minutes=30))
    assert [r for k, r, _ in _said(notifier) if k == "complaint_page"] == [BOB, ANN]
    assert "complaint clock" in caplog.text
    for minutes in range(36, 70, 6):  # retried as each five-minute lease runs out
        run_sweep(services, notifier, MONDAY_9 + timedelta(minutes=minutes))
    with services.uow() as uow:
        bogus = uow.session.scalars(select(ComplaintClock).where(
            ComplaintClock.kind == "bogus")).one()
        assert (bogus.status, bogus.attempts) == ("failed", 5)


def test_low_priority_waits_for_working_hours_in_the_persons_own_zone(services,
                                                                      notifier) -> None:
    with services.uow() as uow:  # Bob works from New York (his Slack profile says so)
        uow.people.save_tz(WS, BOB, "America/New_York", "Bob", MONDAY_9)
        uow.commit()
    c = _raise(services, text="Acme Corp: minor suggestion about the invoice layout")
    assert c.priority == "low"
    run_sweep(services, notifier, MONDAY_9)  # Sunday 20:00 in New York
    assert [k for k, _, _ in _said(notifier)] == ["complaint_thread"]
    new_york_9 = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    run_sweep(services, notifier, new_york_9)
    assert ("complaint_page", BOB, "new") in _said(notifier)
