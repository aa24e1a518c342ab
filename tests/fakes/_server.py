"""The stdlib HTTP plumbing behind FakeSlack: parse a request, hand it over, write the answer."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakes._files import UPLOAD_PREFIX

if TYPE_CHECKING:
    from tests.fakes.slack_api import FakeSlack


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._serve()

    def do_POST(self) -> None:  # noqa: N802
        self._serve()

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        params: dict[str, Any] = dict(parse_qsl(parts.query, keep_blank_values=True))
        ctype = self.headers.get("Content-Type", "")
        if parts.path.startswith(UPLOAD_PREFIX):  # a file's bytes, whatever the content type
            status, answer = self.server.fake.handle_upload(parts.path, raw)
            self._answer(status, {"Content-Type": "text/plain"}, answer.encode())
            return
        if raw and "json" in ctype:
            params.update(json.loads(raw))
        elif raw and "form-urlencoded" in ctype:
            params.update(parse_qsl(raw.decode(), keep_blank_values=True))
        status, headers, body = self.server.fake.handle(parts.path, params, dict(self.headers))
        self._answer(status, headers, body)

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen backlog is 5: a burst of concurrent clients on a busy
    # machine then had connections refused or reset, which Slack's servers never do.
    request_queue_size = 128
    fake: FakeSlack
