"""Migration 0013_pool fills each customer's list once from the sharing derived before it
(owner, whoever logged on it, whoever holds a task on it), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import select

from store.engine import make_engine, make_session_factory
from store.migrate import alembic_config, is_current, upgrade
from store.models import Customer, FollowUp, Task
from store.pool_models import CustomerPerson, OwnershipEvent, PoolState
from store.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def _log(ws: str, author: str, customer_id: int | None, at: datetime, n: int) -> FollowUp:
    return FollowUp(workspace_id=ws, author_id=author, source="dm", source_key=f"k{n}",
                    raw_text="called", status="recorded", customer_id=customer_id,
                    created_at=at, updated_at=at)


def _task(ws: str, owner: str, customer_id: int, at: datetime) -> Task:
    return Task(workspace_id=ws, owner_id=owner, customer_id=customer_id, title="call back",
                origin="manual", status="done", tz="UTC", created_at=at, updated_at=at)


def test_the_derived_sharing_becomes_each_customers_list(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012_revisits")
    factory = make_session_factory(engine)
    try:
        with UnitOfWork(factory) as uow:
            uow.act_as("U0REP", NOW)
            acme = Customer(workspace_id="T1", name="Acme", name_key="acme", owner_id="U0REP",
                            created_by="U0LEAD", created_at=NOW)
            beta = Customer(workspace_id="T1", name="Beta", name_key="beta", owner_id="U0KIM",
                            created_by="U0KIM", created_at=NOW)
            uow.session.add_all([acme, beta])
            uow.session.flush()
            later = NOW + timedelta(days=2)
            uow.session.add_all([
                _log("T1", "U0REP", acme.id, later, 1),  # the owner: already on the list
                _log("T1", "U0SAM", acme.id, later, 2),
                _log("T1", "U0SAM", acme.id, NOW + timedelta(days=1), 3),
                _log("T1", "U0ANN", None, later, 4),  # a held log names no customer
                _log("T9", "U0BOB", acme.id, later, 5),  # another workspace's row
                _task("T1", "U0SAM", acme.id, NOW + timedelta(hours=1)),
                _task("T1", "U0TOM", acme.id, later),
                _task("T1", "U0REP", beta.id, later),
            ])
            uow.commit()
            ids = (acme.id, beta.id)
        # What the derived rule (now gone) gave: the owner, whoever logged on the customer
        # and whoever holds a task on it, in its workspace.
        derived = {ids[0]: {"U0REP", "U0SAM", "U0TOM"}, ids[1]: {"U0KIM", "U0REP"}}
        upgrade(engine)
        assert is_current(engine)
        with UnitOfWork(factory) as uow:
            rows = uow.session.scalars(select(CustomerPerson).order_by(
                CustomerPerson.customer_id, CustomerPerson.role, CustomerPerson.user_id)).all()
            listed = {cid: {r.user_id for r in rows if r.customer_id == cid} for cid in ids}
            assert listed == derived
            assert [(r.customer_id, r.user_id, r.role, r.why, r.since, r.added_by)
                    for r in rows] == [
                (ids[0], "U0REP", "owner", "created", NOW, "U0LEAD"),
                (ids[0], "U0SAM", "shared", "logged", NOW + timedelta(hours=1), "bot"),
                (ids[0], "U0TOM", "shared", "task", NOW + timedelta(days=2), "bot"),
                (ids[1], "U0KIM", "owner", "created", NOW, "U0KIM"),
                (ids[1], "U0REP", "shared", "task", NOW + timedelta(days=2), "bot"),
            ]
    finally:
        upgrade(engine)
        engine.dispose()


def test_logs_since_the_first_fill_put_their_authors_on_the_lists(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0021_aftersale_care_replaced")
    factory = make_session_factory(engine)
    later = NOW + timedelta(days=2)
    try:
        with UnitOfWork(factory) as uow:
            uow.act_as("U0REP", NOW)
            acme, pooled = (Customer(workspace_id="T1", name=n, name_key=n.lower(),
                                     owner_id="U0REP", created_by="U0REP", created_at=NOW)
                            for n in ("Acme", "Pooled"))
            uow.session.add_all([acme, pooled])
            uow.session.flush()
            for c in (acme, pooled):
                uow.session.add(CustomerPerson(workspace_id="T1", customer_id=c.id,
                                               user_id="U0REP", role="owner", since=NOW,
                                               why="created", added_by="U0REP"))
            uow.session.add(PoolState(workspace_id="T1", customer_id=pooled.id, team="East",
                                      in_pool_since=later, updated_at=later))
            undone = _log("T1", "U0BOB", acme.id, NOW, 4)
            undone.status = "undone"
            uow.session.add_all([
                _log("T1", "U0SAM", acme.id, later, 1),  # logged, never on the list
                _log("T1", "U0SAM", acme.id, NOW + timedelta(days=1), 2),
                _log("T1", "U0ANN", acme.id, NOW, 3),  # taken off after her log
                undone,  # an undone log attaches nobody
                _log("T1", "U0TOM", pooled.id, NOW, 5),  # a pooled prospect: claim it
                OwnershipEvent(workspace_id="T1", customer_id=acme.id, kind="unshare",
                               from_user="U0ANN", actor="U0LEAD", at=NOW + timedelta(hours=1)),
            ])
            uow.commit()
            acme_id = acme.id
        upgrade(engine)
        with UnitOfWork(factory) as uow:
            rows = uow.session.scalars(select(CustomerPerson).order_by(
                CustomerPerson.customer_id, CustomerPerson.user_id)).all()
            assert [(r.customer_id, r.user_id, r.role, r.why, r.since) for r in rows
                    if r.role == "shared"] == [
                (acme_id, "U0SAM", "shared", "logged", NOW + timedelta(days=1))]
            shares = uow.session.scalars(select(OwnershipEvent).where(
                OwnershipEvent.kind == "share")).all()
            assert [(e.customer_id, e.to_user, e.reason, e.actor) for e in shares] == [
                (acme_id, "U0SAM", "logged", "bot")]
    finally:
        upgrade(engine)
        engine.dispose()
