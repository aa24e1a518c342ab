"""SQLite's one writer within a process: a transaction an answer waits for (the /log
acknowledgement's INSERT) goes before background work (reading logs, sending, sweeps) waiting
at the same moment. With a plain lock whichever waiter the OS woke first went in, so an
acknowledgement could wait for two of the reader's transactions instead of the one already
running."""

from __future__ import annotations

import threading

# After this many answers in a row went ahead of a waiting background transaction, the
# background one goes next: a flood of requests delays the reading, never stops it.
AHEAD_AT_MOST = 8


class WriterQueue:
    def __init__(self) -> None:
        self._turn = threading.Condition(threading.Lock())
        self._held = False
        self._urgent = 0  # answers waiting
        self._background = 0  # background transactions waiting
        self._ahead = 0  # answers let in while a background one waited

    def acquire(self, urgent: bool) -> None:
        """Wait for the writer's turn; `urgent` for an answer someone is waiting for."""
        with self._turn:
            if urgent:
                self._urgent += 1
                try:
                    while self._held or (self._background and self._ahead >= AHEAD_AT_MOST):
                        self._turn.wait()
                finally:
                    self._urgent -= 1
                self._ahead = self._ahead + 1 if self._background else 0
            else:
                self._background += 1
                try:
                    while self._held or (self._urgent and self._ahead < AHEAD_AT_MOST):
                        self._turn.wait()
                finally:
                    self._background -= 1
                self._ahead = 0
            self._held = True

    def release(self) -> None:
        with self._turn:
            self._held = False
            self._turn.notify_all()

    def waiting(self) -> tuple[int, int]:
        """(answers, background transactions) waiting now."""
        with self._turn:
            return self._urgent, self._background
