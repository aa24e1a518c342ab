"""Starting and stopping what runs in the background: the log reader, the sender, the sweeps."""

from __future__ import annotations

import heapq
import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from bot import clock, jobs
from bot.config import Settings
from bot.domain.leases import KEEP_EVERY
from bot.domain.pacing import Limits, Pacer
from bot.domain.parsing import warm_up
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.delivery.dispatch import Dispatcher
from bot.services.delivery.shared_pacing import SharedPacer
from bot.services.delivery.sweeps import SweepReport
from bot.services.ports import Notifier
from store.crypto import Keyring, configure_keyring
from store.engine import checkpoint, is_sqlite_file, make_engine, make_session_factory
from store.migrate import upgrade
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
# How long reading the next logs waits for a pause with no Slack request in flight. A
# reading's write holds SQLite's one writer (and on either database takes a share of two
# cores) for 12-30 ms under a flood, against 3 ms idle, and every acknowledgement arriving
# meanwhile waits behind it: at 0.25 s the reader wrote about twice a second through a flood
# and the answers' p99 was 42-70 ms on SQLite, 64 ms on PostgreSQL; at 1 s, 31-37 ms on both
# (bench/ack_latency.py, 16 senders, 2,000 and 10,000 requests). The reading still goes on
# through a flood, a log every second or three, and catches up after it.
READER_GIVES_WAY = 1.0
# What counts as a pause: no request in flight for this long. An instant with none did not
# do: answers written together (store/combined_inserts.py) leave together, and the next ones
# arrive a fraction of a millisecond later, so a flood had such an instant every few
# milliseconds and the reader wrote into it (20-25 logs read in a 3 s flood). With the
# server on one CPU, waiting for 20 ms took the answers' p99 at 16 senders from 49 to 42 ms
# on SQLite and their rate from 720 to 900 a second, 2-3 logs read in the flood (2026-12-06,
# `--cpus 1`, medians of 3 rounds; 76 to 44 ms in a run where the sender waited for the
# pause too); 5 ms read a log or two more and measured 47 ms against 38-39 (single runs). A
# team's requests come seconds apart: a log's reading then waits 20 ms at each of its three
# steps, its answer 60 ms later than without.
QUIET_FOR = 0.02
# How long the sender's next round (claiming what is due, composing it, recording what was
# sent: writes, on SQLite turns of the one writer every acknowledgement needs, and the
# interpreter's time) waits for a pause in Slack's requests (QUIET_FOR). Shorter than the
# reader's: complaint pages and answers go through it. It waited for an instant with none
# in flight, 0.25 s at most, which a flood has every few milliseconds; waiting for a pause,
# 0.5 s at most, with one send started at a time while requests are answered
# (bot/services/delivery/dispatch.py), the acknowledgements' p99 in 10,000-request floods
# on PostgreSQL was 23.0 and 21.7 ms against 25.8 and 27.5 ms (bench/ack_latency.py, two runs
# of three rounds, medians, 2026-12-06).
SENDER_GIVES_WAY = 0.5
# A worker busy with one batch for longer than this is reported stuck by /healthz. A reading
# is time-boxed (ServiceContext.parse_seconds) and a send waits at most for Slack's answer.
STUCK_AFTER = 300.0


class InFlight:
    """Counts the Slack requests being answered, so background work can give way to them:
    Slack's 3-second deadline is hard, a confirmation a moment later is not."""

    def __init__(self) -> None:
        self._count = 0
        self._quiet = threading.Condition()
        self._quiet_since = -math.inf  # monotonic moment the last request left

    def enter(self) -> None:
        with self._quiet:
            self._count += 1

    def leave(self) -> None:
        with self._quiet:
            self._count -= 1
            if self._count == 0:
                self._quiet_since = clock.monotonic()
                self._quiet.notify_all()

    def answering(self, settle: float = 0.0) -> bool:
        """Whether a request is being answered, or one was within the last `settle` seconds."""
        with self._quiet:
            return self._count > 0 or clock.monotonic() - self._quiet_since < settle

    def wait_quiet(self, timeout: float, settle: float = 0.0) -> bool:
        """Wait until no request has been answered for `settle` seconds, but never longer
        than `timeout`; whether that pause came."""
        deadline = clock.monotonic() + timeout
        with self._quiet:
            while True:
                now = clock.monotonic()
                pause = settle - (now - self._quiet_since) if self._count == 0 else None
                if pause is not None and pause <= 0:
                    return True
                if now >= deadline:
                    return False
                self._quiet.wait(deadline - now if pause is None
                                 else min(pause, deadline - now))


