"""Fakes for the clock and the notifier: tests pass time in and read a transcript out."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from bot.services.ports import DeliveryError, OutgoingMessage, Receipt


class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.current = start.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self.current

    def set(self, moment: datetime) -> None:
        with self._lock:
            self.current = moment.astimezone(UTC)

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self.current += timedelta(**delta)
            return self.current


class FakeNotifier:
    """Records every message it is asked to deliver; can be told to fail."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMessage] = []
        self.failures: list[DeliveryError] = []
        self.profiles: dict[str, str] = {}
        self.locales: dict[str, str] = {}
        self._lock = threading.Lock()
        self._ts = 0

    def route(self, message: OutgoingMessage) -> tuple[str, str]:
        return "chat.postMessage", str(message.payload.get("channel") or message.recipient)

    def deliver(self, message: OutgoingMessage) -> Receipt:
        with self._lock:
            if self.failures:
                raise self.failures.pop(0)
            self.sent.append(message)
            self._ts += 1
            if message.kind == "refresh_profile":
                return Receipt(data={"tz": self.profiles.get(message.recipient),
                                     "locale": self.locales.get(message.recipient)})
            to = message.recipient
            channel = to if to.startswith(("C", "G")) else f"D{to}"  # a channel, or a DM
            return Receipt(channel=channel, ts=f"1700000000.{self._ts:06d}")

    def kinds(self, recipient: str | None = None) -> list[str]:
        return [m.kind for m in self.sent if recipient is None or m.recipient == recipient]

    def of_kind(self, kind: str) -> list[OutgoingMessage]:
        return [m for m in self.sent if m.kind == kind]
