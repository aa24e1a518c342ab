"""The shell's Web API client: what a listener asks of Slack directly (a form to open) is
shown on the terminal, as the outbox's messages are."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from handlers.terminal import TerminalNotifier


class TerminalClient(WebClient):
    """A WebClient whose calls land on the terminal instead of Slack."""

    def __init__(self, notifier: TerminalNotifier) -> None:
        super().__init__(token="xoxb-shell")
        self.notifier = notifier

    def api_call(self, api_method: str, *, json: dict[str, Any] | None = None,
                 **kwargs: Any) -> SlackResponse:
        args = dict(json or kwargs.get("params") or kwargs.get("data") or {})
        receipt = self.notifier.show_call(api_method, args)
        data = {"ok": True, "channel": receipt.channel, "ts": receipt.ts}
        return SlackResponse(client=self, http_verb="POST", api_url=api_method, req_args={},
                             data=data, headers={}, status_code=200)


def use_terminal_client(client: TerminalClient) -> Callable[..., None]:
    """Middleware: every listener gets the terminal's client (Bolt builds one per request)."""

    def middleware(context: BoltContext, next: Callable[[], None]) -> None:
        context["client"] = client
        next()

    return middleware
