"""After-sale sweep queries: time to find the revisits and care dates due, as customers grow.

Usage: python bench/aftersale_sweep.py [--db sqlite,postgresql] [--sizes 10000,100000]
                                       [--reps 100]

The sweeps themselves come with the services (docs/revisits.md); what decides whether they stay
flat in customers that have nothing due is the two queries they start with, measured here:
``Revisits.task_due(now)`` and ``CareDates.due(now)``, each in its own unit of work.

For each database (a fresh SQLite file; a throw-away PostgreSQL database beside --pg-url,
dropped at the end) the schema is built with ``store.migrate.upgrade`` and the tables grow to
each size: N customers, each with a purchase plan of four revisits (the first answered and
done, the second's task already made, the last two planned for later) and two care dates
checked again in the coming months. "idle" times both queries when nothing is due (most
sweeps); "due" when 50 revisits and 50 care dates have just fallen due. The baseline rows run
the same after dropping the two partial indexes (task_due_at / check_at IS NOT NULL), which
are rebuilt afterwards. Target (issue 14's, as for reminders): under 5 ms per sweep, flat.

"revisit sweep" and "care sweep" time the whole services the delivery tick runs (median and
p99)
(``bot.services.revisits.sweep.create_revisit_tasks``, ``bot.services.care.sweep
.create_care_tasks``: the unit of work, the query, the commit) when nothing is due, wall and
CPU time (the CPU time is this process's own, so it shows the sweep's cost on a machine busy
with other work), and when 50 revisits, 50 care dates and 50 customers' cadence looks have
just fallen due (their tasks and reminders are made; a care date whose reminder is not due
on that day is only looked at again later), with the statements that due sweep ran (median:
a batch's reads are made once, not per row). "cadence sweep (baseline)" is
``create_cadence_tasks`` over the same customers (each with its next look in the coming
month), measured in the same run: the sweep every tick already pays for.
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

from sqlalchemy import Engine, event, insert, text, update  # noqa: E402

from bench.scratch import DEFAULT_PG, each_database, without_indexes  # noqa: E402
from bot.domain.teams import TeamDirectory  # noqa: E402
from bot.services.care.sweep import create_care_tasks  # noqa: E402
from bot.services.context import ServiceContext  # noqa: E402
from bot.services.revisits.sweep import create_revisit_tasks  # noqa: E402
from bot.services.tasks.cadence import create_cadence_tasks  # noqa: E402
from store.aftersale_models import CustomerCareDate, Revisit, RevisitPlan  # noqa: E402
from store.engine import checkpoint, make_engine, make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Customer  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

Sweep = Callable[[ServiceContext, datetime], int]
WS = "T0BENCH"
DUE_NOW = 50
CHUNK = 5_000
NOW = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)
INDEXES = {"ix_revisits_task_due": "revisits (task_due_at) WHERE task_due_at IS NOT NULL",
           "ix_care_dates_check": "care_dates (check_at) WHERE check_at IS NOT NULL"}


def grow(engine: Engine, first: int, last: int, rng: random.Random) -> None:
    """Customers first..last-1 with their plans, revisits and care dates."""
    for start in range(first, last, CHUNK):
        ids = range(start, min(last, start + CHUNK))
        customers, plans, revisits, cares = [], [], [], []
        for cid in ids:
            won = NOW - timedelta(days=rng.randrange(1, 60))
            customers.append(dict(id=cid, workspace_id=WS, name=f"Customer {cid}",
                                  name_key=f"customer {cid}", owner_id=f"U{cid % 97:05d}",
                                  created_by="U0", created_at=won,
                                  cadence_due_at=NOW + timedelta(days=rng.randrange(1, 30))))
            plans.append(dict(id=cid, workspace_id=WS, customer_id=cid, kind="after_purchase",
                              event_key=f"after_purchase:{cid}:{won.date()}", event_at=won,
                              source="stage", created_by="U0", created_at=won))
            for pos, (step, days, status, due) in enumerate((
                    ("1wd", 1, "reached", None), ("3d", 3, "open", None),
                    ("3w", 21, "planned", NOW + timedelta(days=rng.randrange(1, 30))),
                    ("3m", 90, "planned", NOW + timedelta(days=rng.randrange(30, 90))))):
                revisits.append(dict(workspace_id=WS, plan_id=cid, customer_id=cid, step=step,
                                     position=pos, due_day=won.date() + timedelta(days=days),
                                     status=status, task_due_at=due, tries=1 if due is None
                                     else 0, created_at=won, updated_at=won))
            for kind, label in (("birthday", "王总"), ("renewal", "")):
                cares.append(dict(workspace_id=WS, customer_id=cid, kind=kind, label=label,
                                  month=rng.randrange(1, 13), day=rng.randrange(1, 29),
                                  source="form",
                                  check_at=NOW + timedelta(days=rng.randrange(1, 300)),
                                  created_by="U0", created_at=won, updated_at=won))
        with engine.begin() as conn:
            for model, rows in ((Customer, customers), (RevisitPlan, plans),
                                (Revisit, revisits), (CustomerCareDate, cares)):
                conn.execute(insert(model), rows)
    checkpoint(engine)  # the bot checkpoints SQLite's log in the background: so does the bench
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("customers", "revisit_plans", "revisits", "care_dates"):
                conn.execute(text(f"VACUUM ANALYZE {table}"))


def sweep(factory: Any) -> float:
    """One sweep's two queries, each in its own unit of work, as a job would open them."""
    t0 = time.perf_counter()
    with UnitOfWork(factory) as uow:
        uow.revisits.task_due(NOW)
    with UnitOfWork(factory) as uow:
        uow.care_dates.due(NOW)
    return time.perf_counter() - t0


