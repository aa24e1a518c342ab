"""Background workers: nothing a job raises ends one; one that ends anyway is restarted,
and a dead or stuck one is reported (for /healthz). Background reading gives way to the
requests being answered (the sender only briefly), but a flood never stops it."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import bot.runtime as runtime_module
from bot.config import Settings
from bot.domain.teams import TeamDirectory
from bot.runtime import (
    QUIET_FOR,
    READER_GIVES_WAY,
    SENDER_GIVES_WAY,
    InFlight,
    Worker,
    open_runtime,
)
from tests.support.concurrency import FakePanic, until


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    made: list[Worker] = []
    yield made
    for worker in made:
        worker.stop()


def _started(workers: list[Worker], job: Callable[[], int], **kw: float) -> Worker:
    worker = Worker("w", **kw)
    workers.append(worker)
    worker.start(job)
    return worker


def test_a_panic_in_a_job_does_not_end_the_worker(workers) -> None:
    runs: list[int] = []

    def job() -> int:
        runs.append(1)
        if len(runs) == 1:
            raise FakePanic("native library panicked")
        return 0

    worker = _started(workers, job)
    for _ in range(2):
        worker.wake()
        assert worker.wait_idle()
    assert len(runs) == 2 and worker.problem() is None and worker.restarts == 0


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # meant to
def test_a_dead_worker_is_reported_then_restarted_and_counted(workers) -> None:
    runs: list[int] = []

    def job() -> int:
        runs.append(1)
        if len(runs) == 1:
            raise SystemExit
        return 0

    worker = _started(workers, job)
    worker.wake()
    until(worker.problem)
    assert worker.problem() == "w is not running"
    assert worker.ensure_running() and worker.restarts == 1
    assert worker.wait_idle() and len(runs) == 2  # the new thread picks the work up at once
    assert worker.problem() is None and not worker.ensure_running()


def test_a_worker_busy_longer_than_allowed_is_reported_until_it_finishes(workers) -> None:
    entered, release = threading.Event(), threading.Event()

    def job() -> int:
        entered.set()
        release.wait(10)
        return 0

    worker = _started(workers, job, stuck_after=0.0)
    assert worker.problem() is None  # idle is not stuck
    worker.wake()
    assert entered.wait(10)
    problem = worker.problem()
    assert problem is not None and problem.startswith("w has been busy for")
    release.set()
    assert worker.wait_idle() and worker.problem() is None


def test_a_worker_never_started_or_stopped_has_no_problem(workers) -> None:
    idle = Worker("idle")
    assert idle.problem() is None and not idle.ensure_running()
    stopped = _started(workers, lambda: 0)
    stopped.stop()
    assert stopped.problem() is None and not stopped.ensure_running()


def test_a_worker_woken_in_a_moment_runs_then_and_not_before(workers) -> None:
    runs: list[float] = []
    worker = _started(workers, lambda: runs.append(time.monotonic()) or 0)
    assert worker.wait_idle()
    runs.clear()  # its first run, on starting
    asked = time.monotonic()
    worker.wake_in(0.3)  # e.g. a form's result due once Slack has applied its answer
    assert not runs
    until(lambda: bool(runs), timeout=5)
    assert runs[0] - asked >= 0.3


def test_many_moments_share_one_timer_and_each_still_wakes_the_worker(workers) -> None:
    runs: list[float] = []
    worker = _started(workers, lambda: runs.append(time.monotonic()) or 0)
    assert worker.wait_idle()
    runs.clear()
    before = threading.active_count()
    asked = time.monotonic()
    for n in range(50):  # a burst of rows due in a moment: later ones first
        worker.wake_in(0.6 - n * 0.01)
    worker.wake_in(0.9)
    assert threading.active_count() <= before + 1  # one watcher, not fifty
    for n in range(50):  # more, earlier still: the same watcher waits for them
        worker.wake_in(0.5 - n * 0.005)
    assert threading.active_count() <= before + 1
    until(lambda: len(runs) >= 1, timeout=5)
    assert runs[0] - asked >= 0.1  # the earliest moment asked, not before
    until(lambda: any(r - asked >= 0.9 for r in runs), timeout=5)  # the last one still came


def test_giving_way_waits_for_the_last_request_being_answered_to_leave() -> None:
    in_flight = InFlight()
    assert in_flight.wait_quiet(0)  # nothing in flight: no wait at all
    in_flight.enter()
    in_flight.enter()
    quiet: list[bool] = []
    waiter = threading.Thread(target=lambda: quiet.append(in_flight.wait_quiet(10)))
    waiter.start()
    in_flight.leave()
    time.sleep(0.05)
    assert not quiet  # one request is still being answered
    in_flight.leave()
    waiter.join(5)
    assert quiet == [True]


def test_a_flood_that_never_pauses_delays_the_reading_only_for_the_bound() -> None:
    in_flight = InFlight()
    stop = threading.Event()

    def flood() -> None:  # a new request always enters before the previous one leaves
        in_flight.enter()
        while not stop.is_set():
            in_flight.enter()
            in_flight.leave()
        in_flight.leave()

    flooding = threading.Thread(target=flood)
    flooding.start()
    try:
        started = time.monotonic()
        assert not in_flight.wait_quiet(0.2)
        assert 0.2 <= time.monotonic() - started < 2
    finally:
        stop.set()
        flooding.join(5)


def test_a_pause_is_no_request_in_flight_for_the_settling_time() -> None:
    in_flight = InFlight()
    assert in_flight.wait_quiet(0, settle=QUIET_FOR)  # never a request: quiet long since
    in_flight.enter()
    started = time.monotonic()
    in_flight.leave()
    assert in_flight.wait_quiet(5, settle=0.2)
    assert 0.2 <= time.monotonic() - started < 2  # the pause had to last, from the leave


def test_a_flood_of_requests_answered_together_is_no_pause() -> None:
    """Answers written together leave together and the next requests come a moment later:
    the instants with none in flight between them are no pause to write into."""
    in_flight = InFlight()
    stop = threading.Event()

    def batches() -> None:
        while not stop.is_set():
            for _ in range(16):
                in_flight.enter()
            time.sleep(0.002)
            for _ in range(16):
                in_flight.leave()
            time.sleep(0.0005)

    flooding = threading.Thread(target=batches)
    flooding.start()
    try:
        assert in_flight.wait_quiet(1, settle=0)  # an instant with none came at once
        started = time.monotonic()
        # A pause long enough that no stall of a busy test machine passes for one.
        assert not in_flight.wait_quiet(0.6, settle=0.4)
        assert 0.6 <= time.monotonic() - started < 3
    finally:
        stop.set()
        flooding.join(5)
    assert in_flight.wait_quiet(1, settle=QUIET_FOR)  # once it ends, the pause comes


def test_in_a_flood_the_sender_waits_for_a_pause_half_as_long_as_the_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages and answers go through the sender: it gives up waiting sooner."""
    monkeypatch.setattr(runtime_module, "QUIET_FOR", 5.0)  # a pause that never comes
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'crm.db'}")
    runtime = open_runtime(settings, TeamDirectory(), workspace_id="T1")
    try:
        assert runtime.reader.before_each is not None and runtime.sender.before_each is not None
        runtime.in_flight.enter()
        runtime.in_flight.leave()
        started = time.monotonic()
        runtime.sender.before_each()
        assert SENDER_GIVES_WAY <= time.monotonic() - started < READER_GIVES_WAY
        started = time.monotonic()
        runtime.reader.before_each()
        assert READER_GIVES_WAY <= time.monotonic() - started < 3
    finally:
        runtime.stop()


