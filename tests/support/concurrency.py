"""Running the same work in several threads at once (two copies of the bot, a race)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from bot.services.context import ServiceContext
from store.models import Task


def run_together(work: Callable[[], int], copies: int = 4) -> list[int]:
    """Start `copies` threads that call `work` at the same moment; their results, sorted."""
    results: list[int] = []
    barrier = threading.Barrier(copies)

    def copy() -> None:
        barrier.wait()
        results.append(work())

    threads = [threading.Thread(target=copy) for _ in range(copies)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


def until(condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Wait for another thread to make `condition` true (fails after `timeout` seconds)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


def beside_a_held_writer(services: ServiceContext, work: Callable[[], Any],
                         wait: float = 5.0) -> tuple[Any, bool]:
    """Run `work` while another thread's unit of work holds the writer's turn (a flushed,
    uncommitted INSERT); what it returned, and whether it had to wait for that writer (on
    SQLite a unit that only reads must not: the writer gives up after `wait` seconds)."""
    at = datetime.now(UTC)
    holding, done = threading.Event(), threading.Event()
    waited: list[bool] = []

    def writer() -> None:
        with services.uow() as uow:
            uow.session.add(Task(workspace_id="T0HOLDING", owner_id="U0HOLDING", title="-",
                                 origin="hand", status="open", tz="UTC", created_at=at,
                                 updated_at=at))
            uow.session.flush()
            holding.set()
            waited.append(not done.wait(wait))
            uow.commit()

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(10), "the writer never began"
    try:
        result = work()
    finally:
        done.set()
        thread.join(20)
    return result, waited != [False]


class FakePanic(BaseException):
    """What pyo3 raises for a Rust panic (Duckling's binding): a BaseException, not an
    Exception, so `except Exception` lets it through."""


class HeldExecutor(Executor):
    """Bolt's listener executor for a test: the work a request leaves for after its answer
    (lazy listeners) waits here until `release()`, so a test can see the answer arrive while
    that work has not even started."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=4)
        self._held: list[tuple[Future[Any], Callable[..., Any], tuple[Any, ...],
                               dict[str, Any]]] = []
        self._released = False
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            if not self._released:
                held: Future[Any] = Future()
                self._held.append((held, fn, args, kwargs))
                return held
        return self._pool.submit(fn, *args, **kwargs)

    def hold(self) -> None:
        """Hold the work submitted from now on (again, after a release)."""
        with self._lock:
            self._released = False

    def held(self) -> int:
        """How many pieces of work are waiting."""
        with self._lock:
            return len(self._held)

    def release(self) -> None:
        """Run what is held, and from now on everything at once."""
        with self._lock:
            self._released, held, self._held = True, self._held, []
        for future, fn, args, kwargs in held:
            self._pool.submit(fn, *args, **kwargs).add_done_callback(
                lambda done, f=future: _pass_on(done, f))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _pass_on(done: Future[Any], to: Future[Any]) -> None:
    failed = done.exception()
    if failed is not None:
        to.set_exception(failed)
    else:
        to.set_result(done.result())
