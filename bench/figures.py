"""Team figures: /stats month for a team, one Home tab build and the chart, at a year of data.

Usage: python bench/figures.py [--db sqlite,postgresql] [--reps 50] [--customers 10000]
                               [--logs 500000] [--tasks 100000] [--runs 5] [--quick]

For each database (a fresh SQLite file; a throw-away PostgreSQL database beside --pg-url)
the schema is built with ``store.migrate.upgrade``, then bulk-loaded with the nightly review
bench's seeder (executemany on SQLite, COPY on PostgreSQL): the measured team "East" of
--reps reps with --customers customers (a sixth of them closed), --logs logs over the last
180 days, three classification moves per open customer, and --tasks tasks due over the last
year (done on time, done late, still open); and a baseline team "Small" of 5 reps with a
tenth of that, loaded in the same database and measured in the same run.

Timed (--runs times after one untimed run; median and max wall time, median CPU time of
this process, SQL statements of one run), for East beside Small:

* ``/stats month`` for the team's lead: bot.services.figures.stats.stats and its blocks
  (handlers/blocks/stats.py), the work done after Slack has its answer;
* one Home tab build for the lead: bot.services.home.build.home_for and its blocks;
* the chart: the 8-week trend and pipeline read, and the PNG rendered (rendering alone is
  the 300 ms target).

Targets (issue 16): /stats month and a Home tab build under 500 ms, the chart under 300 ms.
The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reminder_sweep import DEFAULT_PG, open_database  # noqa: E402
from review import COLS, WS, ZONE, Seeder  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bot.domain.figure_periods import MONTH  # noqa: E402
from bot.domain.teams import Team, TeamDirectory  # noqa: E402
from bot.services.context import ServiceContext  # noqa: E402
from bot.services.figures.chart_posts import trend_points  # noqa: E402
from bot.services.figures.charts import render_charts  # noqa: E402
from bot.services.figures.compute import team_people, weekly_trend  # noqa: E402
from bot.services.figures.stats import StatsAsk, stats  # noqa: E402
from bot.services.home.build import home_for  # noqa: E402
from handlers.blocks.home import home_view  # noqa: E402
from handlers.blocks.stats import stats_message  # noqa: E402
from store.engine import make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

TARGETS = {"stats": 0.5, "home": 0.5, "render": 0.3}


def log(msg: str) -> None:
    print(msg, flush=True)


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms (max {max(values) * 1000:.0f})"


class Measured:
    """Wall and this process's CPU time per run, and the SQL statements one run sends: the
    machine is shared, so the CPU time and the statements back the wall-clock figures (the
    database server's own CPU, PostgreSQL's, is not in this process's)."""

    def __init__(self, engine: Any) -> None:
        self.statements = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_: object) -> None:
        self.statements += 1

    def __call__(self, fn: Any, runs: int) -> tuple[list[float], list[float], int]:
        fn()  # untimed: the first run warms caches and prepares statements
        wall, cpu = [], []
        for _ in range(runs):
            self.statements = 0
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return wall, cpu, self.statements


def more_tasks(seeder: Seeder, members: tuple[str, ...], first_customer: int, customers: int,
               count: int) -> None:
    """A year of tasks: due over the last 365 days and the next week, 70% done on time,
    15% done late, the rest open (some cancelled)."""
    rng, now = seeder.rng, seeder.now
    rows: list[tuple[Any, ...]] = []
    for n, tid in enumerate(seeder._ids("tasks", count)):
        owner = members[n % len(members)]
        cid = first_customer + rng.randrange(customers)
        due = now - timedelta(minutes=rng.randrange(-7 * 24 * 60, 365 * 24 * 60))
        roll = rng.random()
        status, done = ("done", due - timedelta(hours=1)) if roll < 0.7 else \
            ("done", due + timedelta(hours=30)) if roll < 0.85 else \
            ("cancelled", None) if roll < 0.87 else ("open", None)
        if done is not None and done > now:
            status, done = "open", None
        rows.append((tid, WS, owner, cid, f"Follow up {cid}", "log", status, due, "time",
                     ZONE, due + timedelta(hours=1), None, done, due - timedelta(days=3),
                     due - timedelta(days=3)))
    seeder._load("tasks", rows)


