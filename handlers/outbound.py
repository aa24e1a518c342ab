"""The last guard on what a listener answers through Bolt (ack, respond, say): every string
is stripped of control and bidi characters, whatever builder made it.

Escaping stays where text is composed (a bot-built mention is legitimate); only the
characters that are never legitimate in a payload are removed here. Queued messages get the
same guard in handlers.render.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, BoltResponse

from handlers.blocks.text import clean_payload


class CleanAck(Ack):
    """Bolt's ack with every argument cleaned (the listener runner reads its `response`)."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    def __call__(self, *args: Any, **kwargs: Any) -> BoltResponse:
        return super().__call__(*clean_payload(list(args)), **clean_payload(kwargs))


class CleanCall:
    """A Bolt `respond` or `say` with every argument cleaned."""

    def __init__(self, call: Callable[..., Any]) -> None:
        self.call = call

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.call(*clean_payload(list(args)), **clean_payload(kwargs))

    @property
    def response_url(self) -> str | None:
        """Where a wrapped `respond` answers (None: it would raise; `say` has none)."""
        return getattr(self.call, "response_url", None)


def give_clean_answers(context: BoltContext) -> None:
    """Give the request's listener the cleaning ack, respond and say."""
    context["ack"] = CleanAck()
    if context.respond is not None:
        context["respond"] = CleanCall(context.respond)
    if context.client is not None:
        context["say"] = CleanCall(context.say)


def clean_answers(context: BoltContext, next: Callable[[], None]) -> None:
    """The same as a middleware of its own (the app runs it within handlers/register.py's)."""
    give_clean_answers(context)
    next()