class Worker:
    """A thread that runs its job each time it is woken, until the job reports nothing more
    to do. Requests wake it the moment they commit work; the scheduler's tick wakes it too.

    Nothing a job raises ends the thread (a native library's panic is a BaseException); should
    the thread end anyway, `ensure_running` starts another, and `problem` says so meanwhile."""

    def __init__(self, name: str, before_each: Callable[[], object] | None = None,
                 poll: float | None = None, stuck_after: float = STUCK_AFTER) -> None:
        self.name = name
        self.before_each = before_each
        self.poll = poll  # also look every `poll` seconds (for work another process stored)
        self.stuck_after = stuck_after
        self.restarts = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread: threading.Thread | None = None
        self._job: Callable[[], int] | None = None
        self._busy_since: float | None = None  # monotonic start of the running batch
        self.also_wake: Callable[[], None] | None = None  # a job that waits within itself
        self._moments: list[float] = []  # monotonic moments to wake at (wake_in), a heap
        self._moments_changed = threading.Condition()
        self._watcher: threading.Thread | None = None

    def wake(self) -> None:
        self._wake.set()
        if self.also_wake is not None:
            self.also_wake()

    def wake_in(self, seconds: float) -> None:
        """Wake the job after `seconds` (work stored due a moment from now). One watcher
        thread per worker waits for the earliest moment asked, not a thread per row: a burst
        of rows due soon (forms' results, Home refreshes) started as many threads, and a
        timer restarted for each earlier moment left the cancelled ones still running."""
        at = clock.monotonic() + max(0.0, seconds)
        with self._moments_changed:
            heapq.heappush(self._moments, at)
            if self._watcher is None:
                self._watcher = threading.Thread(target=self._watch_moments, daemon=True,
                                                 name=f"{self.name}-moments")
                self._watcher.start()
            elif self._moments[0] == at:
                self._moments_changed.notify()  # earlier than the one it waits for

    def _watch_moments(self) -> None:
        with self._moments_changed:
            while not self._stop.is_set():
                left = self._moments[0] - clock.monotonic() if self._moments else None
                if left is None or left > 0:
                    self._moments_changed.wait(left)
                    continue
                while self._moments and self._moments[0] <= clock.monotonic():
                    heapq.heappop(self._moments)
                self.wake()

    def start(self, job: Callable[[], int]) -> None:
        self._job = job
        self._thread = threading.Thread(target=self._run, args=(job,), name=self.name,
                                        daemon=True)
        self._thread.start()

    def problem(self) -> str | None:
        """Why this worker is not doing its work (not running, or one batch for too long),
        or None; a worker never started has no problem."""
        if self._thread is None or self._stop.is_set():
            return None
        if not self._thread.is_alive():
            return f"{self.name} is not running"
        since = self._busy_since
        if since is not None and clock.monotonic() - since > self.stuck_after:
            return f"{self.name} has been busy for {clock.monotonic() - since:.0f} s"
        return None

    def ensure_running(self) -> bool:
        """Start the job again in a new thread if the thread has ended; True if it did."""
        if self._job is None or self._stop.is_set() or \
                (self._thread is not None and self._thread.is_alive()):
            return False
        self.restarts += 1
        log.error("%s had stopped; started again (restart %d)", self.name, self.restarts)
        self._busy_since = None
        self.start(self._job)
        self._wake.set()  # whatever it was doing is still due
        return True

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until the job is not running and no wake-up is pending (tests, the shell)."""
        deadline = clock.monotonic() + timeout
        while True:
            # Wake-up first: the worker clears "idle" before it clears the wake-up, so a
            # consumed wake-up followed by "idle" means the work it asked for is done.
            if not self._wake.is_set() and self._idle.is_set():
                return True
            if clock.monotonic() >= deadline:
                return False
            self._idle.wait(0.005)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        with self._moments_changed:
            self._moments_changed.notify()
        if self._thread:
            self._thread.join(timeout=10)

    def _run(self, job: Callable[[], int]) -> None:
        while not self._stop.is_set():
            if not self._wake.is_set():
                self._idle.set()
            self._wake.wait(self.poll)
            self._idle.clear()  # before clearing the wake-up, so wait_idle never sees a gap
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                # Stopping ends the run after the batch in hand: a backlog of logs made a
                # stopping server wait its 10 s and exit by force (bench/ack_latency.py's
                # log showed "still stopping"); what is left is claimed again later.
                while not self._stop.is_set():
                    if self.before_each is not None:
                        self.before_each()
                    self._busy_since = clock.monotonic()
                    if not job():
                        break
                    self._busy_since = None
            except SystemExit:
                raise  # a deliberate end of this thread; the supervisor starts another
            except BaseException:  # one failure must not stop every later run
                log.exception("%s failed; trying again on the next wake-up", self.name)
            finally:
                self._busy_since = None


@dataclass
class Runtime:
    """The database, the services and the background workers of one running bot."""

    settings: Settings
    engine: Engine
    services: ServiceContext
    reader: Worker
    sender: Worker
    in_flight: InFlight
    clock: jobs.Clock = clock.now
    scheduler: BackgroundScheduler | None = None
    notifier: Notifier | None = None
    # Renews the leases of the work in flight; and wakes the workers often enough that a
    # dead process's claims are taken over within KEEP_EVERY of their lease running out.
    keeper: Worker = field(default_factory=lambda: Worker(
        "lease-keeper", poll=KEEP_EVERY.total_seconds()))
    # Slack's limits the sender keeps to (bot/domain/pacing.py).
    limits: Limits = field(default_factory=Limits)
    dispatcher: Dispatcher | None = None

    def start_background(self, notifier: Notifier, *, schedule: bool = True) -> None:
        """Start reading logs and sending messages, and (unless told not to) the sweeps."""
        self.notifier = notifier
        # Requests stored before their answer (complaints, clicks) come before reading logs:
        # a page is the most urgent, and a click's answer is short work.
        self.reader.start(lambda: jobs.do_received(self.services, self.clock, batch=2)
                          + jobs.read_logs(self.services, self.clock, batch=2,
                                           notifier=notifier))
        pacer = (SharedPacer(self.services, self.limits, wall=clock.epoch_seconds,
                             monotonic=clock.monotonic)
                 if self.settings.pacing == "shared" else Pacer(self.limits))
        dispatcher = Dispatcher(self.services, notifier, clock=self.clock,
                                monotonic=clock.monotonic, pacer=pacer,
                                answering=lambda: self.in_flight.answering(QUIET_FOR))
        self.dispatcher = dispatcher
        self.sender.also_wake = dispatcher.wake
        self.sender.start(dispatcher.step)
        self.keeper.start(lambda: self._keep(wake=schedule))
        if not schedule:
            return
        scheduler = BackgroundScheduler(timezone=UTC)
        # Run at once on start so whatever fell due while the bot was down goes out now.
        scheduler.add_job(self._tick, "interval", seconds=self.settings.sweep_seconds, id="tick",
                          next_run_time=clock.now(), coalesce=True, max_instances=1,
                          misfire_grace_time=None)
        if is_sqlite_file(self.engine):
            scheduler.add_job(checkpoint, "interval", args=(self.engine,), seconds=1,
                              id="checkpoint", coalesce=True, max_instances=1)
        scheduler.start()
        self.scheduler = scheduler

    def _tick(self) -> None:
        """The scheduler's beat: restart a worker that died, mark overdue tasks and queue due
        digests, then wake the workers to claim due work (logs left unread by a crash,
        reminders that fell due)."""
        self.supervise()
        try:
            jobs.tick(self.services, self.clock)
        finally:
            self.reader.wake()
            self.sender.wake()

    def _keep(self, *, wake: bool) -> int:
        jobs.renew_claims(self.services, self.clock)
        if wake:
            self.reader.wake()
            self.sender.wake()
        return 0

    def supervise(self) -> int:
        """Start again every background worker whose thread has ended; how many were."""
        return sum(worker.ensure_running() for worker in (self.reader, self.sender))

    def problem(self) -> str | None:
        """Why background work is not being done right now (for /healthz), or None."""
        found = [p for p in (self.reader.problem(), self.sender.problem()) if p]
        return "; ".join(found) or None

    def sweep_now(self) -> SweepReport:
        """Run one sweep in this thread (the shell's and the tests' way to make time pass)."""
        assert self.notifier is not None, "start_background first"
        return jobs.sweep(self.services, self.notifier, self.clock)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no log is being read and no message is being sent."""
        deadline = clock.monotonic() + timeout
        while clock.monotonic() < deadline:
            left = deadline - clock.monotonic()
            if self.reader.wait_idle(left) and self.sender.wait_idle(left) and \
                    self.reader.wait_idle(0):
                return True
        return False

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
        self.keeper.stop()
        self.reader.stop()
        if self.dispatcher is not None:
            self.dispatcher.stop()
        self.sender.stop()
        if self.dispatcher is not None:
            self.dispatcher.close()
        self.engine.dispose()


