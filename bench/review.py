"""Nightly review: time to build one team's review, alone and inside a database five times
its size.

Usage: python bench/review.py [--db sqlite,postgresql] [--runs 7] [--others 4] [--quick]

For each database (a fresh SQLite file; a throw-away PostgreSQL database created beside
--pg-url and dropped at the end) the schema is built with ``store.migrate.upgrade``, then
the measured team is loaded: 50 reps, 10,000 open deals (plus 2,000 won or lost), 200,000
logs over the past year (about 1% of them today), 20,000 tasks (half open, some overdue;
half done, some today) and 20,000 classification moves over the past month (some today),
in bulk (executemany on SQLite, COPY on PostgreSQL, then ``VACUUM ANALYZE`` there as
autovacuum would).

Each phase times ``bot.services.review.build_review`` for that team on a working day at
20:00 local (one untimed run first, then --runs timed ones, each in its own unit of work as
the scheduled post and /review run it), and separately the rendering of what it built into
the outbox payloads and the Slack messages (``review_to_payload``, the parent and the 50
thread replies), which is pure Python.

Phase "team alone" has only that team's rows; phase "5x database" adds --others teams of
the same size (other reps, other customers) and times the same review again: the baseline
the review is compared with is itself, in a database that grew around it. Targets (the
issue's): under 1 s, and growing with the team's own data, not the whole database (the
5x median within 1.5x of the alone median).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select, text  # noqa: E402

from bot.domain.teams import Team, TeamDirectory  # noqa: E402
from bot.services.context import ServiceContext  # noqa: E402
from bot.services.review import build_review  # noqa: E402
from bot.services.review_payload import review_to_payload  # noqa: E402
from handlers.blocks.review import review_parent_message, review_rep_message  # noqa: E402
from store.engine import make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Customer, FollowUp  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reminder_sweep import open_database  # noqa: E402  (a fresh SQLite file or PG database)

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
WORKSPACE = "T0BENCH"
TZ = "Asia/Shanghai"
DAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
OPEN_STAGES = ("inquiry", "first_meeting", "qualified", "negotiating")
COLUMNS = {
    "customers": ["id", "workspace_id", "name", "name_key", "owner_id", "created_by",
                  "created_at", "stage", "likelihood", "value_tier"],
    "follow_ups": ["id", "workspace_id", "author_id", "source", "source_key", "raw_text",
                   "status", "customer_id", "summary", "next_step", "due_at", "confidence",
                   "attempts", "created_at", "updated_at"],
    "tasks": ["id", "workspace_id", "owner_id", "customer_id", "title", "origin", "status",
              "due_at", "due_precision", "tz", "overdue_at", "overdue_since", "done_at",
              "created_at", "updated_at"],
    "classification_changes": ["id", "workspace_id", "customer_id", "axis", "old", "new",
                               "actor", "at", "source"],
}


def log(msg: str) -> None:
    print(msg, flush=True)


class Sizes:
    def __init__(self, scale: float) -> None:
        self.reps = 50
        self.deals = int(10_000 * scale)
        self.closed = int(2_000 * scale)
        self.logs = int(200_000 * scale)
        self.tasks = int(20_000 * scale)
        self.moves = int(20_000 * scale)


def team_rows(k: int, sizes: Sizes, ids: dict[str, int], rng: random.Random
              ) -> tuple[Team, dict[str, list[tuple[Any, ...]]]]:
    """Team k's configuration and rows (k = 0 is the measured team)."""
    reps = tuple(f"U{k:02d}R{i:03d}" for i in range(sizes.reps))
    team = Team(name="East" if k == 0 else f"Other{k}", channel=f"C{k:02d}TEAM",
                lead=f"U{k:02d}LEAD", members=reps, timezone=TZ)
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
    customers: list[tuple[int, str]] = []
    for n in range(sizes.deals + sizes.closed):
        ids["customers"] += 1
        cid, owner = ids["customers"], reps[n % sizes.reps]
        stage = rng.choice(OPEN_STAGES) if n < sizes.deals else rng.choice(("won", "lost"))
        likelihood = rng.choices(("A", "B", "C", None), (15, 30, 35, 20))[0]
        name = f"Customer {k}-{n}"
        rows["customers"].append((cid, WORKSPACE, name, name.casefold(), owner, owner,
                                  NOW - timedelta(days=rng.randrange(30, 700)), stage,
                                  likelihood, rng.choice(("A", "B", "C", None))))
        customers.append((cid, owner))
    for _ in range(sizes.logs):
        ids["follow_ups"] += 1
        cid, owner = rng.choice(customers)
        at = NOW - timedelta(minutes=rng.randrange(1, 600) if rng.random() < 0.01
                             else rng.randrange(600, 365 * 1440))
        step = "call back" if rng.random() < 0.5 else None
        rows["follow_ups"].append((
            ids["follow_ups"], WORKSPACE, owner, "slash", f"b:{ids['follow_ups']}",
            f"Customer {cid}: called", "recorded", cid, "called", step,
            at + timedelta(days=3) if step else None, 0.9, 1, at, at))
    for _ in range(sizes.tasks):
        ids["tasks"] += 1
        cid, owner = rng.choice(customers)
        due = NOW + timedelta(minutes=rng.randrange(-30 * 1440, 30 * 1440))
        created = due - timedelta(days=5)
        if rng.random() < 0.5:
            overdue = due + timedelta(hours=1) if due + timedelta(hours=1) < NOW else None
            status, done = "open", None
        else:
            status, overdue = "done", None
            done = NOW - timedelta(minutes=rng.randrange(1, 600) if rng.random() < 0.05
                                   else rng.randrange(600, 60 * 1440))
        rows["tasks"].append((ids["tasks"], WORKSPACE, owner, cid, f"Follow up {cid}", "log",
                              status, due, "time", TZ, due + timedelta(hours=1), overdue,
                              done, created, created))
    for _ in range(sizes.moves):
        ids["classification_changes"] += 1
        cid, owner = rng.choice(customers)
        axis = rng.choice(("likelihood", "stage", "tier"))
        old, new = (rng.sample(OPEN_STAGES, 2) if axis == "stage"
                    else rng.sample(("A", "B", "C"), 2))
        at = NOW - timedelta(minutes=rng.randrange(1, 30 * 1440))
        rows["classification_changes"].append((ids["classification_changes"], WORKSPACE,
                                               cid, axis, old, new, owner, at, "command"))
    return team, rows


