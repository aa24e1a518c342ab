"""Starting and stopping the parts that run in the background: the sender and the scheduler."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from bot import clock, jobs
from bot.config import Settings
from bot.domain.parsing import warm_up
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.delivery import SweepReport
from bot.services.ports import Notifier
from store.engine import make_engine, make_session_factory
from store.migrate import upgrade
from store.uow import UnitOfWork

log = logging.getLogger(__name__)


class Sender:
    """A thread that sends queued messages as soon as a request commits them."""

    def __init__(self, interval: float, clock: jobs.Clock = clock.now) -> None:
        self.interval = interval
        self.clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread: threading.Thread | None = None
        self.services: ServiceContext | None = None
        self.notifier: Notifier | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self, services: ServiceContext, notifier: Notifier) -> None:
        self.services, self.notifier = services, notifier
        self._thread = threading.Thread(target=self._run, name="sender", daemon=True)
        self._thread.start()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until nothing is being sent and no wake-up is pending (for tests, the shell)."""
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            while not deadline.is_set():
                if self._idle.wait(0.01) and not self._wake.is_set():
                    return True
            return False
        finally:
            timer.cancel()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        assert self.services is not None and self.notifier is not None
        while not self._stop.is_set():
            if not self._wake.is_set():
                self._idle.set()
            self._wake.wait(self.interval)
            self._idle.clear()
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                while jobs.send_now(self.services, self.notifier, self.clock).claimed:
                    pass
            except Exception:  # a bad send must not stop every later one
                log.exception("sending queued notifications failed; retrying on the next wake")


@dataclass
class Runtime:
    """The database, the services and the background workers of one running bot."""

    settings: Settings
    engine: Engine
    services: ServiceContext
    sender: Sender
    clock: jobs.Clock = clock.now
    scheduler: BackgroundScheduler | None = None
    notifier: Notifier | None = None
    started: list[str] = field(default_factory=list)

    def start_background(self, notifier: Notifier, *, schedule: bool = True) -> None:
        """Start sending queued messages and (unless told not to) sweeping for due work."""
        self.notifier = notifier
        self.sender.start(self.services, notifier)
        if not schedule:
            return
        scheduler = BackgroundScheduler(timezone=UTC)
        # Run at once on start so whatever fell due while the bot was down goes out now.
        scheduler.add_job(jobs.sweep, "interval", args=(self.services, notifier, self.clock),
                          seconds=self.settings.sweep_seconds, id="sweep",
                          next_run_time=clock.now(), coalesce=True, max_instances=1,
                          misfire_grace_time=None)
        scheduler.start()
        self.scheduler = scheduler

    def sweep_now(self) -> SweepReport:
        """Run one sweep in this thread (the shell's and the tests' way to make time pass)."""
        assert self.notifier is not None, "start_background first"
        return jobs.sweep(self.services, self.notifier, self.clock)

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
        self.sender.stop()
        self.engine.dispose()


def open_runtime(settings: Settings, directory: TeamDirectory, *, migrate: bool = True,
                 now: jobs.Clock = clock.now) -> Runtime:
    """Connect to the database (migrating it), build the services, warm the parser."""
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    factory = make_session_factory(engine)
    sender = Sender(interval=settings.sweep_seconds, clock=now)
    services = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                              default_tz=settings.default_tz, wake_sender=sender.wake)
    warm_up()
    return Runtime(settings=settings, engine=engine, services=services, sender=sender, clock=now)
