"""The HTTP surface: POST /slack/events into Bolt, GET /healthz, served by waitress."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from slack_bolt import App, BoltRequest
from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

from bot.request_shape import NOT_JSON, payload_problem, request_problem
from handlers.errors import request_ids

log = logging.getLogger(__name__)
MAX_BODY = 2 * 1024 * 1024  # Slack's largest payloads (big modals) are ~100 KB
StartResponse = Callable[..., Any]


class Counter(Protocol):
    def enter(self) -> None: ...
    def leave(self) -> None: ...


def make_wsgi(app: App, healthy: Callable[[], bool],
              in_flight: Counter | None = None,
              background: Callable[[], str | None] | None = None,
              signing_secret: str | None = None) -> Callable[..., Iterable[bytes]]:
    """A WSGI application that hands Slack's requests to Bolt with their exact bytes.
    `background` says why the workers are not working (dead, stuck), or None. With the
    `signing_secret`, a request is checked to come from Slack before its shape is judged, so
    an unsigned caller learns nothing about which bodies the bot accepts (and the app behind
    it need not check again: `python -m bot serve` builds it with verify_requests=False)."""
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    def wsgi(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == "/healthz" and method in ("GET", "HEAD"):
            # A bot whose log reader died still answers Slack ("Saved") and reads nothing:
            # that is unhealthy too, with the reason for whoever looks.
            reason = None if _safe(healthy) else "database not ready"
            reason = reason or (background() if background is not None else None)
            start_response("200 OK" if reason is None else "503 Service Unavailable",
                           [("Content-Type", "text/plain; charset=utf-8")])
            return [b"ok" if reason is None else reason.encode()]
        if path != "/slack/events":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        if method != "POST":
            start_response("405 Method Not Allowed", [("Allow", "POST")])
            return [b""]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
            return [b"too large"]
        body = environ["wsgi.input"].read(length).decode("utf-8", errors="replace")
        if verifier is not None and not verifier.is_valid(
                body, environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""),
                environ.get("HTTP_X_SLACK_SIGNATURE", "")):
            log.info("answered 401 to %s", _claimed_ids(body, environ.get("CONTENT_TYPE")))
            start_response("401 Unauthorized", [("Content-Type", "text/plain")])
            return [b"invalid signature"]
        headers: dict[str, str | Sequence[str]] = {
            k[5:].replace("_", "-").lower(): [v] for k, v in environ.items()
            if k.startswith("HTTP_")}
        headers["content-type"] = [environ.get("CONTENT_TYPE", "")]
        request, problem = _bolt_request(body, headers)
        if request is None or problem is not None:
            # The reason names a key, never a value: the body is what someone typed.
            log.warning("refused a malformed request: %s", problem)
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"malformed request"]
        if in_flight is not None:
            in_flight.enter()
        try:
            response = app.dispatch(request)
        except Exception:
            # Bolt answers a listener's failure itself; this is a fault outside any listener.
            log.exception("request failed outside any listener")
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"internal error"]
        finally:
            if in_flight is not None:
                in_flight.leave()
        if response.status >= 400:
            # Ids only, so the failure can be traced without what was typed.
            log.info("answered %s to %s", response.status, request_ids(request.body))
        out_headers = [(k, v) for k, values in response.headers.items() for v in values]
        start_response(f"{response.status} {_reason(response.status)}", out_headers)
        return [response.body.encode("utf-8") if isinstance(response.body, str)
                else response.body]

    return wsgi


def _bolt_request(body: str, headers: dict[str, str | Sequence[str]]
                  ) -> tuple[BoltRequest | None, str | None]:
    """Bolt's request and why its body cannot be Slack's (None when it can). The body is
    parsed once, by Bolt, and judged on that parse before any middleware or listener reads
    it (parsing it twice cost ~6% of an acknowledgement's CPU)."""
    try:
        request = BoltRequest(body=body, headers=headers)
    except (ValueError, RecursionError):  # json's errors are ValueErrors
        return None, NOT_JSON
    except Exception:  # Bolt reads ids and lists where Slack puts them (a list where an id
        # belongs, a string where a list does): whatever it raises, the body is not Slack's
        return None, "Bolt could not read it: the keys are not where Slack puts them"
    return request, payload_problem(request.body)


def _safe(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except Exception:  # an unreachable database means "not healthy", not a crash
        log.warning("health check failed", exc_info=True)
        return False


def _reason(status: int) -> str:
    return {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
            500: "Internal Server Error"}.get(status, "Status")


# Enough threads that 16 requests at once are each answered on a thread of their own instead
# of queueing for one. A request that waits on the database (a PostgreSQL round trip, SQLite's
# one writer) holds no CPU, and on two cores the answers' p99 at 16 senders fell from 1.7x to
# 0.9-1.1x bare Bolt's with 16 threads and Python's own 5 ms switch interval, against 8
# threads and 0.5 ms (bench/ack_latency.py --rounds 3, PostgreSQL, 2026-12-05). 16 threads at
# 0.5 ms were worse than 8: every forced hand-over of the interpreter is a wake-up of a thread
# that waits for it, and a short interval multiplies them.
HTTP_THREADS = 16


def make_server(wsgi: Callable[..., Iterable[bytes]], host: str, port: int,
                threads: int = HTTP_THREADS) -> Any:
    """The waitress server (a production WSGI server, not Bolt's dev one), listening but not
    yet running; port 0 takes a free one (`effective_port`)."""
    from waitress.server import create_server

    return create_server(wsgi, host=host, port=port, threads=threads, ident="followup-bot",
                         clear_untrusted_proxy_headers=True)


def serve(wsgi: Callable[..., Iterable[bytes]], host: str, port: int,
          threads: int = HTTP_THREADS) -> None:
    """Serve until SIGINT/SIGTERM (from the main thread: it installs the signal handlers)."""
    import signal

    server = make_server(wsgi, host, port, threads)

    def stop(_signum: int, _frame: object) -> None:
        server.close()  # run() returns once its loop sees the socket closed

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    # Closing the listening socket under the loop may surface as OSError: that is the shutdown.
    with contextlib.suppress(OSError):
        server.run()


def _claimed_ids(body: str, content_type: str | None) -> str:
    """The ids an unsigned request claims, if its shape is Slack's (they are unproven)."""
    if request_problem(body, content_type) is not None:
        return "a malformed request"
    return request_ids(parse_body(body, content_type))
