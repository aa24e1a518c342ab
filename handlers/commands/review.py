"""/review: post tonight's pipeline review now (team leads and admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.review.command import review_now
from handlers.blocks.help import help_message
from handlers.blocks.review_command import review_command_message
from handlers.later import answer_later, told_on_failure, working_message

AGAIN, PREVIEW = ("again", "再次"), ("preview", "预览")


def ack_review(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """The answer Slack gets at once: the help, or "working on it" (the review is built
    after it, by handle_review)."""
    words = (command.get("text") or "").split()
    if _wants_help(words):
        ack(response_type="ephemeral", **help_message(
            "review", answer_language(services, command["user_id"], *words)))
    else:
        ack(**working_message(command.get("text") or ""))


def _wants_help(words: list[str]) -> bool:
    return any(w.casefold() in ("help", "帮助", "?", "？") for w in words)


def handle_review(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                  now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """`/review` posts your team's review in its channel now (it counts as today's);
    `/review again` posts another copy; `/review preview` shows it to you alone;
    `/review TEAM` names the team; `/review help` explains."""
    words = (command.get("text") or "").split()
    if _wants_help(words):
        return
    # Without a response_url the review is still built and posted; its answer has nowhere
    # to go.
    answer_to = answer_later(command, respond)
    again = any(w.casefold() in AGAIN for w in words)
    preview = any(w.casefold() in PREVIEW for w in words)
    team = " ".join(w for w in words if w.casefold() not in (*AGAIN, *PREVIEW)) or None
    with told_on_failure(body, answer_to):
        answer = review_now(services, workspace_id, command["user_id"], team, now,
                            again=again, preview=preview)
        if answer_to is not None:
            answer_to(response_type="ephemeral", replace_original=True,
                      **review_command_message(answer))