def open_runtime(settings: Settings, directory: TeamDirectory, *, migrate: bool = True,
                 now: jobs.Clock = clock.now, poll: float | None = None,
                 workspace_id: str | None = None) -> Runtime:
    """Connect to the database (migrating it), build the services, warm the parser."""
    configure_keyring(Keyring.from_setting(settings.encryption_keys))
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    factory = make_session_factory(engine)
    autocommit = make_session_factory(engine, autocommit=True)
    in_flight = InFlight()
    def give_way() -> bool:
        return in_flight.wait_quiet(READER_GIVES_WAY, QUIET_FOR)

    reader = Worker("log-reader", before_each=give_way, poll=poll)
    sender = Worker("sender",
                    before_each=lambda: in_flight.wait_quiet(SENDER_GIVES_WAY, QUIET_FOR),
                    poll=poll)
    services = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                              default_tz=settings.default_tz, wake_sender=sender.wake,
                              wake_sender_at=lambda moment: sender.wake_in(
                                  (moment - now()).total_seconds()),
                              wake_processor=reader.wake, workspace_id=workspace_id,
                              single_statement_uow=lambda: UnitOfWork(autocommit),
                              give_way=give_way)
    warm_up()
    return Runtime(settings=settings, engine=engine, services=services, reader=reader,
                   sender=sender, in_flight=in_flight, clock=now)
