"""A read remembered for a unit of work is read again once a row of its kind is written."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from store.models import Customer
from store.pool_models import PoolState
from store.repositories.pool_places import pool_states

NOW = datetime(2026, 12, 4, tzinfo=UTC)


def _customer(services) -> int:
    with services.uow() as uow:
        c = Customer(workspace_id="T1", name="Acme Corp", name_key="acme corp",
                     owner_id="U1", created_by="U1", created_at=NOW)
        uow.customers.add(c)
        uow.commit()
        return c.id


def test_a_pool_place_added_in_the_unit_of_work_is_seen_after_it_was_absent(services) -> None:
    cid = _customer(services)
    with services.uow() as uow:
        assert pool_states(uow.session, [cid]) == {}
        uow.session.add(PoolState(customer_id=cid, workspace_id="T1", team="east", updated_at=NOW))
        assert pool_states(uow.session, [cid])[cid].team == "east"  # pending
        uow.session.flush()
        assert pool_states(uow.session, [cid])[cid].team == "east"  # flushed


def test_a_pool_place_changed_by_a_statement_is_read_again(services) -> None:
    cid = _customer(services)
    with services.uow() as uow:
        uow.session.add(PoolState(customer_id=cid, workspace_id="T1", team="east", updated_at=NOW))
        uow.commit()
    with services.uow() as uow:
        assert pool_states(uow.session, [cid])[cid].team == "east"
        uow.session.execute(update(PoolState).where(PoolState.customer_id == cid)
                            .values(team="west"))
        assert pool_states(uow.session, [cid])[cid].team == "west"


def test_a_customers_list_is_read_again_after_it_is_shared(services) -> None:
    cid = _customer(services)
    with services.uow() as uow:
        customer = uow.customers.get("T1", cid)
        assert uow.customers.people_on(customer).shared == frozenset()
        uow.pool.share(customer, "U2", "U1", NOW, reason="test")
        assert uow.customers.people_on(customer).shared == frozenset({"U2"})
