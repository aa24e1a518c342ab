"""Reading one log in a box: a time limit, and no failure of the parser escapes as more than
that one log's failure (GUIDE rule 9)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ParseFailed(Exception):
    """The parser did not give an answer for this text: it took too long, or it crashed
    (including a native library's panic, which Python raises as a BaseException)."""


def run_boxed(work: Callable[[], T], seconds: float) -> T:
    """`work()` in a helper thread, waited for at most `seconds`; its result, or ParseFailed.

    On expiry the helper is abandoned, not killed (Python cannot kill a thread): it is a
    daemon, holds no database session, and its result is dropped. The caller's thread, a
    worker that every later log depends on, is never the one stuck or crashed."""
    result: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # pyo3's PanicException is not an Exception
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="log-parse", daemon=True).start()
    if not done.wait(seconds):
        raise ParseFailed(f"reading took longer than {seconds:g} s; abandoned")
    if failure:
        raise ParseFailed(f"the parser failed: {type(failure[0]).__name__}") from failure[0]
    return result[0]
