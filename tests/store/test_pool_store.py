"""Ownership and the pool on SQLite and PostgreSQL: one winner of a claim race, one warning per
term end and one return per term whoever sweeps, a customer's list with one owner, history
that is never rewritten, and the list filled once from the sharing derived before it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from threading import Barrier, Event

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.pool import NO_CONTACT, PROTECTION_ENDED, Term
from store.engine import make_engine, make_session_factory
from store.models import Customer, Task
from store.pool_models import OWNER, SHARED, CustomerPerson, OwnershipEvent
from store.repositories.pool import ClaimResult
from store.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
WS = "T1"
TERM = Term(NOW, NOW + timedelta(days=30), PROTECTION_ENDED, NOW + timedelta(days=27))


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _customer(factory: sessionmaker[Session], name: str = "Acme", owner: str = "U0REP",
              term: Term | None = TERM) -> int:
    with UnitOfWork(factory) as uow:
        uow.act_as(owner, NOW)
        row = Customer(workspace_id=WS, name=name, name_key=name.lower(), owner_id=owner,
                       created_by=owner, created_at=NOW)
        uow.session.add(row)
        uow.session.flush()
        uow.customer_people.set_owner(row, owner, "created", owner, NOW, keep_previous=False)
        uow.pool.refresh_term(row, term, "East", NOW)
        uow.commit()
        return row.id


def _pooled(factory: sessionmaker[Session], name: str = "Acme") -> int:
    cid = _customer(factory, name)
    with UnitOfWork(factory) as uow:
        state, customer = uow.pool.state(cid), uow.customers.get(WS, cid)
        assert state is not None and customer is not None
        assert uow.pool.return_to_pool(state, customer, NOW + timedelta(days=30), True)
        uow.commit()
    return cid


def test_two_claims_at_once_let_exactly_one_win_and_tell_the_other_who(
        factory: sessionmaker[Session]) -> None:
    cid = _pooled(factory)
    reps = ["U0A", "U0B", "U0C", "U0D"]
    start = Barrier(len(reps))

    def claim(user: str) -> ClaimResult:
        with UnitOfWork(factory) as uow:
            uow.act_as(user, NOW + timedelta(days=31))
            start.wait()
            result = uow.pool.claim(WS, cid, user, TERM, NOW + timedelta(days=31))
            uow.commit()
            return result

    with ThreadPoolExecutor(len(reps)) as threads:
        results = list(threads.map(claim, reps))
    winners = [r.owner for r in results if r.won]
    assert len(winners) == 1
    assert all(r.owner == winners[0] for r in results)
    with UnitOfWork(factory) as uow:
        customer = uow.customers.get(WS, cid)
        state = uow.pool.state(cid)
        assert customer is not None and customer.owner_id == winners[0]
        assert state is not None and state.in_pool_since is None and state.check_at is not None
        assert [(p.user_id, p.role, p.why) for p in uow.customer_people.of(cid)] == \
            [(winners[0], OWNER, "claimed")]
        claims = [e for e in uow.ownership.history(cid) if e.kind == "claim"]
        assert [(e.to_user, e.from_user) for e in claims] == [(winners[0], "U0REP")]


def test_a_customer_not_in_the_pool_cannot_be_claimed(factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    with UnitOfWork(factory) as uow:
        assert uow.pool.claim(WS, cid, "U0B", TERM, NOW) == ClaimResult(False, "U0REP")
        assert uow.pool.claim("T2", cid, "U0B", TERM, NOW) == ClaimResult(False, None)


def test_a_term_end_is_warned_once_whoever_sweeps(factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    _customer(factory, "Quiet", term=Term(NOW, NOW + timedelta(days=60), NO_CONTACT,
                                          NOW + timedelta(days=57)))
    found, warned = [], []
    for _copy in range(2):  # a restart, or a second copy of the bot, sweeping again
        with UnitOfWork(factory) as uow:
            # The sweep reads only what is due: the quiet customer's warning has not come,
            # and once warned, Acme's next look is its end.
            found.append([s.customer_id for s in uow.pool.due(TERM.warn_at or NOW)])
            state = uow.pool.state(cid)
            assert state is not None
            warned.append(uow.pool.warn(state, "U0REP", TERM.warn_at or NOW))
            uow.commit()
    assert found == [[cid], []] and warned == [True, False]
    with UnitOfWork(factory) as uow:
        state = uow.pool.state(cid)
        assert state is not None and state.check_at == TERM.until
        assert [e.kind for e in uow.ownership.history(cid)] == ["warn"]


def test_a_term_returns_its_prospect_once_with_the_reason(
        factory: sessionmaker[Session]) -> None:
    cid = _pooled(factory)
    with UnitOfWork(factory) as uow:
        state, customer = uow.pool.state(cid), uow.customers.get(WS, cid)
        assert state is not None and customer is not None
        assert (state.returned_reason, state.returned_from) == (PROTECTION_ENDED, "U0REP")
        assert state.check_at is None and uow.customer_people.of(cid) == []
        # The same term swept again (a second copy that read it before the first committed).
        state.owner_since = NOW
        assert not uow.pool.return_to_pool(state, customer, NOW + timedelta(days=30), True)
        back = [e for e in uow.ownership.history(cid) if e.kind == "return"]
        assert [(e.from_user, e.reason, e.unworked) for e in back] == \
            [("U0REP", PROTECTION_ENDED, True)]
        assert [s.customer_id for s in uow.pool.pooled(WS, "East")] == [cid]
        assert uow.pool.pooled(WS, "West") == []


def test_a_new_end_needs_a_new_warning_and_the_same_end_keeps_the_one_sent(
        factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    later = Term(NOW, NOW + timedelta(days=44), NO_CONTACT, NOW + timedelta(days=41))
    with UnitOfWork(factory) as uow:
        state, customer = uow.pool.state(cid), uow.customers.get(WS, cid)
        assert state is not None and customer is not None
        uow.pool.warn(state, "U0REP", NOW)
        same = uow.pool.refresh_term(customer, TERM, "East", NOW)
        assert same is not None and same.warned_at == NOW
        moved = uow.pool.refresh_term(customer, later, "East", NOW)
        assert moved is not None and (moved.warned_at, moved.check_at) == (None, later.warn_at)
        won = uow.pool.refresh_term(customer, None, "East", NOW)
        assert won is not None and won.check_at is None and won.protected_until is None


def test_a_contact_by_the_former_owner_does_not_take_a_returned_prospect_back(
        factory: sessionmaker[Session]) -> None:
    cid = _pooled(factory)
    with UnitOfWork(factory) as uow:
        customer = uow.customers.get(WS, cid)
        assert customer is not None
        assert uow.pool.refresh_term(customer, TERM, "East", NOW) is None
        state = uow.pool.state(cid)
        assert state is not None and state.in_pool_since is not None


def test_a_reassignment_moves_the_owners_open_tasks_and_is_in_the_history(
        factory: sessionmaker[Session]) -> None:
    cid, pooled = _customer(factory), _pooled(factory, "Gamma")
    with UnitOfWork(factory) as uow:
        uow.act_as("U0LEAD", NOW)
        for status in ("open", "snoozed", "done"):
            uow.session.add(Task(workspace_id=WS, owner_id="U0REP", customer_id=cid,
                                 title=status, origin="manual", status=status, tz="UTC",
                                 created_at=NOW, updated_at=NOW))
        customer, gamma = uow.customers.get(WS, cid), uow.customers.get(WS, pooled)
        assert customer is not None and gamma is not None
        assert uow.pool.assign(customer, "U0KIM", "U0LEAD", TERM, "East", NOW, "handover",
                               note="Sam left") == "U0REP"
        assert uow.pool.assign(gamma, "U0KIM", "U0LEAD", TERM, "East",
                               NOW + timedelta(days=31), "lead") is None
        uow.commit()
    with UnitOfWork(factory) as uow:
        tasks = uow.session.scalars(select(Task).where(Task.customer_id == cid)).all()
        assert sorted((t.title, t.owner_id) for t in tasks) == [
            ("done", "U0REP"), ("open", "U0KIM"), ("snoozed", "U0KIM")]
        assert [(p.user_id, p.role) for p in uow.customer_people.of(cid)] == [("U0KIM", OWNER)]
        moves = [(e.kind, e.from_user, e.to_user, e.actor, e.reason, e.note)
                 for e in uow.ownership.history(cid)]
        assert moves == [("reassign", "U0REP", "U0KIM", "U0LEAD", "handover", "Sam left")]
        state = uow.pool.state(pooled)
        assert state is not None and state.in_pool_since is None and state.check_at is not None
        assert [e.kind for e in uow.ownership.history(pooled)] == ["return", "reassign"]
        assert uow.ownership.history(pooled)[-1].from_user == "U0REP"


def test_a_customers_list_has_one_owner_and_keeps_who_shares_it(
        factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    with UnitOfWork(factory) as uow:
        uow.act_as("U0LEAD", NOW)
        customer = uow.customers.get(WS, cid)
        assert customer is not None
        assert uow.pool.share(customer, "U0KIM", "U0REP", NOW)
        assert not uow.pool.share(customer, "U0KIM", "U0REP", NOW)
        assert uow.customer_people.set_owner(customer, "U0KIM", "assigned", "U0LEAD", NOW,
                                             keep_previous=True) == "U0REP"
        assert [(p.user_id, p.role) for p in uow.customer_people.of(cid)] == \
            [("U0KIM", OWNER), ("U0REP", SHARED)]
        assert customer.owner_id == "U0KIM"
        assert uow.customer_people.user_ids(cid) == {"U0KIM", "U0REP"}
        assert uow.customer_people.customer_ids(WS, ["U0REP"]) == {cid}
        assert uow.pool.unshare(customer, "U0REP", "U0KIM", NOW)
        assert not uow.pool.unshare(customer, "U0KIM", "U0KIM", NOW)  # the owner is not
        assert [(e.kind, e.to_user, e.from_user, e.actor) for e in uow.ownership.history(cid)
                ] == [("share", "U0KIM", None, "U0REP"), ("unshare", None, "U0REP", "U0KIM")]
        with pytest.raises(IntegrityError), uow.session.begin_nested():
            uow.session.add(CustomerPerson(workspace_id=WS, customer_id=cid, user_id="U0X",
                                           role=OWNER, since=NOW, why="x", added_by="x"))
            uow.session.flush()
        uow.commit()
    with UnitOfWork(factory) as uow:
        changes = [(c.actor, c.old, c.new) for c in uow.changes.for_customer(WS, cid)
                   if c.field == "owner_id" and c.old is not None]
        assert changes == [("U0LEAD", "U0REP", "U0KIM")]  # in the customer's audit trail


def test_held_prospects_and_claims_per_day(factory: sessionmaker[Session]) -> None:
    a, b = _customer(factory, "Acme"), _customer(factory, "Beta")
    _pooled(factory, "Gamma")
    with UnitOfWork(factory) as uow:
        uow.act_as("U0LEAD", NOW)
        beta = uow.customers.get(WS, b)
        assert beta is not None
        beta.stage = "won"
        assert uow.customer_people.held(WS, "U0REP", ("won", "after_sales")) == 1
        uow.ownership.record(OwnershipEvent(workspace_id=WS, customer_id=a, kind="claim",
                                            to_user="U0KIM", actor="U0KIM", at=NOW))
        assert uow.ownership.claims_since(WS, "U0KIM", NOW) == 1
        assert uow.ownership.claims_since(WS, "U0KIM", NOW + timedelta(seconds=1)) == 0
        assert len(uow.ownership.between(WS, NOW, NOW + timedelta(days=31))) == 2
        uow.commit()


def test_history_is_never_rewritten(factory: sessionmaker[Session]) -> None:
    cid = _pooled(factory)
    with UnitOfWork(factory) as uow:
        event = uow.ownership.history(cid)[0]
        event.reason = "edited"
        with pytest.raises(RuntimeError, match="is history"):
            uow.session.flush()


def test_two_transactions_giving_a_customer_its_owner_row_at_once_both_succeed(
        factory: sessionmaker[Session]) -> None:
    """A customer made before the pool has no owner row until one is given: the enrolment
    walk and a log's reading may give it at the same moment. On PostgreSQL the second insert
    waited for the first and failed the reading of the log."""
    with UnitOfWork(factory) as uow:
        row = Customer(workspace_id=WS, name="Acme", name_key="acme", owner_id="U0REP",
                       created_by="U0REP", created_at=NOW)
        uow.session.add(row)
        uow.commit()
        cid = row.id
    first_inserted = Event()

    def give_owner(first: bool) -> None:
        if not first:
            assert first_inserted.wait(10)
        with UnitOfWork(factory) as uow:
            uow.act_as("bot", NOW)
            customer = uow.customers.get(WS, cid)
            assert customer is not None
            uow.customer_people.set_owner(customer, "U0REP", "created", "bot", NOW,
                                          keep_previous=False)
            if first:
                first_inserted.set()
                time.sleep(0.3)  # the other one's insert now waits for this commit
            uow.commit()

    with ThreadPoolExecutor(2) as threads:
        done = [threads.submit(give_owner, first) for first in (True, False)]
        for future in done:
            future.result(timeout=20)  # neither raised
    with UnitOfWork(factory) as uow:
        assert [(p.user_id, p.role) for p in uow.customer_people.of(cid)] == \
            [("U0REP", OWNER)]
