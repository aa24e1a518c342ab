"""SQLite's one writer within a process: a transaction an answer waits for (the /log
acknowledgement's INSERT) goes before background work (reading logs, sending, sweeps) waiting
at the same moment, and answers go in the order they came.

A background transaction that may be ended early (`gives_way`: a log's reading, which holds
the writer for 20-35 ms under load and is done again in full) is asked to stop when an answer
starts waiting behind it: it sees `must_give_way()` at its next statement, rolls back and
lets the answer in. Others finish what they started. Only within this process: a worker
process beside `serve` takes the file's writer through the OS lock and is never asked.

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
# A waiter sleeps on its own lock; with it, whether its transaction gives way.
_Waiter = tuple[threading.Lock, bool]


class WriterQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held = False
        self._urgent: deque[_Waiter] = deque()  # answers waiting, oldest first
        self._background: deque[_Waiter] = deque()
        self._ahead = 0  # answers let in while a background one waited
        self._holder_gives_way = False  # the transaction holding the turn may be ended early
        self._asked_to_give_way = False  # and an answer is waiting for it to do so

    def acquire(self, urgent: bool, gives_way: bool = False) -> None:
        """Wait for the writer's turn; `urgent` for an answer someone is waiting for,
        `gives_way` for background work that stops when one is (`must_give_way`)."""
        with self._lock:
            if not self._held:
                self._held = True
                self._ahead = 0
                self._hold(gives_way)
                return
            if urgent and self._holder_gives_way:
                self._asked_to_give_way = True
            waiter: _Waiter = (threading.Lock(), gives_way)
            waiter[0].acquire()
            line = self._urgent if urgent else self._background
            line.append(waiter)
        try:
            waiter[0].acquire()  # released by release(): the turn is ours, still held
        except BaseException:
            with self._lock:
                handed = waiter not in line
                if not handed:
                    line.remove(waiter)
            if handed:  # the turn reached us as we were interrupted: pass it on
                self.release()
            raise

    def must_give_way(self) -> bool:
        """Whether the transaction holding the turn should end now: it gives way and an
        answer waits for it (read by the holder, between its statements)."""
        return self._asked_to_give_way

    def release(self) -> None:
        with self._lock:
            following = self._next()
            if following is None:
                self._held = False
                self._hold(False)
            else:
                self._hold(following[1])
                following[0].release()

    def _hold(self, gives_way: bool) -> None:
        # An answer already waiting when such a transaction gets its turn is waiting for it.
        self._holder_gives_way = gives_way
        self._asked_to_give_way = gives_way and bool(self._urgent)

    def _next(self) -> _Waiter | None:
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
