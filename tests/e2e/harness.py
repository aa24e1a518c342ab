"""The whole bot in-process: real HTTP endpoint, real database, real slack_sdk, fake Slack."""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.app import build_app
from bot.catalog import tr
from bot.config import Settings
from bot.domain.pacing import ANSWER_WINDOW, Limits
from bot.domain.teams import TeamDirectory
from bot.runtime import Runtime, open_runtime
from bot.web import make_server, make_wsgi
from handlers.later import WORKING
from handlers.notifier import SlackNotifier, installed_workspace, make_web_client
from store.migrate import is_current
from tests.fakes import TEAM_ID, TEST_SIGNING_SECRET, FakeSlack, SignedRequest, slash_command
from tests.support.fakes import FakeClock

BOT_TOKEN = "xoxb-1234-5678-secret-test-token"


class RunningBot:
    """`python -m bot serve`, assembled the same way, on a random port, with a test clock.

    The scheduler is not started: tests make time pass with `sweep()`, so nothing sleeps.
    """

    def __init__(self, db_url: str, fake: FakeSlack, clock: FakeClock,
                 directory: TeamDirectory, parse: Callable[..., Any] | None = None,
                 parse_seconds: float | None = None, limits: Limits | None = None,
                 pacing: str = "process", listener_executor: Executor | None = None) -> None:
        self.fake, self.clock = fake, clock
        self.settings = Settings(database_url=db_url, slack_bot_token=BOT_TOKEN,
                                 slack_signing_secret=TEST_SIGNING_SECRET,
                                 slack_api_url=fake.api_url, default_tz="UTC",
                                 sweep_seconds=3600, pacing=pacing)
        client = make_web_client(BOT_TOKEN, fake.api_url)
        self.runtime: Runtime = open_runtime(self.settings, directory, now=clock.now,
                                             workspace_id=installed_workspace(client))
        services = self.runtime.services
        self.runtime.services = replace(  # the seam for a parser that crashes or hangs
            services, parse=parse or services.parse,
            parse_seconds=parse_seconds or services.parse_seconds)
        app = build_app(self.settings, self.runtime.services, client, clock=clock.now,
                        verify_requests=False,  # make_wsgi checks signatures, as in serve
                        listener_executor=listener_executor)  # e.g. HeldExecutor
        if limits is not None:  # e.g. UNLIMITED, where a test is about reading, not pace
            self.runtime.limits = limits
        self.runtime.start_background(SlackNotifier(client), schedule=False)
        wsgi = make_wsgi(app, lambda: is_current(self.runtime.engine),
                         background=self.runtime.problem,
                         signing_secret=self.settings.slack_signing_secret)
        self.server = make_server(wsgi, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"  # type: ignore[union-attr]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        # Closing the socket under waitress's loop ends it with EBADF: that is the shutdown.
        with contextlib.suppress(OSError):
            self.server.run()

    def send(self, request: SignedRequest) -> tuple[int, dict[str, Any] | str]:
        """Deliver a signed Slack request; the body comes back parsed when it is JSON."""
        status, _headers, body = request.send(self.url)
        text = body.decode() if isinstance(body, bytes) else str(body)
        try:
            return status, json.loads(text) if text else ""
        except json.JSONDecodeError:
            return status, text

    def ask(self, command: str, text: str, user: str) -> dict[str, Any]:
        """A command's answer: the acknowledgement, or when that says "working on it" the
        answer that replaces it on the command's response_url."""
        hook = self.fake.response_url(kind="commands")
        status, body = self.send(slash_command(command, text, user_id=user, team_id=TEAM_ID,
                                               response_url=hook))
        assert status == 200
        working = (tr("en", WORKING), tr("zh", WORKING))
        if isinstance(body, dict) and body.get("text") not in working:
            return body
        answer = self.fake.wait_for(lambda c: c.method == "response_url" and c.url == hook)
        return dict(answer.params)

    def health(self) -> tuple[int, str]:
        """GET /healthz: the status and the reason given."""
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=5) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode()

    def sweep(self) -> None:
        """One pass of the due-work sweep at the test clock's time, then let sends finish."""
        self.settle()
        self.runtime.sweep_now()
        self.settle()

    def at(self, moment: datetime) -> None:
        """Let pending sends finish, move the clock to `moment` and sweep."""
        self.settle()
        self.clock.set(moment)
        self.sweep()

    def past_the_answer(self) -> None:
        """Let a form submit's answer window pass (ANSWER_WINDOW): the form's result, held
        until Slack has applied the "Checking…" answer, goes out."""
        self.at(self.clock.now() + ANSWER_WINDOW)

    def settle(self) -> None:
        """Wait until the log reader and the sender have nothing in hand."""
        assert self.runtime.wait_idle(10), "the background workers did not go idle"

    def stop(self) -> None:
        self.server.close()
        self._thread.join(timeout=5)
        self.runtime.stop()


@contextlib.contextmanager
def restarted(db_url: str, fake: FakeSlack, clock: FakeClock,
              directory: TeamDirectory) -> Iterator[RunningBot]:
    """A second bot on the first one's database, once it swept twice: what the first stored
    and did not do (it was killed after answering) is done."""
    second = RunningBot(db_url, fake, clock, directory)
    try:
        second.sweep()
        second.sweep()
        yield second
    finally:
        second.stop()


def block_texts(blocks: list[dict[str, Any]]) -> str:
    """All the visible text of some blocks, for assertions on what the user reads."""
    out: list[str] = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            out.append(str(text.get("text", "")))
        for element in block.get("elements", []) or []:
            inner = element.get("text")
            out.append(str(inner.get("text", "")) if isinstance(inner, dict) else str(inner or ""))
    return "\n".join(out)


def mrkdwn_texts(blocks: list[dict[str, Any]]) -> str:
    """The text Slack formats as mrkdwn (where mentions and links would come alive)."""
    out: list[str] = []
    for block in blocks:
        for part in [block.get("text"), *(block.get("elements") or [])]:
            if isinstance(part, dict) and part.get("type") == "mrkdwn":
                out.append(str(part.get("text", "")))
    return "\n".join(out)


def buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    """action_id -> value of every button in the blocks (the first of each id)."""
    found: dict[str, str] = {}
    for block in blocks:
        if block.get("type") == "actions":
            for element in block["elements"]:
                found.setdefault(element["action_id"], element.get("value", ""))
    return found
