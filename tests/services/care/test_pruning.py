"""The tick lets go of what corrected key dates replaced, on SQLite and PostgreSQL: nothing
within KEEP_REPLACED (Undo works as before), then only what an Undo of the current value's
log still needs; a batch per tick; a pruned row is not read again by the next tick."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from bot import jobs
from bot.services.care.dates import record_care_date
from bot.services.care.pruning import KEEP_REPLACED, prune_replaced
from bot.services.context import ServiceContext
from bot.services.logs import fixing as logs
from bot.services.logs.intake import LogRequest, log_contact
from store.aftersale_models import CustomerCareDate
from store.models import Customer
from tests.support.fakes import FakeClock

WS, REP = "T0TEST", "U0REP"


def _acme(services: ServiceContext, clock: FakeClock) -> int:
    with services.uow() as uow:
        c = uow.customers.add(Customer(workspace_id=WS, name="Acme Corp",
                                       name_key="acme corp", owner_id=REP, created_by=REP,
                                       created_at=clock.now()))
        uow.commit()
        return c.id


def _log(services: ServiceContext, clock: FakeClock, text: str, key: str) -> int:
    out = log_contact(services, LogRequest(WS, REP, text, "slash", key,
                                           reply_channel="D0REP"), clock.now())
    assert out.status == "recorded" and out.follow_up is not None
    return out.follow_up.id


def _form(services: ServiceContext, clock: FakeClock, customer_id: int, day: int) -> None:
    with services.uow() as uow:
        customer = uow.customers.get(WS, customer_id)
        assert customer is not None
        record_care_date(services, uow, customer, "birthday", 11, day, None, "Mr Li",
                         source="form", actor=REP, now=clock.now())
        uow.commit()


def _birthday(services: ServiceContext) -> tuple[int, str, list | None] | None:
    with services.uow() as uow:
        row = uow.session.scalar(select(CustomerCareDate))
        return None if row is None else (row.day, row.source, row.replaced)


def _undo(services: ServiceContext, clock: FakeClock, log_id: int) -> None:
    assert logs.undo_log(services, WS, REP, log_id, clock.now()).status == "undone"


def test_after_the_retention_undo_of_the_current_log_still_restores(
        services: ServiceContext, clock: FakeClock) -> None:
    acme = _acme(services, clock)
    _form(services, clock, acme, 26)
    first = _log(services, clock, "Acme Corp: Mr Li's birthday is 27 November", "k1")
    second = _log(services, clock, "Acme Corp: sorry, Mr Li's birthday is 28 November", "k2")
    day, source, replaced = _birthday(services) or (0, "", None)
    assert (day, source, [(w["day"], w["source"]) for w in replaced or ()]) == (
        28, "log", [(26, "form"), (27, "log")])
    # Within the retention nothing goes.
    assert prune_replaced(services, clock.now() + KEEP_REPLACED - timedelta(minutes=1)) == 0
    clock.advance(days=90, minutes=1)
    assert prune_replaced(services, clock.now()) == 1
    assert _birthday(services) == (28, "log", [
        {"month": 11, "day": 27, "year": None, "source": "log", "follow_up_id": None}])
    assert prune_replaced(services, clock.now()) == 0  # looked at again only after a while
    _undo(services, clock, second)  # the log that gave the current value: its value before
    assert _birthday(services) == (27, "log", None)
    _undo(services, clock, first)  # settled: the date a form gave before is never deleted
    assert _birthday(services) == (27, "log", None)


def test_with_the_current_value_from_the_form_nothing_is_kept(
        services: ServiceContext, clock: FakeClock) -> None:
    acme = _acme(services, clock)
    first = _log(services, clock, "Acme Corp: Mr Li's birthday is 27 November", "k1")
    _form(services, clock, acme, 28)
    assert (_birthday(services) or (0, "", None))[2] == [
        {"month": 11, "day": 27, "year": None, "source": "log", "follow_up_id": first}]
    clock.advance(days=3)
    jobs.tick(services, clock.now)  # the care sweep reminds of the birthday: a touch
    clock.advance(days=89)
    jobs.tick(services, clock.now)
    assert (_birthday(services) or (0, "", None))[2] is not None
    clock.advance(days=2)
    jobs.tick(services, clock.now)  # the tick prunes
    assert _birthday(services) == (28, "form", None)
    _undo(services, clock, first)  # as before pruning: the form's date stands
    assert _birthday(services) == (28, "form", None)
    clock.advance(days=91)
    assert prune_replaced(services, clock.now()) == 0  # nothing kept: never read again


def test_a_tick_prunes_a_batch(services: ServiceContext, clock: FakeClock) -> None:
    with services.uow() as uow:
        for i in range(230):
            c = uow.customers.add(Customer(workspace_id=WS, name=f"C{i}", name_key=f"c{i}",
                                           owner_id=REP, created_by=REP,
                                           created_at=clock.now()))
            uow.session.flush()
            uow.session.add(CustomerCareDate(
                workspace_id=WS, customer_id=c.id, kind="birthday", label="", month=3,
                day=5, source="form", replaced=[{"month": 3, "day": 4, "year": None,
                                                 "source": "log", "follow_up_id": None}],
                created_by=REP, created_at=clock.now(), updated_at=clock.now()))
        uow.commit()
    later = clock.now() + KEEP_REPLACED + timedelta(days=1)
    assert [prune_replaced(services, later) for _ in range(3)] == [200, 30, 0]
    with services.uow() as uow:
        assert uow.session.scalars(select(CustomerCareDate).where(
            CustomerCareDate.replaced.is_not(None))).all() == []
        # An Undo that emptied the history left JSON null in older rows: read as nothing.
        uow.session.execute(update(CustomerCareDate).values(replaced=None))
        uow.commit()
    assert prune_replaced(services, later + KEEP_REPLACED * 2) == 0
