"""The shell's Web API client: what a listener asks of Slack directly (a form to open) is
shown on the terminal, as the outbox's messages are."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from handlers.outbound import CleanCall
from handlers.terminal import TerminalNotifier


class TerminalClient(WebClient):
    """A WebClient whose calls land on the terminal instead of Slack."""

    def __init__(self, notifier: TerminalNotifier) -> None:
        super().__init__(token="xoxb-shell")
        self.notifier = notifier

    def __deepcopy__(self, memo: dict[int, object]) -> TerminalClient:
        # One terminal for every request: Bolt deep-copies a request for its lazy listeners.
        return self

    def api_call(self, api_method: str, *, json: dict[str, Any] | None = None,
                 **kwargs: Any) -> SlackResponse:
        args = dict(json or kwargs.get("params") or kwargs.get("data") or {})
        receipt = self.notifier.show_call(api_method, args)
        data = {"ok": True, "channel": receipt.channel, "ts": receipt.ts}
        return SlackResponse(client=self, http_verb="POST", api_url=api_method, req_args={},
                             data=data, headers={}, status_code=200)


def use_terminal_client(client: TerminalClient) -> Callable[..., None]:
    """Middleware: every listener gets the terminal's client (Bolt builds one per request)
    and a `respond` that shows its answer here (a shell:// response_url is no web address)."""

    def middleware(context: BoltContext, next: Callable[[], None]) -> None:
        context["client"] = client
        if context.response_url:
            url = context.response_url
            context["respond"] = CleanCall(
                lambda **kwargs: client.notifier.show_call("response_url", {"url": url,
                                                                            **kwargs}))
        next()

    return middleware


class InlineExecutor(Executor):
    """Runs the work after an acknowledgement at once, so the shell shows its answer before
    the next prompt (there is no 3-second clock in a terminal)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        done: Future[Any] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except BaseException as error:  # kept in the future, as a pool would keep it
            done.set_exception(error)
        return done
