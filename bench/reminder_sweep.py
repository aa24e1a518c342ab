"""Reminder sweep: time to find and claim the due notifications as the task table grows.

Usage: python bench/reminder_sweep.py [--db sqlite,postgresql] [--sizes 10000,100000,1000000]
                                      [--reps 200] [--quick]

For each database (a fresh SQLite file; a throw-away PostgreSQL database created beside
--pg-url and dropped at the end) the schema is built with ``store.migrate.upgrade``, then the
tables grow to each size in turn: N tasks, each with two reminder notifications (open tasks:
both pending and in the future; done tasks: one sent, one cancelled; overdue tasks: both
sent), inserted in bulk (executemany on SQLite, COPY on PostgreSQL). At every size each
repetition

1. inserts 50 pending notifications that fell due in the last ten minutes (not timed),
2. times ``Notifications.claim_due(now, lease, limit=50)`` in a ``UnitOfWork`` with its commit,
   exactly as ``bot.services.delivery.sweeps.send_due_notifications`` opens it (a single-statement
   unit: on PostgreSQL the UPDATE commits by itself, without BEGIN and COMMIT round trips),
3. marks the claimed rows sent, as the sender does (not timed).

Three untimed sweeps come first at every size and variant. "idle" is the same claim when
nothing is due (most sweeps). The baseline rows run the same claim after dropping the
partial index ``ix_notifications_due`` (due_at where status = 'pending'), so the database
has to scan; the index is rebuilt afterwards. The query plans are printed for the largest
size. Target (the issue's): under 5 ms per sweep (p99), flat in the number
of tasks that are not due.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, Index, event, insert, text, update  # noqa: E402

from store.engine import checkpoint, make_engine, make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Notification  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
WORKSPACE = "T0BENCH"
DUE_NOW = 50
LEASE = timedelta(minutes=5)
CHUNK = 50_000
TASK_COLS = ["id", "workspace_id", "owner_id", "title", "origin", "status", "due_at",
             "due_precision", "tz", "overdue_at", "overdue_since", "done_at", "created_at",
             "updated_at"]
NOTE_COLS = ["workspace_id", "kind", "recipient", "task_id", "payload", "due_at",
             "status", "attempts", "sent_at", "late", "created_at"]


def log(msg: str) -> None:
    print(msg, flush=True)


# -- generating the rows -------------------------------------------------------------------------

def generate(first: int, last: int, now: datetime, rng: random.Random
             ) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Tasks first..last-1 and their notifications, in chunks: (task rows, notification rows).

    60% open with both reminders pending in the future, 30% done (one sent, one cancelled),
    10% open and overdue (both sent). Times are whole minutes, like most due times.
    """
    for start in range(first, last, CHUNK):
        tasks, notes = [], []
        for tid in range(start, min(last, start + CHUNK)):
            owner = f"U{tid % 997:05d}"
            created = now - timedelta(minutes=rng.randrange(60, 400 * 1440))
            roll = rng.random()
            if roll < 0.6:
                due = now + timedelta(minutes=rng.randrange(25 * 60, 90 * 1440))
                status, done, overdue_since = "open", None, None
                states = [("pending", None), ("pending", None)]
            elif roll < 0.9:
                due = now - timedelta(minutes=rng.randrange(60, 365 * 1440))
                status, done, overdue_since = "done", due - timedelta(hours=2), None
                states = [("sent", due - timedelta(days=1)), ("cancelled", None)]
            else:
                due = now - timedelta(minutes=rng.randrange(60, 30 * 1440))
                status, done, overdue_since = "open", None, due + timedelta(hours=1)
                states = [("sent", due - timedelta(days=1)), ("sent", due)]
            tasks.append((tid, WORKSPACE, owner, f"Follow up #{tid}", "log", status, due, "time",
                          "Asia/Shanghai", due + timedelta(hours=1), overdue_since, done,
                          created, created))
            for k, (kind, at) in enumerate((("reminder_before", due - timedelta(days=1)),
                                            ("reminder_due", due))):
                st, sent = states[k]
                notes.append((WORKSPACE, kind, owner, tid, '{"lead_seconds": null}',
                              at, st, 1 if sent else 0, sent, False, created))
        yield tasks, notes


