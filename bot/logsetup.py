"""Logging that never shows a secret: tokens and the signing secret are masked everywhere."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_TOKEN = re.compile(r"xox[abpe]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")


class RedactSecrets(logging.Filter):
    """Replaces known secrets and anything shaped like a Slack token with ***."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return _TOKEN.sub("***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        # A log line is one line: text a user typed cannot forge another entry.
        message = _CONTROL.sub(lambda m: repr(m.group())[1:-1], record.getMessage())
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.redact(message), None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def configure(secrets: Iterable[str], level: int = logging.INFO) -> None:
    """Log to standard error with secrets masked."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # A sweep every few seconds is not news; its failures still are.
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    # waitress warns on every request that waits for a free thread: a burst floods the log.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
