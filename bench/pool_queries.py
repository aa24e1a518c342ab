"""Pool queries and services: time to find the terms due (the return sweep) and a page of a
team's pool (/pool), as customers grow, and the services' own calls around them.

Usage: python bench/pool_queries.py [--db sqlite,postgresql] [--sizes 100000]
                                    [--pooled 0.1] [--reps 200]
The issue's cases: ``--sizes 100000 --pooled 1`` (a team with 100,000 pooled prospects; quick)
and ``--sizes 100000,1000000`` (the return sweep at 1,000,000 customers; the seed takes
minutes, so it is not the default).

What decides whether the sweep and /pool stay flat is the queries they start with, measured
here each in its own unit of work: ``Pool.due(now)`` and ``Pool.pooled(workspace, team)`` (the
first page, and a page from the middle of the pool through its cursor). Beside them the
services' whole calls: "answer" is the whole /pool answer as a rep of the team gets it
(``list_pool`` and its Block Kit, ``pool_list_message``), "sweep run" the whole return sweep
(``sweep_pool``: its batches, each a committed unit of work) when nothing is due, wall and
"sweep run CPU" (this process's CPU time for the same runs: the sweep's own cost on a machine
busy with other work).

For each database (a fresh SQLite file; a throw-away PostgreSQL database beside --pg-url,
dropped at the end) the schema is built with ``store.migrate.upgrade`` and grows to each size:
N customers in --teams teams (default 1); a share --pooled of them (default 10%) in their team's
pool, the rest on their owner's list: 20% of those won (no term), the others owned prospects
whose warning or end is 1-60 days ahead. "sweep" times the sweep's query when nothing is due;
"busy" when 100 terms have just come due. The baseline runs the same after dropping the two
partial indexes, rebuilt afterwards. Targets (issue 15): the sweep p99 under 5 ms, /pool p99
under 50 ms, both flat.
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
from bot.domain.teams import Team, TeamDirectory  # noqa: E402
from bot.services.context import ServiceContext  # noqa: E402
from bot.services.pool.claiming import list_pool  # noqa: E402
from bot.services.pool.sweep import sweep_pool  # noqa: E402
from handlers.blocks.pool import pool_list_message  # noqa: E402
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
OWNERS = 97
REP = "U00001"  # a member of Team 0, who asks /pool


def pooled(cid: int, share: float) -> bool:
    """Whether customer `cid` is seeded in its team's pool: a share, spread over the ids."""
    return (cid * 7919) % 1000 < share * 1000


def owned(cid: int, share: float) -> bool:
    """Whether it is seeded as an owned prospect with a term (not pooled, not won)."""
    return not pooled(cid, share) and cid % 10 not in (7, 8)


def grow(engine: Engine, first: int, last: int, teams: int, share: float,
         rng: random.Random) -> None:
    """Customers first..last-1, their owners on their lists, their pool states."""
    for start in range(first, last, CHUNK):
        customers, people, states = [], [], []
        for cid in range(start, min(last, start + CHUNK)):
            owner, team = f"U{cid % OWNERS:05d}", f"Team {cid % teams}"
            won = not pooled(cid, share) and not owned(cid, share)
            made = NOW - timedelta(days=rng.randrange(1, 400))
            customers.append(dict(id=cid, workspace_id=WS, name=f"Customer {cid}",
                                  name_key=f"customer {cid}", owner_id=owner, created_by=owner,
                                  created_at=made, stage="won" if won else "inquiry"))
            state: dict[str, Any] = dict(
                customer_id=cid, workspace_id=WS, team=team, updated_at=made, owner_since=None,
                protected_until=None, check_at=None, in_pool_since=None, returned_from=None,
                returned_reason=None)
            if pooled(cid, share):  # nobody on the list owns it
                state.update(in_pool_since=NOW - timedelta(minutes=rng.randrange(1, 10**6)),
                             returned_from=owner, returned_reason="protection_ended")
            else:
                people.append(dict(workspace_id=WS, customer_id=cid, user_id=owner,
                                   role="owner", since=made, why="created", added_by=owner))
                if owned(cid, share):
                    ahead = NOW + timedelta(minutes=rng.randrange(60, 60 * 24 * 60))
                    state.update(owner_since=made, protected_until=ahead, check_at=ahead)
            states.append(state)
        with engine.begin() as conn:
            for model, rows in ((Customer, customers), (CustomerPerson, people),
                                (PoolState, states)):
                if rows:
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


