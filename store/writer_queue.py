"""SQLite's one writer within a process: a transaction an answer waits for (the /log
acknowledgement's INSERT) goes before background work (reading logs, sending, sweeps) waiting
at the same moment, and answers go in the order they came.

With a plain lock whichever waiter the OS woke first went in, so an acknowledgement could
wait for two of the reader's transactions instead of the one already running. With one
condition woken for all, every release woke every waiter to race for the turn: at 16
concurrent `/log`s the unlucky ones lost several races in a row (bench/ack_latency.py,
`ack-only`: p99 three times the median). Here each waiter sleeps on its own lock and the
release hands the turn to the next one directly: nobody races, nobody is passed over."""

from __future__ import annotations

import threading
from collections import deque

# After this many answers in a row went ahead of a waiting background transaction, the
# background one goes next: a flood of requests delays the reading, never stops it.
AHEAD_AT_MOST = 8


class WriterQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held = False
        self._urgent: deque[threading.Lock] = deque()  # answers waiting, oldest first
        self._background: deque[threading.Lock] = deque()
        self._ahead = 0  # answers let in while a background one waited

    def acquire(self, urgent: bool) -> None:
        """Wait for the writer's turn; `urgent` for an answer someone is waiting for."""
        with self._lock:
            if not self._held:
                self._held = True
                self._ahead = 0
                return
            waiter = threading.Lock()
            waiter.acquire()
            line = self._urgent if urgent else self._background
            line.append(waiter)
        try:
            waiter.acquire()  # released by release(): the turn is ours, still held
        except BaseException:
            with self._lock:
                handed = waiter not in line
                if not handed:
                    line.remove(waiter)
            if handed:  # the turn reached us as we were interrupted: pass it on
                self.release()
            raise

    def release(self) -> None:
        with self._lock:
            following = self._next()
            if following is None:
                self._held = False
            else:
                following.release()

    def _next(self) -> threading.Lock | None:
        if self._urgent and (not self._background or self._ahead < AHEAD_AT_MOST):
            self._ahead = self._ahead + 1 if self._background else 0
            return self._urgent.popleft()
        if self._background:
            self._ahead = 0
            return self._background.popleft()
        return None

    def waiting(self) -> tuple[int, int]:
        """(answers, background transactions) waiting now."""
        with self._lock:
            return len(self._urgent), len(self._background)
