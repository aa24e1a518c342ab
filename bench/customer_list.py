"""`/customers` as the workspace grows: the repository's listing (visibility as a union of
per-person index lookups) beside the same query written as OR EXISTS per customer (a scan
of the workspace), measured in the same run on the same data.

    .venv/bin/python bench/customer_list.py [--db sqlite|postgresql] [--customers 20000,100000]

Seeds one workspace: N customers owned by 200 reps, 2 logs per customer by other reps, a
tag on every tenth customer; then times each viewer's list (median of 15 runs, each its own
unit of work, count query included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import exists, insert, or_, text  # noqa: E402

from store.engine import make_engine, make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.models import Customer, CustomerTag, FollowUp, Task  # noqa: E402
from store.repositories.customers import Customers, ListQuery  # noqa: E402
from store.uow import UnitOfWork  # noqa: E402

NOW = datetime(2026, 11, 23, tzinfo=UTC)
REPS = [f"U{i:04d}" for i in range(200)]


class ExistsBaseline(Customers):
    """The visibility rule written the obvious way: OR EXISTS, evaluated per customer."""

    def _matching(self, q: ListQuery):  # type: ignore[no-untyped-def]
        where = super()._matching(ListQuery(q.workspace_id, q.tag_keys, q.stage,
                                            q.likelihood, q.tier, q.owner, None, q.limit))
        if q.seen_by is not None:
            people = list(q.seen_by)
            where.append(or_(
                Customer.owner_id.in_(people),
                exists().where(FollowUp.customer_id == Customer.id,
                               FollowUp.author_id.in_(people)),
                exists().where(Task.customer_id == Customer.id, Task.owner_id.in_(people))))
        return where


def seed(url: str, n: int) -> Callable[[], UnitOfWork]:
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as c:
        c.execute(insert(Customer), [dict(
            workspace_id="T1", name=f"C{i}", name_key=f"c{i}", owner_id=REPS[i % 200],
            created_by="U0", created_at=NOW, stage=("inquiry", "qualified", "negotiating")[i % 3],
            likelihood=("A", "B", "C", None)[i % 4]) for i in range(n)])
        ids = [r[0] for r in c.execute(text("SELECT id FROM customers ORDER BY id"))]
        c.execute(insert(CustomerTag), [dict(customer_id=i, tag_key="urgent",
                                             workspace_id="T1", tag="urgent")
                                        for i in ids[::10]])
        c.execute(insert(FollowUp), [dict(
            workspace_id="T1", author_id=REPS[(i * 7 + 3) % 200], source="slash",
            source_key=f"k{i}", raw_text="x", status="recorded", customer_id=ids[i % n],
            summary="x", created_at=NOW - timedelta(minutes=i), updated_at=NOW)
            for i in range(2 * n)])
        c.execute(text("ANALYZE"))
    factory = make_session_factory(engine)
    return lambda: UnitOfWork(factory)


def median_ms(uow: Callable[[], UnitOfWork], repo: type[Customers], q: ListQuery) -> float:
    times = []
    for _ in range(15):
        with uow() as u:
            start = time.perf_counter()
            repo(u.session).listing(q)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--customers", default="20000,100000")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    queries = [("rep", ListQuery("T1", seen_by=["U0001"])),
               ("rep, tag:urgent", ListQuery("T1", tag_keys=["urgent"], seen_by=["U0001"])),
               ("lead of 10, stage:negotiating",
                ListQuery("T1", stage="negotiating", seen_by=REPS[:10])),
               ("admin, tag:urgent likelihood:A",
                ListQuery("T1", tag_keys=["urgent"], likelihood="A"))]
    print("| database | customers | viewer and filter | listing, median ms "
          "| OR EXISTS, median ms |")
    print("| --- | --- | --- | --- | --- |")
    for n in (int(x) for x in args.customers.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            admin = None
            if args.db == "sqlite":
                url = f"sqlite:///{tmp}/bench.db"
            else:
                name = f"bench_list_{uuid.uuid4().hex[:8]}"
                admin = make_engine(args.pg_url, isolation_level="AUTOCOMMIT")
                with admin.connect() as c:
                    c.execute(text(f'CREATE DATABASE "{name}"'))
                url = args.pg_url.rsplit("/", 1)[0] + "/" + name
            try:
                uow = seed(url, n)
                for label, q in queries:
                    print(f"| {args.db} | {n:,} | {label} | {median_ms(uow, Customers, q):.1f} "
                          f"| {median_ms(uow, ExistsBaseline, q):.1f} |", flush=True)
            finally:
                if admin is not None:
                    with admin.connect() as c:
                        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                    admin.dispose()


if __name__ == "__main__":
    main()