def services(factory: Any, teams: int) -> ServiceContext:
    """The services as the bot builds them, with the seeded teams (every owner in each)."""
    members = tuple(f"U{i:05d}" for i in range(1, OWNERS))
    return ServiceContext(uow=lambda: UnitOfWork(factory), directory=TeamDirectory(teams=tuple(
        Team(name=f"Team {t}", channel=f"C{t:05d}", lead="U00000",
             members=members if t == 0 else (), timezone="Asia/Shanghai")
        for t in range(teams))))


def sample(factory: Any, ctx: ServiceContext, middle: tuple[datetime, int]
           ) -> dict[str, float]:
    """One sweep query and two /pool pages, each in its own unit of work; the whole /pool
    answer and the whole sweep run."""
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

    def answer() -> None:  # the whole /pool answer: the service and its blocks
        found = list_pool(ctx, WS, REP, "")
        assert found.status == "list" and found.rows
        pool_list_message(found)

    def sweep_run() -> None:  # the whole return sweep with nothing due
        assert sweep_pool(ctx, NOW) == 0

    c0 = time.process_time()
    run = _ms(sweep_run)
    cpu = (time.process_time() - c0) * 1000  # this process's own: the sweep's cost under load
    return {"sweep": _ms(due), "pool": _ms(first_page), "deep": _ms(deep_page),
            "listing": _ms(listing), "answer": _ms(answer), "sweep run": run,
            "sweep run CPU": cpu}


def timed(engine: Engine, size: int, reps: int, teams: int, share: float,
          rng: random.Random) -> Timings:
    factory = make_session_factory(engine)
    ctx = services(factory, teams)
    with UnitOfWork(factory) as uow:
        page = uow.pool.pooled(WS, "Team 0", limit=10**7)
        mid = page[len(page) // 2]
        assert mid.in_pool_since is not None
        middle = (mid.in_pool_since, mid.customer_id)
    for _ in range(3):
        sample(factory, ctx, middle)
    out: Timings = {"sweep": [], "pool": [], "deep": [], "listing": [], "answer": [],
                    "sweep run": [], "sweep run CPU": [], "busy": []}
    for _ in range(reps):
        for k, v in sample(factory, ctx, middle).items():
            out[k].append(v)
    terms = [c for c in range(1, size + 1) if owned(c, share)]
    for _ in range(max(5, reps // 20) if len(terms) >= DUE_NOW else 0):
        ids = rng.sample(terms, DUE_NOW)
        with engine.begin() as conn:
            conn.execute(update(PoolState).where(PoolState.customer_id.in_(ids))
                         .values(check_at=NOW - timedelta(minutes=1)))
        with UnitOfWork(factory) as uow:
            t0 = time.perf_counter()
            uow.pool.due(NOW)
            out["busy"].append((time.perf_counter() - t0) * 1000)
        with engine.begin() as conn:  # what the sweep would do: nothing due any more
            conn.execute(update(PoolState).where(PoolState.customer_id.in_(ids))
                         .values(check_at=NOW + timedelta(days=30)))
    return out


def p99(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * 0.99))]


def line(t: Timings) -> str:
    return "  ".join(f"{k} {statistics.median(v):6.2f}/{p99(v):6.2f}" for k, v in t.items()
                     if v)


def bench(db: str, url: str, sizes: list[int], reps: int, teams: int, share: float) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng, grown = random.Random(15), 1
    for size in sizes:
        t0 = time.perf_counter()
        grow(engine, grown, size + 1, teams, share, rng)
        grown = size + 1
        in_pool = sum(1 for c in range(1, size + 1) if pooled(c, share) and c % teams == 0)
        print(f"{db:<10} {size:>8} customers, {in_pool} in Team 0's pool (seeded in "
              f"{time.perf_counter() - t0:.0f} s; ms median/p99)", flush=True)
        print(f"{'':<10} {'':>8} {line(timed(engine, size, reps, teams, share, rng))}",
              flush=True)
        base = without_indexes(engine, INDEXES,
                               lambda s=size: timed(engine, s, reps // 4, teams, share, rng))
        print(f"{'':<10} {'':>8} no partial indexes: {line(base)}", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--pooled", type=float, default=0.1,
                        help="share of the customers in their team's pool (0-1)")
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--teams", type=int, default=1)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    teams = args.teams
    print(f"pool queries: {args.reps} samples per row; sweep = Pool.due, pool = first page of "
          f"/pool, deep = a page from its middle, listing = /pool's first page joined with its "
          f"filters (Pool.pooled_matching), answer = the whole /pool answer (list_pool + "
          f"pool_list_message), sweep run = the whole sweep_pool, nothing due, busy = "
          f"Pool.due with {DUE_NOW} due")
    each_database(args.db, args.pg_url,
                  lambda db, url: bench(db, url, sizes, args.reps, teams, args.pooled))


if __name__ == "__main__":
    main()
