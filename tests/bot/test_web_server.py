"""The HTTP server the bot answers Slack on (bot/web.py)."""

from __future__ import annotations

import contextlib
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.web import HTTP_THREADS, make_server

SENDERS = 16  # the acknowledgement's target load (bench/ack_latency.py)


def test_sixteen_requests_at_once_are_each_on_a_thread_of_their_own() -> None:
    # Each request waits until all sixteen are inside the application: with fewer threads
    # than senders, the last ones queue behind the first, which never return.
    everyone_in = threading.Barrier(SENDERS, timeout=10)

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        try:
            everyone_in.wait()
        except threading.BrokenBarrierError:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"queued"]
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"together"]

    with _serving(app) as url, ThreadPoolExecutor(SENDERS) as senders:
        answers = list(senders.map(lambda _: _get(url), range(SENDERS)))

    assert HTTP_THREADS >= SENDERS
    assert answers == [(200, b"together")] * SENDERS


@contextlib.contextmanager
def _serving(app: Any) -> Iterator[str]:
    server = make_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/"
    finally:
        with contextlib.suppress(OSError):  # closing under the loop ends it with EBADF
            server.close()
        thread.join(5)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()