class Loader:
    """Bulk inserts: executemany on SQLite (times bound the way the column binds them), COPY
    on PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        col = Notification.__table__.c.due_at.type
        bind = col.dialect_impl(engine.dialect).bind_processor(engine.dialect)
        self._bind = cache(bind) if bind else (lambda v: v)

    def _dt(self, value: Any) -> Any:
        return self._bind(value) if isinstance(value, datetime) else value

    def load(self, tasks: list[tuple[Any, ...]], notes: list[tuple[Any, ...]]) -> None:
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            if self.sqlite:
                cur.execute("BEGIN IMMEDIATE")
                for table, cols, rows in (("tasks", TASK_COLS, tasks),
                                          ("notifications", NOTE_COLS, notes)):
                    sql = (f"INSERT INTO {table} ({', '.join(cols)}) "
                           f"VALUES ({', '.join('?' * len(cols))})")
                    cur.executemany(sql, [tuple(self._dt(v) for v in r) for r in rows])
                cur.execute("COMMIT")
            else:
                for table, cols, rows in (("tasks", TASK_COLS, tasks),
                                          ("notifications", NOTE_COLS, notes)):
                    with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                        for r in rows:
                            copy.write_row(r)
                raw.commit()
            cur.close()
        finally:
            raw.close()

    def after_load(self, last_task: int) -> None:
        if self.sqlite:
            return  # the bot never runs ANALYZE on SQLite, so neither does the bench
        with self.engine.connect() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('tasks', 'id'), :n)"),
                         {"n": last_task})
            conn.commit()
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE tasks"))  # what autovacuum gets to soon after
            conn.execute(text("VACUUM ANALYZE notifications"))


# -- timing the claim ----------------------------------------------------------------------------

@dataclass
class Timing:
    db: str
    size: int
    variant: str
    times: list[float]
    idle: list[float]
    claimed_ok: bool

    def ms(self, q: float) -> float:
        data = sorted(self.times)
        return data[min(len(data) - 1, int(round(q * (len(data) - 1))))] * 1000

    @property
    def median(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def idle_median(self) -> float:
        return statistics.median(self.idle) * 1000 if self.idle else float("nan")


class Sweeper:
    def __init__(self, engine: Engine, rng: random.Random) -> None:
        self.engine, self.rng = engine, rng
        self.factory = make_session_factory(engine, autocommit=True)
        self.open_tasks: list[int] = []

    def add_due(self, now: datetime) -> None:
        rows = [{"workspace_id": WORKSPACE, "kind": "reminder_due",
                 "recipient": f"U{t % 997:05d}", "task_id": t, "payload": {},
                 "due_at": now - timedelta(seconds=self.rng.uniform(1, 600)),
                 "status": "pending", "attempts": 0, "late": False, "created_at": now}
                for t in self.rng.sample(self.open_tasks, DUE_NOW)]
        with self.engine.begin() as conn:
            conn.execute(insert(Notification), rows)

    def claim(self, now: datetime) -> tuple[float, list[int]]:
        t0 = time.perf_counter()
        with UnitOfWork(self.factory) as uow:
            ids = list(uow.notifications.claim_due(now, LEASE, DUE_NOW))
            uow.commit()
        return time.perf_counter() - t0, ids

    def mark_sent(self, ids: list[int], now: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(Notification).where(Notification.id.in_(ids))
                         .values(status="sent", sent_at=now))

    def run(self, db: str, size: int, variant: str, reps: int, budget: float) -> Timing:
        times, idle, ok = [], [], True
        for _ in range(3):  # untimed: the first sweeps after a load or DDL re-prepare and warm
            now = datetime.now(UTC)
            self.add_due(now)
            self.mark_sent(self.claim(now)[1], now)
        started = time.monotonic()
        for i in range(reps):
            now = datetime.now(UTC)
            self.add_due(now)
            took, ids = self.claim(now)
            ok &= len(ids) == DUE_NOW
            times.append(took)
            self.mark_sent(ids, now)
            if i % 4 == 0:
                idle.append(self.claim(datetime.now(UTC))[0])
            if time.monotonic() - started > budget and i >= 4:
                break
        return Timing(db, size, variant, times, idle, ok)

    def explain(self) -> list[str]:
        """The plan of the claim statement exactly as the repository sends it."""
        captured: list[tuple[str, Any]] = []

        def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                 executemany: bool) -> None:
            if "UPDATE NOTIFICATIONS" in statement.upper():  # after the pick's WITH
                captured.append((statement, parameters))

        now = datetime.now(UTC)
        self.add_due(now)
        event.listen(self.engine, "before_cursor_execute", grab)
        try:
            _, ids = self.claim(now)
        finally:
            event.remove(self.engine, "before_cursor_execute", grab)
        self.mark_sent(ids, now)
        statement, params = captured[0]
        self.add_due(now)  # so EXPLAIN ANALYZE has due rows to claim (rolled back)
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            if self.engine.dialect.name == "sqlite":
                cur.execute("EXPLAIN QUERY PLAN " + statement, params)
                lines = [f"{row[0]:>3} {row[1]:>3}  {row[3]}" for row in cur.fetchall()]
            else:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement, params)
                lines = [row[0] for row in cur.fetchall()]
            raw.rollback()
        finally:
            raw.close()
        self.claim(now)  # leave nothing due behind
        return lines


def index_due() -> Index:
    return next(i for i in Notification.__table__.indexes if i.name == "ix_notifications_due")


# -- the run -------------------------------------------------------------------------------------

def open_database(kind: str, pg_url: str, workdir: Path) -> tuple[Engine, Callable[[], None]]:
    if kind == "sqlite":
        engine = make_engine(f"sqlite:///{workdir / 'sweep.db'}")
        return engine, engine.dispose
    import psycopg

    name = f"bench_sweep_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(admin.rsplit("/", 1)[0] + "/" + name)

    def drop() -> None:
        engine.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return engine, drop


def bench_database(kind: str, args: argparse.Namespace, workdir: Path
                   ) -> tuple[list[Timing], dict[str, list[str]]]:
    engine, drop = open_database(kind, args.pg_url, workdir)
    timings: list[Timing] = []
    plans: dict[str, list[str]] = {}
    # As the running bot does: SQLite's write-ahead log is copied into the database every
    # second by a background job, never inside a commit (store.engine.checkpoint).
    done = threading.Event()
    checkpointer = threading.Thread(target=_checkpoint_every_second, args=(engine, done),
                                    daemon=True)
    checkpointer.start()
    try:
        upgrade(engine)
        rng = random.Random(20251122)
        loader, sweeper = Loader(engine), Sweeper(engine, rng)
        now = datetime.now(UTC)
        have = 0
        for size in args.sizes:
            t0 = time.monotonic()
            for tasks, notes in generate(have + 1, size + 1, now, rng):
                loader.load(tasks, notes)
                sweeper.open_tasks += [t[0] for t in tasks if t[5] == "open" and t[10] is None]
            loader.after_load(size)
            have = size
            log(f"  {kind} {size:>9,} tasks ({2 * size:,} reminder rows) loaded in "
                f"{time.monotonic() - t0:.1f} s")
            timing = sweeper.run(kind, size, "partial index", args.reps, budget=20)
            timings.append(timing)
            log(f"  {kind} {size:>9,} index:    median {timing.median:.3f} ms, "
                f"p99 {timing.ms(0.99):.3f} ms ({len(timing.times)} sweeps)")
            last = size == args.sizes[-1]
            if last:
                plans[f"{kind}, {size:,} tasks, with ix_notifications_due"] = sweeper.explain()
            index_due().drop(engine)
            try:
                base = sweeper.run(kind, size, "no index (scan)", args.base_reps, budget=10)
                timings.append(base)
                log(f"  {kind} {size:>9,} no index: median {base.median:.3f} ms, "
                    f"p99 {base.ms(0.99):.3f} ms ({len(base.times)} sweeps)")
                if last:
                    plans[f"{kind}, {size:,} tasks, index dropped"] = sweeper.explain()
            finally:
                t1 = time.monotonic()
                index_due().create(engine)
                if kind == "postgresql":
                    with engine.connect().execution_options(
                            isolation_level="AUTOCOMMIT") as conn:
                        conn.execute(text("ANALYZE notifications"))
                log(f"  {kind} {size:>9,} index rebuilt in {time.monotonic() - t1:.1f} s")
    finally:
        done.set()
        checkpointer.join()
        drop()
    return timings, plans


def _checkpoint_every_second(engine: Engine, done: threading.Event) -> None:
    while not done.wait(1.0):
        checkpoint(engine)


def report(timings: list[Timing], plans: dict[str, list[str]]) -> None:
    print(f"\n{'database':<10} {'tasks':>9} {'claim':<16} {'sweeps':>6} {'median ms':>9} "
          f"{'p99 ms':>8} {'max ms':>8} {'idle ms':>8} {'claimed':>7}")
    for t in timings:
        print(f"{t.db:<10} {t.size:>9,} {t.variant:<16} {len(t.times):>6} {t.median:>9.3f} "
              f"{t.ms(0.99):>8.3f} {max(t.times) * 1000:>8.3f} {t.idle_median:>8.3f} "
              f"{'50/50' if t.claimed_ok else 'SHORT':>7}")
    for title, lines in plans.items():
        print(f"\nplan: {title}")
        for line in lines:
            print(f"  {line}")
    print("\ntargets (with the partial index):")
    for db in dict.fromkeys(t.db for t in timings):
        mine = [t for t in timings if t.db == db and t.variant == "partial index"]
        worst = max(mine, key=lambda t: t.ms(0.99))
        small, large = mine[0], mine[-1]
        flat = large.median <= max(1.5 * small.median, small.median + 0.5)
        base = next((t for t in timings if t.db == db and t.size == large.size
                     and t.variant != "partial index"), None)
        print(f"  {'PASS' if worst.ms(0.99) < 5 else 'FAIL'}  {db}: p99 under 5 ms at every "
              f"size (worst {worst.ms(0.99):.3f} ms at {worst.size:,} tasks)")
        print(f"  {'PASS' if flat else 'FAIL'}  {db}: flat from {small.size:,} to "
              f"{large.size:,} tasks (median {small.median:.3f} -> {large.median:.3f} ms, "
              f"{large.median / small.median:.2f}x)")
        if base:
            print(f"        {db}: the index makes the claim {base.median / large.median:,.0f}x "
                  f"faster at {large.size:,} tasks ({base.median:.1f} ms without it)")
        if not all(t.claimed_ok for t in timings if t.db == db):
            print(f"  FAIL  {db}: some claims returned fewer than {DUE_NOW} rows")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgresql",
                        help="comma-separated: sqlite, postgresql")
    parser.add_argument("--pg-url", default=DEFAULT_PG,
                        help="an existing PostgreSQL database to connect to; the bench creates "
                             "and drops its own database beside it")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--reps", type=int, default=200, help="timed sweeps per size")
    parser.add_argument("--base-reps", type=int, default=30,
                        help="timed sweeps per size without the index (capped at ~10 s)")
    parser.add_argument("--quick", action="store_true",
                        help="sizes 1,000 and 20,000, 50 sweeps: a smoke run of a few seconds")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.reps, args.base_reps = "1000,20000", 50, 10
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    started = time.monotonic()
    log(f"reminder sweep: sizes {args.sizes}, {args.reps} sweeps each, {DUE_NOW} due per sweep, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    timings: list[Timing] = []
    plans: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        for kind in args.db.split(","):
            found, shown = bench_database(kind.strip(), args, Path(tmp))
            timings += found
            plans.update(shown)
    report(timings, plans)
    print(f"\nfinished in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
