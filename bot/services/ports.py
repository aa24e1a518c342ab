"""What the services need from the outside world, as interfaces (Slack sits behind these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class OutgoingMessage:
    """One thing to say or do in Slack, as the services describe it (the notifier renders it)."""

    id: int
    workspace_id: str
    kind: str
    recipient: str
    payload: dict[str, Any] = field(default_factory=dict)
    late: bool = False


@dataclass(frozen=True)
class Composed:
    """A queued message's payload as it is to be sent now, and whether it goes out late."""

    payload: dict[str, Any]
    late: bool = False


@dataclass(frozen=True)
class Receipt:
    """Where Slack put what was sent."""

    channel: str | None = None
    ts: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class DeliveryError(Exception):
    """Slack refused or failed a send; `permanent` means retrying cannot help;
    `retry_after` (seconds) that Slack asked to wait (a 429): not a failure, a deferral."""

    def __init__(self, message: str, *, permanent: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


class Notifier(Protocol):
    """Delivers outgoing messages; Slack's implementation and the shell's share it."""

    def deliver(self, message: OutgoingMessage) -> Receipt: ...

    def route(self, message: OutgoingMessage) -> tuple[str, str]:
        """The Web API method and channel a message goes through (what Slack paces)."""
        ...
