"""The owner's morning message lists their prospects about to return to the pool (the warning
went out), with the warning's buttons: at the digest time of their own zone, on working days,
once per rep and day however many ticks, restarts or copies, until the prospect is won,
followed up past its end, or returned. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services.context import ServiceContext
from bot.services.customers.csv_import import import_customers
from bot.services.delivery.sweeps import run_sweep, tick
from bot.services.logs.questions import QUESTIONS, send_open_questions
from bot.services.pipeline.classification import classify_named
from handlers import ids
from handlers.render import render
from store.models import Notification
from tests.e2e.harness import block_texts, buttons
from tests.support.concurrency import run_together
from tests.support.fakes import FakeClock, FakeNotifier

WS = "T0TEST"
REP, MATE, ADMIN, SOLO = "U0REP", "U0REP2", "U0ADMIN", "U0SOLO"
# Made Monday 23 November 2026 09:00 in Shanghai (the clock): warned Friday 18 December at
# the team's digest time (09:00), returning Wednesday 23 December 09:00.
WARN_AT = datetime(2026, 12, 18, 1, 0, tzinfo=UTC)
SATURDAY = datetime(2026, 12, 19, 1, 0, tzinfo=UTC)
MONDAY = datetime(2026, 12, 21, 1, 0, tzinfo=UTC)
ENDS = datetime(2026, 12, 23, 1, 0, tzinfo=UTC)


def _import(services: ServiceContext, clock: FakeClock, *owned: tuple[str, str]) -> None:
    rows = [(i + 2, {"name": name, "owner": owner}) for i, (name, owner) in enumerate(owned)]
    import_customers(services, WS, rows, ADMIN, clock.now())


def _listed(notifier: FakeNotifier) -> list[tuple[str, list[str]]]:
    """Per morning message sent: its rep and the prospects about to return it lists."""
    return [(m.recipient, [p["customer"] for p in m.payload.get("returning") or ()])
            for m in notifier.of_kind(QUESTIONS)]


def _queued(services: ServiceContext) -> int:
    with services.uow() as uow:
        return len(uow.session.scalars(select(Notification.id).where(
            Notification.kind == QUESTIONS)).all())


def test_the_owner_is_told_each_working_morning_until_it_returns(services, clock) -> None:
    _import(services, clock, ("Globex", REP), ("Initech", REP), ("Umbrella", MATE))
    notifier = FakeNotifier()
    run_sweep(services, notifier, WARN_AT - timedelta(hours=1))
    assert _listed(notifier) == []
    run_sweep(services, notifier, WARN_AT)  # warned, and told in the same morning's message
    run_sweep(services, notifier, WARN_AT + timedelta(hours=3))  # not twice a day
    assert sorted(_listed(notifier)) == [(REP, ["Globex", "Initech"]), (MATE, ["Umbrella"])]
    message = next(m for m in notifier.of_kind(QUESTIONS) if m.recipient == REP)
    blocks = render(message).args["blocks"]
    assert "About to return to the pool: 2 of your prospects" in block_texts(blocks)
    assert "*Globex* returns to the team's pool on Wed, 23 Dec 2026 09:00 (Asia/Shanghai)" \
        in block_texts(blocks)
    assert set(buttons(blocks)) == {ids.POOL_LOG, ids.POOL_ASK_TIME}
    assert len([b for b in blocks if b["type"] == "actions"]) == 2  # one pair per prospect
    assert len(notifier.of_kind("pool_warning")) == 3  # the warning DMs, as before
    in_chinese = replace(message, payload={**message.payload, "lang": "zh"})
    assert "即将退回公海：你的 2 个客户" in block_texts(render(in_chinese).args["blocks"])

    notifier.sent.clear()
    run_sweep(services, notifier, SATURDAY)  # the team does not work on Saturdays
    assert _listed(notifier) == []
    classify_named(services, WS, REP, "Initech", "stage", "won", SATURDAY)
    run_sweep(services, notifier, MONDAY)  # still warned: told again; the won one is not
    assert sorted(_listed(notifier)) == [(REP, ["Globex"]), (MATE, ["Umbrella"])]

    notifier.sent.clear()
    run_sweep(services, notifier, ENDS)  # returned at that morning's sweep: nothing to tell
    assert _listed(notifier) == []
    assert len(notifier.of_kind("pool_returned")) == 2


def test_one_message_per_rep_and_day_whatever_the_copies(services, clock) -> None:
    _import(services, clock, ("Globex", REP), ("Umbrella", MATE))
    tick(services, WARN_AT)
    assert _queued(services) == 2
    run_together(lambda: send_open_questions(services, MONDAY), copies=3)
    run_together(lambda: send_open_questions(services, MONDAY + timedelta(hours=1)), copies=2)
    assert _queued(services) == 4  # Friday's two and Monday's two


def test_queued_then_won_or_followed_up_is_left_out_when_sent(services, clock) -> None:
    _import(services, clock, ("Globex", REP))
    tick(services, WARN_AT)  # queued, not sent yet
    classify_named(services, WS, REP, "Globex", "stage", "won", WARN_AT + timedelta(minutes=5))
    notifier = FakeNotifier()
    run_sweep(services, notifier, WARN_AT + timedelta(minutes=10))
    assert _listed(notifier) == []  # nothing left to say: not sent


def test_a_rep_in_no_team_is_told_on_the_morning_of_their_own_zone(services, clock) -> None:
    with services.uow() as uow:
        uow.people.save_tz(WS, SOLO, "America/New_York", "Solo", clock.now())
        uow.commit()
    _import(services, clock, ("Globex", SOLO))
    notifier = FakeNotifier()
    # No team: the default zone (UTC) and calendar place the warning on Friday 18 December
    # 09:00 UTC (the Sunday three days before the end is no working day).
    run_sweep(services, notifier, datetime(2026, 12, 18, 9, 0, tzinfo=UTC))
    assert len(notifier.of_kind("pool_warning")) == 1
    assert _listed(notifier) == []  # 04:00 in New York
    run_sweep(services, notifier, datetime(2026, 12, 18, 14, 0, tzinfo=UTC))  # 09:00 there
    run_sweep(services, notifier, datetime(2026, 12, 18, 18, 0, tzinfo=UTC))
    assert _listed(notifier) == [(SOLO, ["Globex"])]
    (message,) = notifier.of_kind(QUESTIONS)
    assert message.payload["tz"] == "America/New_York"
