"""Shared fixtures: real databases (SQLite and PostgreSQL), a fake clock and notifier."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.teamconfig import parse_directory
from store.engine import make_engine, make_session_factory
from store.uow import UnitOfWork
from tests.support import databases
from tests.support.fakes import FakeClock, FakeNotifier

TEAM_YAML = """
teams:
  - name: East
    channel: C0EAST
    lead: U0LEAD
    members: [U0REP, U0REP2]
    timezone: Asia/Shanghai
admins: [U0ADMIN]
"""


# What the bot reads from its environment (bot/config.py); CRM_TEST_* configures the suite.
_BOT_SETTINGS = ("SLACK_", "CRM_", "DATABASE_URL", "PORT")


@pytest.fixture(scope="session", autouse=True)
def _isolated_from_the_developer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Run every test, and every process it starts, in an empty folder without bot settings.

    A developer's exported settings, `.env` or `crm.yml` (the README recommends both) would
    otherwise reach `python -m bot` run in-process or as a child, and tests would pass or
    fail by what happens to be in the shell.
    """
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    for name in list(os.environ):
        if name.startswith(_BOT_SETTINGS) and not name.startswith("CRM_TEST_"):
            del os.environ[name]
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(saved_cwd)
    os.environ.clear()
    os.environ.update(saved_env)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def _postgres() -> Iterator[databases.PostgresServer | str]:
    server = databases.start_postgres()
    yield server
    if isinstance(server, databases.PostgresServer):
        server.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, _sqlite_template: Path) -> Iterator[str]:
    """A migrated, empty database URL; every test using it runs on SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield databases.fresh_sqlite(_sqlite_template, tmp_path)
        return
    server = request.getfixturevalue("_postgres")
    if isinstance(server, str):
        databases.unavailable(server)
    for _engine in databases.empty_postgres(server.url):
        yield server.url


@pytest.fixture
def directory() -> TeamDirectory:
    # The weekly report at a time these tests never reach (tests/e2e/test_weekly_report.py
    # keeps its default, Monday 09:00, the moment the clock below starts at).
    found = parse_directory(TEAM_YAML)
    return replace(found, teams=tuple(replace(t, report_day="sun", report_time=time(23, 59))
                                      for t in found.teams))


@pytest.fixture
def clock() -> FakeClock:
    # A Monday morning in Shanghai (01:00 UTC = 09:00 CST).
    return FakeClock(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))


@pytest.fixture
def services(db_url: str, directory: TeamDirectory) -> Iterator[ServiceContext]:
    engine = make_engine(db_url)
    factory = make_session_factory(engine)
    autocommit = make_session_factory(engine, autocommit=True)
    yield ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                         default_tz="UTC", single_statement_uow=lambda: UnitOfWork(autocommit))
    engine.dispose()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()
