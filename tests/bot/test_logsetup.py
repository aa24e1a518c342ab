"""Logs never show a secret, and user text cannot forge a log line."""

from __future__ import annotations

import logging

import pytest

from bot.config import SettingsError, load_settings
from bot.logsetup import RedactSecrets, hide_values, quiet_library_logger
from store.crypto import generate_key


def _format(record_msg: str, *args: object, secrets: tuple[str, ...] = ()) -> str:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, record_msg, args, None)
    RedactSecrets(secrets).filter(record)
    return record.getMessage()


def test_known_secrets_and_token_shapes_are_masked() -> None:
    line = _format("calling with %s and %s", "s3cr3t-signing", "xoxb-123-456-abcdef",
                   secrets=("s3cr3t-signing",))
    assert "s3cr3t" not in line and "xoxb-123" not in line and line.count("***") == 2


def test_user_text_cannot_start_a_new_log_line() -> None:
    line = _format("log from user: %s", "hi\n2026-11-22 INFO admin logged in\r\u202e")
    assert "\n" not in line and "\r" not in line and "\u202e" not in line
    assert "\\n2026-11-22 INFO admin" in line


def test_settings_refuse_a_malformed_encryption_key_without_echoing_it() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"CRM_ENCRYPTION_KEYS": "not-a-real-key-material"})
    assert "not-a-real-key-material" not in str(caught.value)


def test_encryption_keys_count_as_secrets() -> None:
    key = generate_key()
    settings = load_settings({"CRM_ENCRYPTION_KEYS": key})
    assert key in settings.secrets and key not in repr(settings)


def test_a_slack_library_message_keeps_only_its_headline_before_any_handler() -> None:
    logger = quiet_library_logger("bot.slack", ("s3cr3t",))
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    keep = Keep()
    logger.addHandler(keep)
    try:
        logger.warning("Unhandled request ({'text': 'price for Li', 'token': 'Abc123'})")
        logger.warning("Invalid request signature detected (signature: v0=1, body: text=hi)")
    finally:
        logger.removeHandler(keep)
    assert seen == ["Unhandled request", "Invalid request signature detected"]


def test_tracebacks_keep_code_and_hide_values() -> None:
    text = "\n".join([
        "Traceback (most recent call last):",
        '  File "bot/x.py", line 3, in f',
        "    int(words)",
        "ValueError: invalid literal for int() with base 10: 'price for Li'",
        "KeyError: 'user'",
        "psycopg.errors.UniqueViolation: duplicate key value violates unique constraint "
        '"uq_customers_name"',
        "DETAIL:  Key (workspace_id, name_key)=(T1, acme trading) already exists.",
        "[SQL: INSERT INTO customers (name) VALUES (%(name)s)]",
        "[parameters: {'name': 'Acme Trading'}]",
        "SlackApiError: failed (url: https://hooks.slack.com/actions/T1/22/Zq9secret)",
    ])
    shown = RedactSecrets().redact(hide_values(text))
    for value in ("price for Li", "acme trading", "Acme Trading", "Zq9secret"):
        assert value not in shown
    for code in ("int(words)", "KeyError: 'user'", '"uq_customers_name"', "INSERT INTO",
                 "https://hooks.slack.com/***", 'File "bot/x.py"'):
        assert code in shown
