"""A form the request itself opens: a trigger_id lives 3 seconds, so a form is never queued
behind other sends; the service says what it holds and the handler opens it at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Form:
    """The form to open now: `payload` names the modal ("modal") and carries its content,
    the trigger and, where the form's answer goes, the clicked message's response_url."""

    payload: dict[str, Any]
