"""The return sweep: the owner is warned once before a prospect returns, it returns once when
its protection runs out, with the reason; never unwarned, never twice, whatever the number of
copies sweeping or restarts. On SQLite and PostgreSQL, among a crowd of customers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.domain.customers import name_key
from bot.services.context import ServiceContext
from bot.services.customers.csv_import import import_customers
from bot.services.delivery.kinds import KINDS
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import classify_named
from bot.services.pool.sweep import POOL_RETURNED, POOL_WARNING, sweep_pool
from store.models import Notification
from store.pool_models import OwnershipEvent
from tests.support.concurrency import run_together
from tests.support.fakes import FakeClock

WS = "T0TEST"
REP, MATE, ADMIN = "U0REP", "U0REP2", "U0ADMIN"
WARN_AT = datetime(2026, 12, 18, 1, 0, tzinfo=UTC)  # see test_terms.py
ENDS = datetime(2026, 12, 23, 1, 0, tzinfo=UTC)


def _crowd(services: ServiceContext, clock: FakeClock, n: int = 240) -> None:
    """Prospects with names alike, half of them made a week later (so not yet due)."""
    rows = [(i + 2, {"name": f"Acme Trading {i:03d}", "owner": REP if i % 2 else MATE})
            for i in range(n // 2)]
    import_customers(services, WS, rows, ADMIN, clock.now())
    later = [(i + 2, {"name": f"Acme Trade {i:03d}", "owner": REP}) for i in range(n // 2)]
    import_customers(services, WS, later, ADMIN, clock.now() + timedelta(days=7))


def _notes(services: ServiceContext, kind: str) -> list[Notification]:
    with services.uow() as uow:
        found = list(uow.session.scalars(select(Notification).where(
            Notification.kind == kind).order_by(Notification.id)))
        uow.session.expunge_all()
        return found


def _events(services: ServiceContext, kind: str) -> list[OwnershipEvent]:
    with services.uow() as uow:
        found = list(uow.session.scalars(select(OwnershipEvent).where(
            OwnershipEvent.kind == kind)))
        uow.session.expunge_all()
        return found


def _id(services: ServiceContext, name: str) -> int:
    with services.uow() as uow:
        found = uow.customers.by_key(WS, name_key(name))
        assert found is not None
        return found.id


def test_warned_once_then_returned_once_with_the_reason(services, clock) -> None:
    _crowd(services, clock)
    assert sweep_pool(services, WARN_AT - timedelta(minutes=1), batch=50) == 0
    assert sweep_pool(services, WARN_AT, batch=50) == 120  # in batches of 50
    assert sweep_pool(services, WARN_AT + timedelta(hours=1), batch=50) == 0  # a restart
    warnings = _notes(services, POOL_WARNING)
    assert len(warnings) == 120 and len(_events(services, "warn")) == 120
    first = next(n for n in warnings if n.payload["customer"] == "Acme Trading 001")
    assert first.recipient == REP and first.payload["reason"] == "protection_ended"
    assert datetime.fromisoformat(first.payload["until"]) == ENDS
    assert sweep_pool(services, ENDS - timedelta(seconds=1)) == 0
    assert sweep_pool(services, ENDS) == 120
    assert sweep_pool(services, ENDS + timedelta(days=1)) == 0
    returned = _events(services, "return")
    assert len(returned) == 120 and {e.reason for e in returned} == {"protection_ended"}
    assert all(e.unworked for e in returned)  # nobody logged anything on them
    acme = _id(services, "Acme Trading 001")
    with services.uow() as uow:
        state = uow.pool.state(acme)
        assert state is not None and state.in_pool_since == ENDS
        assert state.returned_from == REP and state.check_at is None
        assert uow.customer_people.user_ids(acme) == set()  # nobody owns it now
    told = [n for n in _notes(services, POOL_RETURNED) if n.payload["customer"] ==
            "Acme Trading 001"]
    assert [(n.recipient, n.payload["team"]) for n in told] == [(REP, "East")]
    later = _id(services, "Acme Trade 001")
    with services.uow() as uow:
        state = uow.pool.state(later)
        assert state is not None and state.in_pool_since is None  # a week younger: still owned


def test_two_copies_sweeping_at_once_warn_and_return_each_once(services, clock) -> None:
    _crowd(services, clock, 120)
    run_together(lambda: sweep_pool(services, WARN_AT, batch=20), copies=3)
    assert len(_notes(services, POOL_WARNING)) == 60
    run_together(lambda: sweep_pool(services, ENDS, batch=20), copies=3)
    assert len(_notes(services, POOL_RETURNED)) == 60
    assert len(_events(services, "return")) == 60 and len(_events(services, "warn")) == 60


def test_a_bot_down_over_the_warning_warns_late_and_returns_a_day_later(services,
                                                                        clock) -> None:
    import_customers(services, WS, [(2, {"name": "Globex", "owner": REP})], ADMIN, clock.now())
    back = ENDS + timedelta(days=2)  # down from before the warning until after the end
    assert sweep_pool(services, back) == 1
    assert len(_notes(services, POOL_WARNING)) == 1 and not _events(services, "return")
    assert sweep_pool(services, back + timedelta(hours=23)) == 0
    assert sweep_pool(services, back + timedelta(days=1)) == 1
    assert len(_events(services, "return")) == 1


def test_a_win_before_the_end_keeps_it_and_drops_the_queued_warning(services, clock) -> None:
    import_customers(services, WS, [(2, {"name": "Globex", "owner": REP})], ADMIN, clock.now())
    sweep_pool(services, WARN_AT)
    classify_named(services, WS, REP, "Globex", "stage", "won", WARN_AT + timedelta(hours=1))
    assert sweep_pool(services, ENDS + timedelta(days=30)) == 0
    assert not _events(services, "return")
    note = _notes(services, POOL_WARNING)[0]
    compose = KINDS[POOL_WARNING].compose
    assert compose is not None
    with services.uow() as uow:  # the sender composes it now: the warning no longer holds
        assert compose(services, uow, note, dict(note.payload), WARN_AT) is None


def test_a_logged_prospect_still_returns_but_not_as_unworked(services, clock) -> None:
    import_customers(services, WS, [(2, {"name": "Globex", "owner": REP})], ADMIN, clock.now())
    clock.advance(days=3)
    log_contact(services, LogRequest(WS, REP, "Globex: called Li, no budget yet", "dm", "k1",
                                     reply_channel="D0X"), clock.now())
    sweep_pool(services, WARN_AT)
    sweep_pool(services, ENDS)
    (returned,) = _events(services, "return")
    assert returned.unworked is False and returned.from_user == REP
