"""Wire-level pieces of Slack's HTTP requests: signatures, ids and timestamps."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # Slack's published example secret
SLACK_USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"
FORM = "application/x-www-form-urlencoded"

_trigger_lock = threading.Lock()
_triggers: dict[str, float] = {}  # trigger_id -> time.monotonic() when issued
_serial = itertools.count(1)
_last_micros = 0


def issue_trigger_id(team_number: str = "47445629121") -> str:
    """Return a new trigger_id shaped like Slack's and remember when it was issued."""
    trigger_id = f"{int(time.time() * 1000) + next(_serial)}.{team_number}.{secrets.token_hex(16)}"
    with _trigger_lock:
        _triggers[trigger_id] = time.monotonic()
    return trigger_id


def trigger_issued_at(trigger_id: str) -> float | None:
    """Monotonic time a trigger_id was issued by these builders, or None if not ours."""
    with _trigger_lock:
        return _triggers.get(trigger_id)


def new_ts() -> str:
    """Return a unique, strictly increasing Slack-style timestamp ("1700000000.000123")."""
    global _last_micros
    with _trigger_lock:
        micros = _last_micros = max(int(time.time() * 1_000_000), _last_micros + 1)
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def compute_signature(signing_secret: str, timestamp: int | str, body: bytes) -> str:
    """Return ``v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))`` over the exact body bytes."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class SignedRequest:
    """One HTTP request exactly as Slack would send it."""

    body: bytes
    headers: dict[str, str]
    payload: dict[str, Any] = field(default_factory=dict, compare=False)
    path: str = "/slack/events"

    def send(self, base_url: str, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
        """POST to ``base_url + path``; return (status, headers, body) even for 4xx/5xx."""
        parts = urlsplit(base_url)
        conn = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=timeout
        )
        try:
            conn.request(
                "POST", parts.path.rstrip("/") + self.path, body=self.body, headers=self.headers
            )
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()


def sign(
    body: bytes,
    content_type: str,
    *,
    signing_secret: str = TEST_SIGNING_SECRET,
    timestamp: int | None = None,
    payload: dict[str, Any] | None = None,
    extra_headers: dict[str, str] | None = None,
) -> SignedRequest:
    """Wrap raw body bytes in Slack's headers and signature (``timestamp`` overrides now)."""
    ts = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": content_type,
        "User-Agent": SLACK_USER_AGENT,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": compute_signature(signing_secret, ts, body),
        **(extra_headers or {}),
    }
    return SignedRequest(body=body, headers=headers, payload=payload or {})


def form_request(fields: dict[str, Any], **kw: Any) -> SignedRequest:
    """Sign url-encoded form fields (slash commands)."""
    return sign(urlencode(fields).encode(), FORM, payload=fields, **kw)


def interactive_request(payload: dict[str, Any], **kw: Any) -> SignedRequest:
    """Sign an interactivity payload sent as the form field ``payload=<json>``."""
    body = urlencode({"payload": json.dumps(payload, separators=(",", ":"))}).encode()
    return sign(body, FORM, payload=payload, **kw)
