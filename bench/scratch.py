"""Scratch databases for the benchmarks: a fresh SQLite file or a throw-away PostgreSQL
database beside a server URL (dropped at the end), and runs without some indexes; and an
earlier revision of the code, unpacked to run beside the current one."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Mapping
from io import BytesIO
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, text

from store.engine import make_engine

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def each_database(dbs: str, pg_url: str, run: Callable[[str, str], None]) -> None:
    """Call run(db, url) for each of "sqlite,postgresql" on a database of its own."""
    for db in dbs.split(","):
        if db == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                run(db, f"sqlite:///{tmp}/bench.db")
            continue
        name = f"bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(pg_url)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        try:
            run(db, pg_url.rsplit("/", 1)[0] + f"/{name}")
        finally:
            with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
            admin.dispose()


def without_indexes(engine: Engine, indexes: Mapping[str, str], run: Callable[[], T]) -> T:
    """run() after dropping these indexes (name: "table (columns) WHERE …"), rebuilt after."""
    with engine.begin() as conn:
        for name in indexes:
            conn.execute(text(f"DROP INDEX {name}"))
    try:
        return run()
    finally:
        with engine.begin() as conn:
            for name, on in indexes.items():
                conn.execute(text(f"CREATE INDEX {name} ON {on}"))


def unpack(rev: str, into: Path) -> Path:
    """The repository at `rev`, unpacked with `git archive` under `into`."""
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True,
                          check=True, timeout=120).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into
