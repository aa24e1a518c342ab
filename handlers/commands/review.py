"""/review: post tonight's pipeline review now (team leads and admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.review_command import review_now
from handlers.blocks.help import help_message
from handlers.blocks.review_command import review_command_message

AGAIN, PREVIEW = ("again", "再次"), ("preview", "预览")


def handle_review(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                  workspace_id: str) -> None:
    """`/review` posts your team's review in its channel now (it counts as today's);
    `/review again` posts another copy; `/review preview` shows it to you alone;
    `/review TEAM` names the team; `/review help` explains."""
    words = (command.get("text") or "").split()
    if any(w.casefold() in ("help", "帮助", "?", "？") for w in words):
        ack(response_type="ephemeral", **help_message(
            "review", answer_language(services, command["user_id"], *words)))
        return
    again = any(w.casefold() in AGAIN for w in words)
    preview = any(w.casefold() in PREVIEW for w in words)
    team = " ".join(w for w in words if w.casefold() not in (*AGAIN, *PREVIEW)) or None
    answer = review_now(services, workspace_id, command["user_id"], team, now, again=again,
                        preview=preview)
    ack(response_type="ephemeral", **review_command_message(answer))
