"""FakeSocketMode: Slack's side of a Socket Mode connection, served on 127.0.0.1.

Slack sends `hello` when the app connects, then pushes envelopes (slash commands, events,
interactivity) and waits for an acknowledgement carrying the envelope's id. The envelopes
are Slack's own samples in socket-mode/ with our payload put in.
"""

from __future__ import annotations

import json
import threading
import uuid
from types import TracebackType
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from tests.fakes._fixtures import load_fixture
from tests.fakes.slack_api import FakeSlack

ENVELOPE_SAMPLES = {
    "slash_commands": "socket-mode/envelope_slash_commands.json",
    "events_api": "socket-mode/envelope_events_api_message_channel.json",
    "interactive": "socket-mode/envelope_interactive_shortcut.json",
}


class FakeSocketMode:
    """Pushes envelopes to whichever app is connected and records the acks it sends back."""

    def __init__(self, slack: FakeSlack) -> None:
        self.slack = slack
        self.acks: dict[str, dict[str, Any]] = {}
        self._connections: list[ServerConnection] = []
        self._cond = threading.Condition()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> FakeSocketMode:
        self._server = serve(self._serve_one, "127.0.0.1", 0)
        port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="fake-socket-mode")
        self._thread.start()
        # apps.connections.open on the fake Web API hands this URL to the app.
        self.slack.web.socket_url = f"ws://127.0.0.1:{port}/link/?ticket={uuid.uuid4()}"
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _serve_one(self, connection: ServerConnection) -> None:
        connection.send(json.dumps(load_fixture("socket-mode/hello.json")))
        with self._cond:
            self._connections.append(connection)
            self._cond.notify_all()
        try:
            for message in connection:
                ack = json.loads(message)
                with self._cond:
                    self.acks[ack["envelope_id"]] = ack
                    self._cond.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                self._connections.remove(connection)

    def wait_connected(self, timeout: float = 60) -> None:
        """Block until an app holds a connection."""
        with self._cond:
            if not self._cond.wait_for(lambda: bool(self._connections), timeout):
                raise AssertionError(f"no Socket Mode connection in {timeout}s")

    def push(self, kind: str, payload: dict[str, Any], *, envelope_id: str | None = None,
             retry_attempt: int = 0) -> str:
        """Send one envelope of `kind` (slash_commands, events_api, interactive); its id."""
        envelope: dict[str, Any] = load_fixture(ENVELOPE_SAMPLES[kind])
        envelope.update(envelope_id=envelope_id or str(uuid.uuid4()), payload=payload)
        if kind == "events_api":
            envelope.update(retry_attempt=retry_attempt,
                            retry_reason="timeout" if retry_attempt else "")
        with self._cond:
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        return str(envelope["envelope_id"])

    def wait_ack(self, envelope_id: str, timeout: float = 10) -> dict[str, Any]:
        """The acknowledgement the app sent for that envelope."""
        with self._cond:
            if not self._cond.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} not acknowledged in {timeout}s")
            return self.acks[envelope_id]