def team(seeder: Seeder, prefix: str, reps: int, customers: int, logs: int,
         tasks: int) -> tuple[str, ...]:
    first = seeder.next_id["customers"]
    open_deals = customers * 5 // 6  # the seeder adds a fifth more closed customers
    members = seeder.team(prefix, reps, open_deals, logs)
    made = seeder.next_id["customers"] - first  # the tasks' customers are among these
    more_tasks(seeder, members, first, made, max(0, tasks - open_deals))
    return members


def bench_database(kind: str, args: argparse.Namespace, workdir: Path) -> list[str]:
    engine, drop = open_database(kind, args.pg_url, workdir)
    lines: list[str] = []
    try:
        upgrade(engine)
        now = datetime.now(UTC).replace(microsecond=0)
        seeder = Seeder(engine, now, random.Random(20261204))
        t0 = time.monotonic()
        east = team(seeder, "E", args.reps, args.customers, args.logs, args.tasks)
        small = team(seeder, "S", 5, args.customers // 10, args.logs // 10, args.tasks // 10)
        seeder.settle()
        counts = {t: seeder.next_id[t] - 1 for t in COLS}
        log(f"  {kind}: loaded in {time.monotonic() - t0:.0f} s: {counts}")
        teams = (Team("East", "C0EAST", "U0LEADE", east, ZONE),
                 Team("Small", "C0SMALL", "U0LEADS", small, ZONE))
        factory = make_session_factory(engine)
        ctx = ServiceContext(uow=lambda: UnitOfWork(factory),
                             directory=TeamDirectory(teams=teams), workspace_id=WS)
        for t in teams:
            def stats_month(t: Team = t) -> object:
                return stats_message(stats(ctx, WS, t.lead, StatsAsk(kind=MONTH), now))

            def home(t: Team = t) -> object:
                return home_view(home_for(ctx, WS, t.lead, now))

            def chart_data(t: Team = t) -> tuple[Any, Any]:
                with ctx.uow() as uow:
                    pipeline = uow.figures.pipeline(WS, team_people(t))
                return pipeline, trend_points(weekly_trend(ctx, WS, t, now))

            pipeline, trend = chart_data()
            measure = Measured(engine)
            found = {"stats": measure(stats_month, args.runs),
                     "home": measure(home, args.runs),
                     "chart data": measure(chart_data, args.runs),
                     "render": measure(lambda p=pipeline, w=trend: render_charts(p, w, "zh"),
                                       args.runs)}
            for name, (values, cpu, statements) in found.items():
                target = TARGETS.get(name)
                verdict = "" if target is None or t.name != "East" else \
                    ("  PASS" if statistics.median(values) < target else "  FAIL") + \
                    f" (target {target * 1000:.0f} ms)"
                line = (f"{kind:<10} {t.name:<6} {name:<11} {ms(values)}  cpu "
                        f"{statistics.median(cpu) * 1000:5.0f} ms  {statements:3d} stmts{verdict}")
                lines.append(line)
                log("  " + line)
    finally:
        drop()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--logs", type=int, default=500_000)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 5 reps, 600 customers, 5,000 logs and tasks")
    args = parser.parse_args()
    if args.quick:
        args.reps, args.customers, args.logs, args.tasks, args.runs = 5, 600, 5000, 5000, 2
    started = time.monotonic()
    log(f"team figures: {args.reps} reps, {args.customers:,} customers, {args.logs:,} logs, "
        f"{args.tasks:,} tasks; baseline team Small (5 reps, a tenth); {args.runs} runs; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-figures-") as tmp:
        for kind in args.db.split(","):
            lines += bench_database(kind.strip(), args, Path(tmp))
    print(f"\n{'database':<10} {'team':<6} {'what':<11} median wall, median CPU, statements")
    print("\n".join(lines))
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}; finished in "
          f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
