"""Running the same work in several threads at once (two copies of the bot, a race)."""

from __future__ import annotations

import threading
from collections.abc import Callable


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


class FakePanic(BaseException):
    """What pyo3 raises for a Rust panic (Duckling's binding): a BaseException, not an
    Exception, so `except Exception` lets it through."""