def make_due(engine: Engine, size: int, rng: random.Random) -> tuple[list[int], list[int]]:
    """Bring 50 revisits without a task due, 50 care dates and 50 customers' cadence looks
    due now, untimed."""
    rids = rng.sample(range(1, size * 4), DUE_NOW)
    cids = rng.sample(range(1, size * 2), DUE_NOW)
    with engine.begin() as conn:
        conn.execute(update(Customer).where(Customer.id.in_(rng.sample(range(1, size),
                                                                       DUE_NOW)))
                     .values(cadence_due_at=NOW - timedelta(minutes=1)))
        conn.execute(update(Revisit).where(Revisit.id.in_(rids))
                     .values(task_due_at=NOW - timedelta(minutes=1)))
        conn.execute(update(CustomerCareDate).where(CustomerCareDate.id.in_(cids))
                     .values(check_at=NOW - timedelta(minutes=1)))
    return rids, cids


def done(engine: Engine, rids: list[int], cids: list[int]) -> None:
    """What the sweep would do to the rows it took: nothing due any more, untimed."""
    with engine.begin() as conn:
        conn.execute(update(Revisit).where(Revisit.id.in_(rids)).values(task_due_at=None))
        conn.execute(update(CustomerCareDate).where(CustomerCareDate.id.in_(cids))
                     .values(check_at=NOW + timedelta(days=200)))
        conn.execute(update(Customer).where(Customer.cadence_due_at <= NOW)
                     .values(cadence_due_at=NOW + timedelta(days=20)))


