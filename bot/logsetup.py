"""Logging that shows ids, never secrets or what people typed.

Tokens and the signing secret are masked everywhere. Slack's libraries write whole request
bodies into their messages ("Unhandled request ({...})", "Invalid request signature detected
(... body: ...)"): only their headline is kept. In a traceback, the values an exception
message quotes, the rows PostgreSQL echoes (DETAIL), SQL parameters and the paths of URLs
(a response_url is a credential) are hidden; the frames, which are code, stay.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_TOKEN = re.compile(r"xox[abpe]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
_URL_PATH = re.compile(r"\b(https?://[^/\s'\"<>]+)(/[^\s'\"<>)\]},]*)")
# Paths that name a method or this bot's own endpoints, not a credential.
_PLAIN_PATHS = re.compile(r"/api/[\w.]+|/slack/events|/healthz|/?")
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s|$)|\[parameters: .*", re.DOTALL)
_DETAIL = re.compile(r"^(\s*DETAIL:).*$", re.MULTILINE)
# A quoted value in an exception message; a lower-case identifier ('user', "uq_name") is code
# (a token or a name is mixed case, spaced or longer and is hidden).
_QUOTED = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"")
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_.]{0,63}")
_HEADLINE = re.compile(r"\s*[({:\n]")
LIBRARIES = ("slack_bolt", "slack_sdk", "bot.slack")


class RedactSecrets(logging.Filter):
    """Replaces known secrets and anything shaped like a Slack token with ***, keeps only the
    headline of a Slack library's message and hides values in tracebacks."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return _URL_PATH.sub(_url, _TOKEN.sub("***", text))

    def filter(self, record: logging.LogRecord) -> bool:
        # A log line is one line: text a user typed cannot forge another entry.
        message = _CONTROL.sub(lambda m: repr(m.group())[1:-1], record.getMessage())
        if record.name.startswith(LIBRARIES):
            message = _HEADLINE.split(message, maxsplit=1)[0]
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.redact(message), None
        if record.exc_text:
            record.exc_text = self.redact(hide_values(record.exc_text))
        return True


def hide_values(traceback_text: str) -> str:
    """A traceback without the data it carried: quoted values in exception messages (not in
    the indented code lines), PostgreSQL's DETAIL and SQL parameters."""
    text = _DETAIL.sub(r"\1 (hidden)", _PARAMETERS.sub("[parameters: hidden]", traceback_text))
    return "\n".join(line if line.startswith(" ") else _QUOTED.sub(_quoted, line)
                     for line in text.split("\n"))


def _url(match: re.Match[str]) -> str:
    return match.group(0) if _PLAIN_PATHS.fullmatch(match.group(2)) else match.group(1) + "/***"


def _quoted(match: re.Match[str]) -> str:
    value = match.group(1) if match.group(1) is not None else match.group(2)
    return match.group(0) if _IDENTIFIER.fullmatch(value) else "'(hidden)'"


def quiet_library_logger(name: str, secrets: Iterable[str]) -> logging.Logger:
    """The logger to give Bolt: Bolt copies its filters into every logger it makes, so its
    messages are cut to their headline before any handler (or test) sees them."""
    logger = logging.getLogger(name)
    for old in [f for f in logger.filters if isinstance(f, RedactSecrets)]:
        logger.removeFilter(old)
    logger.addFilter(RedactSecrets(secrets))
    return logger


def configure(secrets: Iterable[str], level: int = logging.INFO,
              stream: object | None = None) -> logging.Handler:
    """Log to standard error (or `stream`) with secrets masked; returns the handler."""
    handler = logging.StreamHandler(stream)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Slack's libraries log whole requests and responses at DEBUG: never, whatever the level.
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(max(level, logging.INFO))
    # A sweep every few seconds is not news; its failures still are.
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    # waitress warns on every request that waits for a free thread: a burst floods the log.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    return handler
