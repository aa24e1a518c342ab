"""/tasks: open follow-up tasks, overdue first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.domain.mentions import mentioned_user
from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.tasks.lifecycle import list_tasks
from handlers.blocks.tasks import task_list_message, tasks_usage_message
from handlers.later import answer_read, working_message


def ack_tasks(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """`/tasks` lists your open tasks; `/tasks @someone` a rep's (for their lead);
    `/tasks help` explains."""
    text = (command.get("text") or "").strip()
    if _asks_list(text):
        ack(**working_message(text))  # the list follows (handle_tasks)
        return
    lang = answer_language(services, command["user_id"], text)
    # With should_escape the mention arrives as <@U123|name>; without, as @name (not
    # resolvable).
    ack(response_type="ephemeral", **tasks_usage_message(
        lang, unknown_person=text.casefold() not in ("help", "帮助", "?", "？")))


def _asks_list(text: str) -> bool:
    return not text or mentioned_user(text) is not None


def handle_tasks(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                 now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """The list, in place of "working on it": a read, so a crash costs only the answer."""
    text = (command.get("text") or "").strip()
    if _asks_list(text):
        answer_read(command, body, respond, lambda: task_list_message(list_tasks(
            services, workspace_id, command["user_id"], mentioned_user(text), now)))
