"""Pool queries: time to find the terms due (the return sweep) and a page of a team's pool
(/pool), as customers grow.

Usage: python bench/pool_queries.py [--db sqlite,postgresql] [--sizes 100000,1000000]
                                    [--reps 200]

The sweep and /pool come with the services (docs/pool.md); what decides whether they stay flat
is the queries they start with, measured here each in its own unit of work:
``Pool.due(now)`` and ``Pool.pooled(workspace, team)`` (the first page, and a page from the
middle of the pool through its cursor).

For each database (a fresh SQLite file; a throw-away PostgreSQL database beside --pg-url,
dropped at the end) the schema is built with ``store.migrate.upgrade`` and grows to each size:
N customers in --teams teams (default 1), each on its owner's list; 70% owned prospects whose
warning or end is 1-60 days ahead, 20% won (no term), 10% in their team's pool (at 1,000,000
customers in one team: the issue's team with 100,000 pooled prospects). "idle"
times the sweep when nothing is due; "100 due" when 100 terms have just come due. The baseline
runs the same after dropping the two partial indexes, rebuilt afterwards. Targets (issue 15):
the sweep p99 under 5 ms, /pool p99 under 50 ms, both flat.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, insert, text, update  # noqa: E402

from bench.scratch import DEFAULT_PG, each_database, without_indexes  # noqa: E402
from store.engine import checkpoint, make_engine, make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Customer  # noqa: E402
from store.pool_models import CustomerPerson, PoolState  # noqa: E402
from store.repositories.customers import ListQuery  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

WS = "T0BENCH"
DUE_NOW = 100
CHUNK = 5_000
NOW = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)
INDEXES = {
    "ix_pool_states_check": "pool_states (check_at) WHERE check_at IS NOT NULL",
    "ix_pool_states_pooled": "pool_states (workspace_id, team, in_pool_since) "
                             "WHERE in_pool_since IS NOT NULL"}
Timings = dict[str, list[float]]


def grow(engine: Engine, first: int, last: int, teams: int, rng: random.Random) -> None:
    """Customers first..last-1, their owners on their lists, their pool states."""
    for start in range(first, last, CHUNK):
        customers, people, states = [], [], []
        for cid in range(start, min(last, start + CHUNK)):
            owner, team, kind = f"U{cid % 97:05d}", f"Team {cid % teams}", cid % 10
            made = NOW - timedelta(days=rng.randrange(1, 400))
            customers.append(dict(id=cid, workspace_id=WS, name=f"Customer {cid}",
                                  name_key=f"customer {cid}", owner_id=owner, created_by=owner,
                                  created_at=made, stage="won" if kind in (7, 8) else "inquiry"))
            state: dict[str, Any] = dict(
                customer_id=cid, workspace_id=WS, team=team, updated_at=made, owner_since=None,
                protected_until=None, check_at=None, in_pool_since=None, returned_from=None,
                returned_reason=None)
            if kind == 9:  # pooled: nobody on the list owns it
                state.update(in_pool_since=NOW - timedelta(minutes=rng.randrange(1, 10**6)),
                             returned_from=owner, returned_reason="protection_ended")
            else:
                people.append(dict(workspace_id=WS, customer_id=cid, user_id=owner,
                                   role="owner", since=made, why="created", added_by=owner))
                if kind < 7:
                    ahead = NOW + timedelta(minutes=rng.randrange(60, 60 * 24 * 60))
                    state.update(owner_since=made, protected_until=ahead, check_at=ahead)
            states.append(state)
        with engine.begin() as conn:
            for model, rows in ((Customer, customers), (CustomerPerson, people),
                                (PoolState, states)):
                conn.execute(insert(model), rows)
    checkpoint(engine)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("customers", "customer_people", "pool_states"):
                conn.execute(text(f"VACUUM ANALYZE {table}"))


def _ms(run: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    run()
    return (time.perf_counter() - t0) * 1000


def sample(factory: Any, middle: tuple[datetime, int]) -> dict[str, float]:
    """One sweep query and two /pool pages, each in its own unit of work."""
    def due() -> None:
        with UnitOfWork(factory) as uow:
            uow.pool.due(NOW)

    def first_page() -> None:
        with UnitOfWork(factory) as uow:
            uow.pool.pooled(WS, "Team 0")

    def deep_page() -> None:
        with UnitOfWork(factory) as uow:
            uow.pool.pooled(WS, "Team 0", after=middle)

    def listing() -> None:  # what /pool runs: the pooled rows joined with the filters
        with UnitOfWork(factory) as uow:
            uow.pool.pooled_matching(ListQuery(WS), "Team 0", 21)

    return {"sweep": _ms(due), "pool": _ms(first_page), "deep": _ms(deep_page),
            "listing": _ms(listing)}


def timed(engine: Engine, size: int, reps: int, rng: random.Random) -> Timings:
    factory = make_session_factory(engine)
    with UnitOfWork(factory) as uow:
        page = uow.pool.pooled(WS, "Team 0", limit=10**7)
        mid = page[len(page) // 2]
        assert mid.in_pool_since is not None
        middle = (mid.in_pool_since, mid.customer_id)
    for _ in range(3):
        sample(factory, middle)
    out: Timings = {"sweep": [], "pool": [], "deep": [], "listing": [], "busy": []}
    for _ in range(reps):
        for k, v in sample(factory, middle).items():
            out[k].append(v)
    owned = [c for c in range(1, size + 1) if c % 10 < 7]
    for _ in range(max(5, reps // 20)):
        ids = rng.sample(owned, DUE_NOW)
        with engine.begin() as conn:
            conn.execute(update(PoolState).where(PoolState.customer_id.in_(ids))
                         .values(check_at=NOW - timedelta(minutes=1)))
        out["busy"].append(sample(factory, middle)["sweep"])
        with engine.begin() as conn:  # what the sweep would do: nothing due any more
            conn.execute(update(PoolState).where(PoolState.customer_id.in_(ids))
                         .values(check_at=NOW + timedelta(days=30)))
    return out


def p99(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * 0.99))]


def line(t: Timings) -> str:
    return "  ".join(f"{k} {statistics.median(v):6.2f}/{p99(v):6.2f}" for k, v in t.items())


def bench(db: str, url: str, sizes: list[int], reps: int, teams: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng, grown = random.Random(15), 1
    for size in sizes:
        grow(engine, grown, size + 1, teams, rng)
        grown = size + 1
        print(f"{db:<10} {size:>8} customers (ms median/p99)  "
              f"{line(timed(engine, size, reps, rng))}", flush=True)
        base = without_indexes(engine, INDEXES, lambda s=size: timed(engine, s, reps // 4, rng))
        print(f"{'':<10} {'':>8} no partial indexes          {line(base)}", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--teams", type=int, default=1)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    teams = args.teams
    print(f"pool queries: {args.reps} samples per row; sweep = Pool.due, pool = first page of "
          f"/pool, deep = a page from its middle, listing = /pool's first page joined with its "
          f"filters (Pool.pooled_matching), busy = sweep with {DUE_NOW} due")
    each_database(args.db, args.pg_url,
                  lambda db, url: bench(db, url, sizes, args.reps, teams))


if __name__ == "__main__":
    main()
