"""Real databases for tests: a migrated SQLite file per test, a fresh PostgreSQL DB per run."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from store.engine import make_engine
from store.migrate import upgrade
from store.models import Base

POSTGRES_URL = os.environ.get("CRM_TEST_POSTGRES_URL",
                              "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class PostgresServer:
    """Creates one throw-away database for this test run and drops it at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.name = f"crm_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.url = admin_url.rsplit("/", 1)[0] + "/" + self.name

    def create(self) -> None:
        admin = make_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        finally:
            admin.dispose()

    def drop(self) -> None:
        admin = make_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        finally:
            admin.dispose()


def start_postgres() -> PostgresServer | str:
    """A fresh migrated database, or the reason PostgreSQL cannot be used."""
    server = PostgresServer(POSTGRES_URL)
    try:
        server.create()
    except OperationalError as exc:
        return f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc.orig}"
    engine = make_engine(server.url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return server


def sqlite_template(tmp_dir: Path) -> Path:
    """A migrated SQLite file that each test copies (migrating once per run)."""
    path = tmp_dir / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def fresh_sqlite(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "crm.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def empty_postgres(url: str) -> Iterator[Engine]:
    """The run's PostgreSQL database with every table emptied (fast, unlike re-creating it)."""
    engine = make_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield engine
    engine.dispose()


def unavailable(reason: str) -> None:
    """In CI a missing PostgreSQL fails the test; elsewhere it is skipped, saying how to fix it."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: PostgreSQL is required)", pytrace=False)
    pytest.skip(f"{reason}. Start PostgreSQL on 127.0.0.1:5432 (trust auth, database 'test') "
                "or set CRM_TEST_POSTGRES_URL to run these tests.")
