"""How long an acknowledgement's one INSERT waits while a /handover moves a whole book, on
SQLite (one writer at a time), beside the same handover as one transaction in the same run.

Usage: python bench/handover_writer.py [--customers 300] [--batch 10]

Each run builds a fresh SQLite database (migrated), imports `--customers` customers owned by
one rep (each with its cadence task and reminders), then hands them all over to a teammate
while another thread stores an acknowledgement (bot/services/inbox.store_request, the
INSERT a command or form makes before Slack gets its answer) every 5 ms. Printed per run:
the acknowledgements' p50/p99/max latency while the handover ran, the longest write
transaction, how many write transactions, the handover's wall and CPU time. "one transaction"
sets the batch to the whole book: the shape of a handover before it was batched.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402  (the path is set just above)

from bot.services.context import ServiceContext  # noqa: E402
from bot.services.customers.csv_import import import_customers  # noqa: E402
from bot.services.inbox import store_request  # noqa: E402
from bot.services.pool import assigning  # noqa: E402
from bot.teamconfig import parse_directory  # noqa: E402
from store.engine import make_engine, make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

WS, REP, MATE, LEAD = "T0BENCH", "U0REP", "U0REP2", "U0LEAD"
TEAM = f"""
teams:
  - name: East
    channel: C0EAST
    lead: {LEAD}
    members: [{REP}, {MATE}]
    timezone: Asia/Shanghai
"""
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def run(customers: int, batch: int, workdir: Path, label: str) -> dict[str, float]:
    engine = make_engine(f"sqlite:///{workdir / (label.replace(' ', '_') + '.db')}")
    upgrade(engine)
    factory = make_session_factory(engine)
    autocommit = make_session_factory(engine, autocommit=True)
    ctx = ServiceContext(uow=lambda: UnitOfWork(factory), directory=parse_directory(TEAM),
                         single_statement_uow=lambda: UnitOfWork(autocommit))
    import_customers(ctx, WS, [(i + 2, {"name": f"Bench {i:04d}", "owner": REP})
                               for i in range(customers)], LEAD, NOW)
    writes: list[float] = []
    began: dict[int, float] = {}

    @event.listens_for(engine, "before_cursor_execute")
    def _wrote(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            began.setdefault(id(conn), time.perf_counter())

    @event.listens_for(engine, "commit")
    def _committed(conn):  # type: ignore[no-untyped-def]
        started = began.pop(id(conn), None)
        if started is not None:
            writes.append((time.perf_counter() - started) * 1000)

    acks: list[float] = []
    done = threading.Event()

    def acknowledge() -> None:
        n = 0
        while not done.is_set():
            n += 1
            t0 = time.perf_counter()
            store_request(ctx, workspace_id=WS, kind="command", source_key=f"{label}:{n}",
                          user_id=REP, payload={"does": "nothing"}, now=NOW)
            acks.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.005)

    assigning.HANDOVER_BATCH = batch
    writes.clear()
    sender = threading.Thread(target=acknowledge)
    sender.start()
    cpu, wall = time.process_time(), time.perf_counter()
    answer = assigning.handover(ctx, WS, LEAD, REP, MATE, NOW)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    done.set()
    sender.join()
    engine.dispose()
    assert answer.count == customers, answer
    acks.sort()
    return {"ack p50": statistics.median(acks), "ack p99": acks[int(len(acks) * 0.99)],
            "ack max": acks[-1], "longest write": max(writes), "writes": len(writes),
            "wall s": wall, "cpu s": cpu, "acks": len(acks)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--batch", type=int, default=assigning.HANDOVER_BATCH)
    args = parser.parse_args()
    print(f"handover of {args.customers} customers on SQLite, an acknowledgement every 5 ms",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-handover-") as tmp:
        rows = {"one transaction": run(args.customers, args.customers + 1, Path(tmp), "one"),
                f"batches of {args.batch}": run(args.customers, args.batch, Path(tmp), "batched")}
    print(f"\n{'':<18}" + "".join(f"{k:>14}" for k in next(iter(rows.values()))))
    for label, row in rows.items():
        print(f"{label:<18}" + "".join(f"{v:>14.1f}" for v in row.values()))
    print("\nms unless marked s; ack: one stored request's INSERT and commit while the "
          "handover ran")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
