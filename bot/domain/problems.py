"""What cannot be used as it was given, named by a code and the values it quotes.

Rules and services name a problem ("tag_characters", tag="a<b", chars="'<'"); the blocks
(handlers/blocks/problems.py) say it in the reader's language, and the command-line tools
in the terminal's. A problem travels in a queued payload as {"code": ..., "values": ...};
an older payload's English sentence is shown as it came.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Value = str | int


@dataclass(frozen=True)
class Problem:
    """A problem's code and the values its message quotes (in order, hashable)."""

    code: str
    values: tuple[tuple[str, Value], ...] = ()

    @property
    def quoted(self) -> dict[str, Value]:
        """The values by name, as the message fills them in."""
        return dict(self.values)


def problem(code: str, **values: Value) -> Problem:
    """The problem `code` quoting `values`."""
    return Problem(code, tuple(values.items()))


def problem_from_payload(data: Any) -> Problem | str:
    """A problem as a payload carried it; a sentence from before problems had codes as it is."""
    if isinstance(data, dict) and isinstance(data.get("code"), str):
        return Problem(data["code"], tuple((str(k), v) for k, v in data.get("values") or ()))
    return str(data)
