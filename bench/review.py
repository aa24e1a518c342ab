"""Nightly review: time to build one team's review as the rest of the database grows.

Usage: python bench/review.py [--db sqlite,postgresql] [--reps 50] [--deals 10000]
                              [--logs 200000] [--others 0,1,5] [--runs 5] [--quick]

For each database (a fresh SQLite file; a throw-away PostgreSQL database created beside
--pg-url and dropped at the end) the schema is built with ``store.migrate.upgrade``, then
bulk-loaded (executemany on SQLite, COPY on PostgreSQL, then VACUUM ANALYZE there):

* the measured team "East": --reps reps owning --deals open deals (likelihood A/B/C/unset,
  tiers A/B/C/unset), 20% more closed customers (won, lost, after-sales), --logs logs on the
  open deals over the last 180 days (some today), one task per deal (open, overdue, done,
  some done today) and three classification moves per deal (some today);
* a baseline team "Small" of 5 reps with a tenth of that data;
* other teams, in the same workspace, with the same data shape: 0x, 1x, 5x East's size.

At each size it times ``bot.services.review.build.build_review`` for East (--runs times after one
untimed run; median and max), the same for Small, and a plain ``SELECT count(*) FROM
follow_ups`` (a scan that grows with the whole table). Target (issue 4): East's review under
1 s, growing with the team's own data, not with the whole database.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reminder_sweep import DEFAULT_PG, open_database  # noqa: E402
from sqlalchemy import Engine, event, text  # noqa: E402

from bot.domain.teams import Team, TeamDirectory  # noqa: E402
from bot.services.context import ServiceContext  # noqa: E402
from bot.services.review.build import build_review  # noqa: E402
from store.engine import make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import FollowUp  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

WS = "T0BENCH"
ZONE = "Asia/Shanghai"
OPEN = ("inquiry", "first_meeting", "qualified", "negotiating")
CLOSED = ("won", "lost", "after_sales")
COLS = {
    "customers": ["id", "workspace_id", "name", "name_key", "owner_id", "created_by",
                  "created_at", "value_tier", "stage", "likelihood"],
    "follow_ups": ["id", "workspace_id", "author_id", "source", "source_key", "raw_text",
                   "status", "customer_id", "summary", "next_step", "due_at", "confidence",
                   "tz", "attempts", "created_at", "updated_at"],
    "tasks": ["id", "workspace_id", "owner_id", "customer_id", "title", "origin", "status",
              "due_at", "due_precision", "tz", "overdue_at", "overdue_since", "done_at",
              "created_at", "updated_at"],
    "classification_changes": ["id", "workspace_id", "customer_id", "axis", "old", "new",
                               "actor", "at", "source"],
}


def log(msg: str) -> None:
    print(msg, flush=True)


class Seeder:
    """Generates one team's rows and loads them in bulk; ids are given here, so rows of one
    team refer to each other without reading anything back."""

    def __init__(self, engine: Engine, now: datetime, rng: random.Random) -> None:
        self.engine, self.now, self.rng = engine, now, rng
        self.sqlite = engine.dialect.name == "sqlite"
        self.next_id = {table: 1 for table in COLS}
        self.today = datetime.combine(now.astimezone(ZoneInfo(ZONE)).date(),
                                      datetime.min.time(), tzinfo=ZoneInfo(ZONE))
        bind = FollowUp.__table__.c.created_at.type.dialect_impl(engine.dialect) \
            .bind_processor(engine.dialect)
        self._bind = bind or (lambda v: v)

    def _ids(self, table: str, count: int) -> range:
        first = self.next_id[table]
        self.next_id[table] = first + count
        return range(first, first + count)

    def team(self, prefix: str, reps: int, deals: int, logs: int) -> tuple[str, ...]:
        """Seed a team; returns its members' user ids."""
        rng, now = self.rng, self.now
        members = tuple(f"U{prefix}{i:04d}" for i in range(reps))
        closed = deals // 5
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLS}
        customer_ids = self._ids("customers", deals + closed)
        for n, cid in enumerate(customer_ids):
            owner = members[n % reps]
            stage = rng.choice(OPEN) if n < deals else rng.choice(CLOSED)
            rows["customers"].append((
                cid, WS, f"Customer {cid}", f"customer {cid}", owner, owner,
                now - timedelta(days=rng.randrange(30, 720)), rng.choice("ABC") if
                rng.random() < 0.8 else None, stage,
                rng.choice(("A", "B", "B", "C", "C", None))))
        open_ids = list(customer_ids)[:deals]
        for n, fid in enumerate(self._ids("follow_ups", logs)):
            cid = open_ids[n % deals]
            owner = members[(cid - customer_ids[0]) % reps]
            at = (self.today + timedelta(hours=rng.uniform(1, 10)) if rng.random() < 0.004
                  else now - timedelta(minutes=rng.randrange(60 * 24, 180 * 24 * 60)))
            rows["follow_ups"].append((
                fid, WS, owner, "bench", f"bench:{fid}", f"Called customer {cid} about the "
                "quote; they want a second demo next week", "recorded", cid,
                "called about the quote", "second demo", at + timedelta(days=7), 0.9, ZONE, 1,
                at, at))
        for n, tid in enumerate(self._ids("tasks", deals)):
            cid = open_ids[n]
            owner = members[(cid - customer_ids[0]) % reps]
            roll = rng.random()
            due = now + timedelta(hours=rng.randrange(-500, 500))
            status = "open" if roll < 0.5 else "done"
            done = (self.today + timedelta(hours=rng.uniform(1, 9)) if roll > 0.97 else
                    due - timedelta(hours=2)) if status == "done" else None
            rows["tasks"].append((tid, WS, owner, cid, f"Follow up {cid}", "log", status, due,
                                  "time", ZONE, due + timedelta(hours=1), None, done,
                                  due - timedelta(days=3), due - timedelta(days=3)))
        for n, mid in enumerate(self._ids("classification_changes", deals * 3)):
            cid = open_ids[n % deals]
            owner = members[(cid - customer_ids[0]) % reps]
            at = (self.today + timedelta(hours=rng.uniform(1, 9)) if rng.random() < 0.01
                  else now - timedelta(minutes=rng.randrange(60 * 24, 180 * 24 * 60)))
            axis = rng.choice(("likelihood", "stage", "tier"))
            old, new = ("B", "A") if axis != "stage" else ("inquiry", "qualified")
            rows["classification_changes"].append((mid, WS, cid, axis, old, new, owner, at,
                                                   "log"))
        for table in COLS:
            self._load(table, rows[table])
        return members

    def _load(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        cols = COLS[table]
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            if self.sqlite:
                cur.execute("BEGIN IMMEDIATE")
                cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                                f"({', '.join('?' * len(cols))})",
                                [tuple(self._bind(v) if isinstance(v, datetime) else v
                                       for v in r) for r in rows])
                cur.execute("COMMIT")
            else:
                with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
                raw.commit()
            cur.close()
        finally:
            raw.close()

    def settle(self) -> None:
        """What autovacuum would do soon after a load (PostgreSQL), and the sequences."""
        if self.sqlite:
            return
        with self.engine.connect() as conn:
            for table in COLS:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"{self.next_id[table]})"))
            conn.commit()
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in COLS:
                conn.execute(text(f"VACUUM ANALYZE {table}"))


