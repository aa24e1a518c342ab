"""The one reader of the record ids that come back from Slack: button values, menu options
and a form's private_metadata. They are user input (a crafted request can carry anything)."""

from __future__ import annotations

import re

# Every id column is INTEGER, which is 32-bit on PostgreSQL: a larger number must be refused
# here, or the query fails (NumericValueOutOfRange) instead of answering "no such record".
MAX_RECORD_ID = 2**31 - 1
_MAX_DIGITS = len(str(MAX_RECORD_ID))


def record_id(text: object) -> int | None:
    """The id a value names, or None: ASCII digits only (int() would also take " 7", "+7",
    "1_0" and other scripts' digits), from 1 to MAX_RECORD_ID."""
    if not isinstance(text, str) or not 0 < len(text) <= _MAX_DIGITS:
        return None
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_RECORD_ID else None


def split_id(value: object, sep: str = ":") -> tuple[int | None, str]:
    """The id a value starts with and the rest after `sep` (`"12:tomorrow"`, `"12|url"`)."""
    head, _, rest = (value if isinstance(value, str) else "").partition(sep)
    return record_id(head), rest


def record_ids(text: str) -> list[int]:
    """A comma-separated list of ids; anything that is not one is left out."""
    return [n for n in map(record_id, text.split(",")) if n is not None]


# Slack's own ids (team, user, channel, enterprise, app): upper-case letters and digits. They
# are user input too, stored in columns of 64 characters and written into log lines.
SLACK_ID = re.compile(r"[A-Z0-9]{1,32}")


def is_slack_id(value: object) -> bool:
    """Whether `value` has the shape of a Slack id."""
    return isinstance(value, str) and SLACK_ID.fullmatch(value) is not None