def test_the_sender_gives_way_to_requests_in_flight_but_only_briefly(tmp_path: Path) -> None:
    """Its rounds are writes (claims, what was sent), each a turn of SQLite's one writer that
    acknowledgements wait for; but pages and answers go through it, so it waits for a pause
    as the reader does, but half as long at most."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'crm.db'}")
    runtime = open_runtime(settings, TeamDirectory(), workspace_id="T1")
    try:
        assert runtime.sender.before_each is not None
        started = time.monotonic()
        runtime.sender.before_each()
        assert time.monotonic() - started < 0.1  # nothing in flight: no wait
        runtime.in_flight.enter()  # a request that never ends, as in a flood
        started = time.monotonic()
        runtime.sender.before_each()
        waited = time.monotonic() - started
        assert SENDER_GIVES_WAY * 0.9 <= waited < READER_GIVES_WAY
        # One that has just ended: not yet a pause (in a flood the next comes within a ms).
        started = time.monotonic()
        runtime.in_flight.leave()
        runtime.sender.before_each()
        assert QUIET_FOR <= time.monotonic() - started < SENDER_GIVES_WAY
        assert not runtime.in_flight.answering(QUIET_FOR)
    finally:
        runtime.stop()


def test_settling_the_heap_freezes_start_ups_objects_and_makes_full_passes_rarer() -> None:
    """What start-up made is out of the collector's full passes, and those come every
    FULL_PASS_EVERY young passes, not Python's 10: each stands every thread still."""
    from bot.serving import FULL_PASS_EVERY, _settle_heap

    threshold = gc.get_threshold()
    try:
        _settle_heap()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (*threshold[:2], FULL_PASS_EVERY)
        assert threshold[2] < FULL_PASS_EVERY
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