@dataclass
class Row:
    db: str
    others: int
    logs_total: int
    review: list[float]
    small: list[float]
    scan: list[float]

    @staticmethod
    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # untimed: the first run warms caches and prepares statements
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def bench_database(kind: str, args: argparse.Namespace, workdir: Path) -> list[Row]:
    engine, drop = open_database(kind, args.pg_url, workdir)
    rows: list[Row] = []
    try:
        upgrade(engine)
        now = datetime.now(UTC).replace(microsecond=0)
        seeder = Seeder(engine, now, random.Random(20261123))
        t0 = time.monotonic()
        east = seeder.team("E", args.reps, args.deals, args.logs)
        small = seeder.team("S", 5, max(1, args.deals // 10), max(1, args.logs // 10))
        seeder.settle()
        log(f"  {kind}: East and Small loaded in {time.monotonic() - t0:.1f} s")
        directory = TeamDirectory(teams=(
            Team("East", "C0EAST", "U0LEADE", east, ZONE),
            Team("Small", "C0SMALL", "U0LEADS", small, ZONE)))
        factory = make_session_factory(engine)
        ctx = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory)
        day = now.astimezone(ZoneInfo(ZONE)).date()
        have = 0
        for others in args.others:
            t0 = time.monotonic()
            for n in range(have, others):
                seeder.team(f"O{n}", args.reps, args.deals, args.logs)
            seeder.settle()
            have = max(have, others)
            log(f"  {kind}: other teams at {others}x loaded in {time.monotonic() - t0:.1f} s")
            review = timed(lambda: build_review(ctx, "East", day, now), args.runs)
            small_t = timed(lambda: build_review(ctx, "Small", day, now), args.runs)
            with engine.connect() as conn:
                count = int(conn.execute(text("SELECT count(*) FROM follow_ups")).scalar_one())

                def scan(c: Any = conn) -> None:
                    c.execute(text("SELECT count(*) FROM follow_ups")).scalar_one()

                scan_t = timed(scan, args.runs)
            rows.append(Row(kind, others, count, review, small_t, scan_t))
            log(f"  {kind} {others}x: review {Row.ms(review):.0f} ms, 5-rep review "
                f"{Row.ms(small_t):.0f} ms, count(*) {Row.ms(scan_t):.0f} ms")
        if args.profile:
            profile(ctx, day, now)
        if args.explain:
            explain(engine, ctx, day, now)
    finally:
        drop()
    return rows


def profile(ctx: ServiceContext, day: Any, now: datetime) -> None:
    """Where one build of East's review spends its time (cProfile, top 15 by own time)."""
    prof = cProfile.Profile()
    prof.enable()
    build_review(ctx, "East", day, now)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(15)
    print(out.getvalue())


def explain(engine: Engine, ctx: ServiceContext, day: Any, now: datetime) -> None:
    """The plan of every statement one build of East's review sends (PostgreSQL: EXPLAIN
    ANALYZE, with the server's own time)."""
    captured: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
             executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        build_review(ctx, "East", day, now)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for statement, params in captured:
            t0 = time.perf_counter()
            cur.execute(statement, params)
            found = len(cur.fetchall())
            took = (time.perf_counter() - t0) * 1000
            print(f"\n{took:.1f} ms, {found} rows: " + " ".join(statement.split())[:300])
            if engine.dialect.name == "sqlite":
                cur.execute("EXPLAIN QUERY PLAN " + statement, params)
                lines = [f"  {row[3]}" for row in cur.fetchall()]
            else:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement, params)
                lines = [f"  {row[0]}" for row in cur.fetchall()]
            print("\n".join(lines))
        raw.rollback()
    finally:
        raw.close()