def timed(engine: Engine, size: int, reps: int, rng: random.Random
          ) -> tuple[float, float, float]:
    """Median and least ms of an idle sweep, median ms of a sweep with 100 rows due (the
    least shows the query's own cost on a machine busy with other work)."""
    factory = make_session_factory(engine)
    for _ in range(3):
        sweep(factory)
    idle = [sweep(factory) for _ in range(reps)]
    busy = []
    for _ in range(max(5, reps // 10)):
        rids, cids = make_due(engine, size, rng)
        busy.append(sweep(factory))
        done(engine, rids, cids)
    return statistics.median(idle) * 1000, min(idle) * 1000, statistics.median(busy) * 1000


def p99(samples: list[float]) -> float:
    """The 99th percentile, in ms."""
    return statistics.quantiles(samples, n=100, method="inclusive")[98] * 1000


class Statements:
    """Counts the SQL statements an engine runs while `on` (the due path's cost in round
    trips: on SQLite each new row is an INSERT of its own, the driver cannot return the ids
    of a multi-row one in order)."""

    def __init__(self, engine: Engine) -> None:
        self.count, self.on = 0, False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += self.on


def service_timed(engine: Engine, size: int, reps: int, rng: random.Random, run: Sweep
                  ) -> tuple[float, float, float, float, float, float, int]:
    """Median and p99 wall ms and median and p99 CPU ms of a sweep service with nothing due,
    median and p99 wall ms when 50 revisits and 50 care dates are due (their tasks are
    made), and the median number of statements such a sweep ran."""
    factory = make_session_factory(engine)
    ctx = ServiceContext(uow=lambda: UnitOfWork(factory), directory=TeamDirectory())
    for _ in range(3):
        run(ctx, NOW)
    wall, cpu = [], []
    for _ in range(reps):
        w0, c0 = time.perf_counter(), time.process_time()
        run(ctx, NOW)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    busy, counts, counter = [], [], Statements(engine)
    for _ in range(max(5, reps // 10)):
        rids, cids = make_due(engine, size, rng)
        counter.count, counter.on = 0, True
        t0 = time.perf_counter()
        run(ctx, NOW)
        busy.append(time.perf_counter() - t0)
        counter.on = False
        counts.append(counter.count)
        done(engine, rids, cids)
    return (statistics.median(wall) * 1000, p99(wall), statistics.median(cpu) * 1000,
            p99(cpu), statistics.median(busy) * 1000, p99(busy),
            int(statistics.median(counts)))


SWEEP_SQL = ("SELECT * FROM revisits WHERE task_due_at IS NOT NULL AND task_due_at <= :now "
             "ORDER BY task_due_at LIMIT 200",
             "SELECT * FROM care_dates WHERE check_at IS NOT NULL AND check_at <= :now "
             "ORDER BY check_at LIMIT 200")


def plans(engine: Engine) -> None:
    """How each database runs the two queries (what stays flat is the database's work)."""
    pg = engine.dialect.name == "postgresql"
    now: Any = NOW if pg else NOW.replace(tzinfo=None).isoformat(sep=" ")
    with engine.connect() as conn:
        for sql in SWEEP_SQL:
            explain = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
            rows = conn.execute(text(explain + sql), {"now": now}).fetchall()
            print("   " + " / ".join(str(r[-1]).strip() for r in rows
                                     if pg is False or "Buffers" in r[0] or "Scan" in r[0]
                                     or "Execution" in r[0]), flush=True)


def bench(db: str, url: str, sizes: list[int], reps: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng, grown = random.Random(14), 1
    for size in sizes:
        grow(engine, grown, size + 1, rng)
        grown = size + 1
        idle, least, busy = timed(engine, size, reps, rng)
        b_idle, b_least, b_busy = without_indexes(
            engine, INDEXES, lambda s=size: timed(engine, s, reps, rng))
        print(f"{db:<10} {size:>7} customers  idle {idle:6.2f} ms (least {least:5.2f})  "
              f"100 due {busy:6.2f} ms | no partial index: idle {b_idle:7.2f} ms "
              f"(least {b_least:6.2f})  100 due {b_busy:7.2f} ms", flush=True)
        # The care sweep beside the cadence sweep (the baseline: the same service shape over
        # customers.cadence_due_at), in the same run on the same tables.
        for name, run in (("revisit sweep", create_revisit_tasks),
                          ("care sweep", create_care_tasks),
                          ("cadence sweep (baseline)", create_cadence_tasks)):
            wall, wall99, cpu, cpu99, busy, busy99, count = service_timed(
                engine, size, reps, rng, run)
            print(f"{db:<10} {size:>7} customers  {name}: idle {wall:6.2f} ms "
                  f"(p99 {wall99:6.2f}; CPU {cpu:5.2f}, p99 {cpu99:5.2f})  50 due "
                  f"{busy:7.2f} ms (p99 {busy99:7.2f}), {count} statements", flush=True)
    plans(engine)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"after-sale sweep queries: {args.reps} idle sweeps per row")
    each_database(args.db, args.pg_url, lambda db, url: bench(db, url, sizes, args.reps))


if __name__ == "__main__":
    main()
