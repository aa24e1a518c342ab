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