def report(rows: list[Row], args: argparse.Namespace) -> None:
    print(f"\n{'database':<10} {'others':>6} {'follow_ups':>10} {'review ms':>9} "
          f"{'max ms':>7} {'5-rep ms':>8} {'count(*) ms':>11}")
    for r in rows:
        print(f"{r.db:<10} {str(r.others) + 'x':>6} {r.logs_total:>10,} "
              f"{Row.ms(r.review):>9.0f} {max(r.review) * 1000:>7.0f} {Row.ms(r.small):>8.0f} "
              f"{Row.ms(r.scan):>11.1f}")
    print(f"\ntargets (team of {args.reps} reps, {args.deals:,} open deals, {args.logs:,} logs):")
    for db in dict.fromkeys(r.db for r in rows):
        mine = [r for r in rows if r.db == db]
        worst = max(mine, key=lambda r: Row.ms(r.review))
        first, last = mine[0], mine[-1]
        ratio = Row.ms(last.review) / Row.ms(first.review)
        scan_ratio = Row.ms(last.scan) / max(Row.ms(first.scan), 1e-6)
        flat = Row.ms(last.review) <= max(1.5 * Row.ms(first.review), Row.ms(first.review) + 50)
        print(f"  {'PASS' if Row.ms(worst.review) < 1000 else 'FAIL'}  {db}: under 1 s at "
              f"every size (worst median {Row.ms(worst.review):.0f} ms at {worst.others}x)")
        print(f"  {'PASS' if flat else 'FAIL'}  {db}: grows with the team, not the database: "
              f"{first.others}x -> {last.others}x others ({first.logs_total:,} -> "
              f"{last.logs_total:,} logs) changes the review {ratio:.2f}x, the count(*) scan "
              f"{scan_ratio:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--deals", type=int, default=10_000)
    parser.add_argument("--logs", type=int, default=200_000)
    parser.add_argument("--others", default="0,1,5",
                        help="sizes of the other teams' data, in multiples of East's")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="print where one build of the review spends its time")
    parser.add_argument("--explain", action="store_true",
                        help="print the plan of every query of one build of the review")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 5 reps, 100 deals, 2,000 logs, 2 runs")
    args = parser.parse_args()
    if args.quick:
        args.reps, args.deals, args.logs, args.runs = 5, 100, 2000, 2
    args.others = sorted(int(n) for n in args.others.split(","))
    started = time.monotonic()
    log(f"nightly review: {args.reps} reps, {args.deals:,} open deals, {args.logs:,} logs; "
        f"other teams {args.others}x; {args.runs} runs each")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        for kind in args.db.split(","):
            rows += bench_database(kind.strip(), args, Path(tmp))
    report(rows, args)
    print(f"\nfinished in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
