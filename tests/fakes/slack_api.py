"""FakeSlack: a local, stateful fake of the Slack Web API and of response_url hooks."""

from __future__ import annotations

import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from tests.fakes._fixtures import APP_ID, BOT_ID, BOT_USER_ID, FIXTURES_DIR, TEAM_ID, load_fixture
from tests.fakes._limits import Limiter, SlackPace
from tests.fakes._server import Handler, Server
from tests.fakes._web_methods import WebMethods
from tests.fakes.signing import trigger_issued_at

JSON_KEYS = ("blocks", "attachments", "view", "metadata")  # form-encoded by the SDK as JSON text
MAX_RESPONSE_URL_USES = 5


@dataclass
class Call:
    """One recorded request: a Web API method, or ``"response_url"`` for hook posts."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    at: float  # time.monotonic() when received
    token: str | None = None
    status: int = 200
    response: Any = None  # the JSON body answered (a str for response_url hooks)
    url: str = ""  # the full hook URL for response_url posts

    @property
    def ok(self) -> bool:
        """True if Slack would have accepted this request."""
        return self.status == 200 and (
            not isinstance(self.response, dict) or bool(self.response.get("ok"))
        )

    @property
    def text(self) -> str | None:
        """The ``text`` parameter sent, if any."""
        return self.params.get("text")

    @property
    def blocks(self) -> list[dict[str, Any]]:
        """The ``blocks`` parameter sent (decoded), or an empty list."""
        return list(self.params.get("blocks") or [])


@dataclass
class _Fault:
    times: int
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    channel: str | None = None  # only calls to this channel


@dataclass
class _Hook:
    uses: int = 0
    expired: bool = False


class FakeSlack:
    """A fake Slack served on 127.0.0.1; point ``WebClient(base_url=fake.api_url)`` at it."""

    def __init__(
        self,
        *,
        team_id: str = TEAM_ID,
        team: str = "Fake Workspace",
        user_id: str = BOT_USER_ID,
        bot_id: str = BOT_ID,
        app_id: str = APP_ID,
        tokens: Iterable[str] | None = None,
        trigger_ttl: float = 3.0,
        pace: SlackPace | None = None,
    ) -> None:
        self.team_id, self.team, self.user_id, self.bot_id, self.app_id = (
            team_id,
            team,
            user_id,
            bot_id,
            app_id,
        )
        self.tokens: set[str] | None = set(tokens) if tokens is not None else None
        self.trigger_ttl = trigger_ttl
        # Slack's latency and rate limits (tests/fakes/_limits.py); None: instant, unlimited.
        self.pace = pace
        self.limiter = Limiter(pace) if pace is not None else None
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, float] = {}
        self._hooks: dict[str, _Hook] = {}
        self._hook_serial = itertools.count(1)
        self.web = WebMethods(self)
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        """Bind a free port and serve in a daemon thread."""
        if self._server is None:
            self._server = Server(("127.0.0.1", 0), Handler)
            self._server.fake = self
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        """The Web API base URL for ``WebClient(base_url=...)``; ends with ``/api/``."""
        return self.base_url + "/api/"

    # -- workspace setup -------------------------------------------------------------------------
    def add_user(
        self, user_id: str, *, tz: str = "America/Los_Angeles", name: str | None = None, **more: Any
    ) -> dict[str, Any]:
        """Register a user for users.info (``more``: username, tz_offset, tz_label, locale...)."""
        with self._cond:
            return self.web.add_user(user_id, tz=tz, name=name, **more)

    @staticmethod
    def dm_channel(user_id: str) -> str:
        """The deterministic DM channel id the fake uses for a user ("D" + user id)."""
        return user_id if user_id.startswith(("D", "C", "G")) else "D" + user_id

    def response_url(self, team_id: str | None = None, kind: str = "actions") -> str:
        """Issue a new hook URL (usable 5 times) like ``/hooks/actions/T.../N/xyz``."""
        path = f"/hooks/{kind}/{team_id or self.team_id}/{next(self._hook_serial)}/"
        path += secrets.token_urlsafe(12)
        with self._cond:
            self._hooks[path] = _Hook()
        return self.base_url + path

    def expire_response_url(self, url: str) -> None:
        """Make a hook URL answer 404 ``expired_url`` as after Slack's 30 minutes."""
        with self._cond:
            self._hooks[urlsplit(url).path].expired = True

    # -- fault injection -------------------------------------------------------------------------
    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1,
                   channel: str | None = None) -> None:
        """Answer the next ``times`` calls of ``method`` ("*" = any) with HTTP 429; with
        ``channel``, only calls to that channel."""
        spec = load_fixture("web-api/errors/ratelimited_429.json")
        headers = dict(spec["headers"], **{"Retry-After": str(retry_after)})
        self._add_fault(method, _Fault(times, spec["status"], spec["body"], headers, channel))

    def fail(
        self, method: str, error: str = "internal_error", status: int = 500, times: int = 1
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with ``{"ok": false, "error": error}``."""
        self._add_fault(method, _Fault(times, status, {"ok": False, "error": error}))

    def delay(self, method: str, seconds: float) -> None:
        """Answer every call of ``method`` ("*" = any) ``seconds`` late; 0 removes the delay."""
        with self._cond:
            self._delays[method] = seconds

    def _add_fault(self, method: str, fault: _Fault) -> None:
        with self._cond:
            self._faults.setdefault(method, []).append(fault)

    def _take_fault(self, method: str, channel: object = None) -> _Fault | None:
        for key in (method, "*"):
            queue = self._faults.get(key) or []
            fault = next((f for f in queue if f.channel in (None, channel)), None)
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    queue.remove(fault)
                return fault
        return None

    # -- inspection ------------------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """A snapshot of every recorded call, oldest first."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of one method (including refused ones; see ``Call.ok``)."""
        return [c for c in self.calls if c.method == method]

    def messages_to(self, channel_or_user: str) -> list[Call]:
        """Accepted chat.postMessage calls that landed in a channel or in a user's DM."""
        targets = {channel_or_user, self.dm_channel(channel_or_user)}
        return [
            c
            for c in self.calls_to("chat.postMessage")
            if c.ok and (c.params.get("channel") in targets or c.response.get("channel") in targets)
        ]

    def response_posts(self, url: str | None = None) -> list[Call]:
        """Recorded POSTs to response_url hooks (all, or those to one URL)."""
        return [c for c in self.calls_to("response_url") if url is None or c.url == url]

    def wait_for(
        self, predicate: str | Callable[[Call], bool], timeout: float = 5.0, *, since: int = 0
    ) -> Call:
        """Block until a call (from index ``since``) matches; a str matches the method name."""
        match = (lambda c: c.method == predicate) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self._calls[since:]:
                    if match(call):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self._calls]
                    raise AssertionError(f"no matching Slack call within {timeout}s; saw {seen}")
                self._cond.wait(min(remaining, 0.05))

    def apply_answer(self, view_id: str, answer: dict[str, Any]) -> None:
        """Slack applying the answer to a view_submission (`response_action: update`) to the
        view, at the moment the test says: Slack may apply it after a views.update of the same
        view that the bot sent meanwhile, and then the answer is what the user sees."""
        assert answer.get("response_action") == "update"
        with self._cond:
            self.web._view("views.update.ok.json", {"view": answer["view"]}, view_id)

    def view(self, view_id: str) -> dict[str, Any]:
        """The view as the user sees it now."""
        with self._cond:
            return dict(self.web.views[view_id])

    def reset(self) -> None:
        """Forget calls, faults, delays, messages and views; keep users, hooks and config."""
        with self._cond:
            self._calls.clear()
            self._faults.clear()
            self._delays.clear()
            self.web.reset()

    # -- request handling (server threads) -------------------------------------------------------
    def handle(
        self, path: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer one HTTP request; called by the server threads."""
        if path.startswith("/hooks/"):
            return self._handle_hook(path, params, headers)
        if not path.startswith("/api/"):
            return 404, {"Content-Type": "text/plain"}, b"not_found"
        method = path.removeprefix("/api/")
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        token = auth.removeprefix("Bearer ").strip() or params.pop("token", None)
        params.pop("token", None)
        for key in JSON_KEYS:
            value = params.get(key)
            if isinstance(value, str) and value[:1] in "[{":
                params[key] = json.loads(value)
        out_headers = {"Content-Type": "application/json; charset=utf-8"}
        with self._cond:
            fault = self._take_fault(method, params.get("channel"))
            pause = self._delays.get(method) or self._delays.get("*") or 0.0
            if fault is not None:
                status, body = fault.status, dict(fault.body)
                out_headers.update(
                    (k, v) for k, v in fault.headers.items() if k.lower() != "content-type"
                )
            elif not token:
                status, body = 200, {"ok": False, "error": "not_authed"}
            elif self.tokens is not None and token not in self.tokens:
                status, body = 200, load_fixture("web-api/errors/invalid_auth.json")["body"]
            elif (wait := self._over_limit(token, method, params)) is not None:
                spec = load_fixture("web-api/errors/ratelimited_429.json")
                status, body = spec["status"], dict(spec["body"])
                out_headers["Retry-After"] = str(wait)
            else:
                status, body = 200, self.web.dispatch(method, params)
            self._record(Call(method, params, headers, time.monotonic(), token, status, body))
        pause = max(pause, self.pace.latency if self.pace else 0.0)
        if pause:
            time.sleep(pause)
        return status, out_headers, json.dumps(body).encode()

    def handle_upload(self, path: str, data: bytes) -> tuple[int, str]:
        """The bytes of a file POSTed to its upload URL (files_upload_v2's second step)."""
        with self._cond:
            fault = self._take_fault("upload")
            status, answer = (fault.status, "failed") if fault is not None else \
                self.web.uploads.receive(path, data)
            self._record(Call("upload", {"length": len(data)}, {}, time.monotonic(), None,
                              status, answer, self.base_url + path))
        return status, answer

    def _handle_hook(
        self, path: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        with self._cond:
            hook = self._hooks.get(path)
            if hook is None:
                status, answer = 404, "no_service"
            elif hook.expired:
                status, answer = 404, "expired_url"
            elif hook.uses >= MAX_RESPONSE_URL_USES:
                status, answer = 404, "used_url"
            else:
                hook.uses += 1
                status, answer = 200, "ok"
            url = self.base_url + path
            self._record(
                Call("response_url", params, headers, time.monotonic(), None, status, answer, url)
            )
        if self.pace is not None:
            time.sleep(self.pace.latency)
        return status, {"Content-Type": "text/plain; charset=utf-8"}, answer.encode()

    def _over_limit(self, token: str, method: str, params: dict[str, Any]) -> int | None:
        """Retry-After when the call is beyond Slack's limits (only with `pace`)."""
        if self.limiter is None:
            return None
        return self.limiter.check(token, method, str(params.get("channel") or ""))

    def refused_429s(self) -> dict[tuple[str, str], int]:
        """How many 429s the limits provoked, by (method, channel)."""
        return dict(self.limiter.refused) if self.limiter is not None else {}

    def _record(self, call: Call) -> None:
        self._calls.append(call)
        self._cond.notify_all()

    def trigger_error(self, trigger_id: str | None) -> str | None:
        """Why views.open/push would refuse this trigger_id now, or None (called under the lock)."""
        if not trigger_id:
            return "invalid_arguments"
        issued = trigger_issued_at(trigger_id)
        if issued is None:
            return None  # not issued by our builders (e.g. a replayed fixture): accept
        if trigger_id in self.web.used_triggers:
            return "exchanged_trigger_id"
        if time.monotonic() - issued > self.trigger_ttl:
            return "expired_trigger_id"
        self.web.used_triggers.add(trigger_id)
        return None


__all__ = ["Call", "FakeSlack", "FIXTURES_DIR"]