class Loader:
    """Bulk inserts: executemany on SQLite (times bound as the column binds them), COPY on
    PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        col = Customer.__table__.c.created_at.type
        bind = col.dialect_impl(engine.dialect).bind_processor(engine.dialect)
        self._bind = cache(bind) if bind else (lambda v: v)

    def _value(self, value: Any) -> Any:
        return self._bind(value) if isinstance(value, datetime) else value

    def load(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            if self.sqlite:
                cur.execute("BEGIN IMMEDIATE")
            for table, cols in COLUMNS.items():
                if self.sqlite:
                    sql = (f"INSERT INTO {table} ({', '.join(cols)}) "
                           f"VALUES ({', '.join('?' * len(cols))})")
                    cur.executemany(sql, [tuple(self._value(v) for v in r)
                                          for r in rows[table]])
                else:
                    with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                        for r in rows[table]:
                            copy.write_row(r)
            if self.sqlite:
                cur.execute("COMMIT")
            else:
                raw.commit()
            cur.close()
        finally:
            raw.close()
        if not self.sqlite:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                for table in COLUMNS:
                    c.execute(text(f"VACUUM ANALYZE {table}"))


def time_review(ctx: ServiceContext, runs: int) -> tuple[list[float], float]:
    """Seconds per build (after one untimed run), and the median render time."""
    build_review(ctx, "East", DAY, NOW)
    builds, renders = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        review = build_review(ctx, "East", DAY, NOW)
        builds.append(time.perf_counter() - t0)
        assert review is not None
        t0 = time.perf_counter()
        review_to_payload(review)
        review_parent_message(review, [r.user_id for r in review.reps], "en")
        for rep in review.reps:
            review_rep_message(rep, TZ, "en")
        renders.append(time.perf_counter() - t0)
    return builds, statistics.median(renders)


def bench(kind: str, args: argparse.Namespace, workdir: Path) -> list[tuple[Any, ...]]:
    engine, drop = open_database(kind, args.pg_url, workdir)
    results: list[tuple[Any, ...]] = []
    try:
        upgrade(engine)
        factory = make_session_factory(engine)
        rng, sizes, loader = random.Random(20261123), Sizes(args.scale), Loader(engine)
        ids = dict.fromkeys(COLUMNS, 0)
        team, rows = team_rows(0, sizes, ids, rng)
        ctx = ServiceContext(uow=lambda: UnitOfWork(factory),
                             directory=TeamDirectory(teams=(team,)))
        for phase, extra in (("team alone", 0), (f"{1 + args.others}x database",
                                                  args.others)):
            t0 = time.monotonic()
            if extra == 0:
                loader.load(rows)
            for k in range(1, extra + 1):
                loader.load(team_rows(k, sizes, ids, rng)[1])
            with ctx.uow() as uow:
                logs = uow.session.scalar(select(func.count()).select_from(FollowUp))
            log(f"{kind}: {phase}: loaded in {time.monotonic() - t0:.1f} s "
                f"({logs:,} logs in the database)")
            builds, render = time_review(ctx, args.runs)
            results.append((kind, phase, logs, statistics.median(builds) * 1000,
                            max(builds) * 1000, render * 1000))
    finally:
        drop()
    return results


def report(results: list[tuple[Any, ...]], sizes: Sizes) -> None:
    log(f"\nOne team: {sizes.reps} reps, {sizes.deals:,} open deals, {sizes.logs:,} logs, "
        f"{sizes.tasks:,} tasks, {sizes.moves:,} moves; review of {DAY} at 20:00 {TZ}\n")
    log("| database | phase | logs in the database | build median ms | build max ms "
        "| render median ms |")
    log("| --- | --- | --- | --- | --- | --- |")
    for kind, phase, logs, median, worst, render in results:
        log(f"| {'SQLite' if kind == 'sqlite' else 'PostgreSQL'} | {phase} | {logs:,} "
            f"| {median:.0f} | {worst:.0f} | {render:.0f} |")
    log("")
    for kind in dict.fromkeys(r[0] for r in results):
        alone, grown = [r for r in results if r[0] == kind]
        fast = max(alone[3], grown[3]) < 1000
        flat = grown[3] <= 1.5 * alone[3]
        log(f"{kind}: under 1 s: {'PASS' if fast else 'FAIL'} ({grown[3]:.0f} ms); "
            f"grows with the team, not the database: {'PASS' if flat else 'FAIL'} "
            f"({grown[3] / alone[3]:.2f}x with {grown[2] / alone[2]:.0f}x the logs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--pg-url", default=DEFAULT_PG,
                        help="an existing database; the bench creates its own beside it")
    parser.add_argument("--runs", type=int, default=7, help="timed builds per phase")
    parser.add_argument("--others", type=int, default=4,
                        help="other teams of the same size added in the second phase")
    parser.add_argument("--quick", action="store_true", help="a tenth of the data (smoke run)")
    args = parser.parse_args()
    args.scale = 0.1 if args.quick else 1.0
    results: list[tuple[Any, ...]] = []
    with tempfile.TemporaryDirectory() as workdir:
        for kind in args.db.split(","):
            results += bench(kind.strip(), args, Path(workdir))
    report(results, Sizes(args.scale))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
