"""/customer: a customer's file, its history, or a move on one of its axes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.classification import axis_named
from bot.services.classification import classify_named
from bot.services.context import ServiceContext
from bot.services.customers import show_customer
from handlers.blocks.customers import CUSTOMER_USAGE, classification_message, customer_message
from handlers.blocks.text import section

HISTORY_WORDS = (" history", " 历史")


def handle_customer(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                    workspace_id: str) -> None:
    """`/customer Acme Corp` shows the file; `/customer Acme Corp history` every change;
    `/customer Acme Corp stage negotiating` (or `likelihood A`, `tier B`) moves it."""
    text = (command.get("text") or "").strip()
    if not text or text.casefold() in ("help", "帮助", "?"):
        ack(response_type="ephemeral", text="How to use /customer",
            blocks=[section(CUSTOMER_USAGE)])
        return
    move = _move(text)
    if move is not None:
        name, axis_word, value = move
        outcome = classify_named(services, workspace_id, command["user_id"], name, axis_word,
                                 value, now)
        ack(response_type="ephemeral", **classification_message(outcome))
        return
    history = text.casefold().endswith(HISTORY_WORDS)
    name = text.rsplit(" ", 1)[0] if history else text
    outcome = show_customer(services, workspace_id, command["user_id"], name, now,
                            history=history)
    ack(response_type="ephemeral", **customer_message(outcome))


def _move(text: str) -> tuple[str, str, str] | None:
    """Split "NAME AXIS VALUE" at the last axis word ("stage", "阶段", "close likelihood")."""
    words = text.split()
    for i in range(len(words) - 2, 0, -1):
        for width in (2, 1):
            start = i - width + 1
            if start >= 1 and axis_named(" ".join(words[start:i + 1])):
                return " ".join(words[:start]), " ".join(words[start:i + 1]), \
                    " ".join(words[i + 1:])
    return None
