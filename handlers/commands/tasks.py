"""/tasks: open follow-up tasks, overdue first."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.language import answer_language
from bot.services.tasks.lifecycle import list_tasks
from handlers.blocks.tasks import task_list_message, tasks_usage_message

# With should_escape the mention arrives as <@U123|name>; without, as @name (not resolvable).
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


def handle_tasks(ack: Ack, command: dict[str, Any], services: ServiceContext, now: datetime,
                 workspace_id: str) -> None:
    """`/tasks` lists your open tasks; `/tasks @someone` a rep's (for their lead);
    `/tasks help` explains."""
    text = (command.get("text") or "").strip()
    match = _MENTION.match(text)
    if text and not match:
        lang = answer_language(services, command["user_id"], text)
        ack(response_type="ephemeral", **tasks_usage_message(
            lang, unknown_person=text.casefold() not in ("help", "帮助", "?", "？")))
        return
    outcome = list_tasks(services, workspace_id, command["user_id"],
                         match.group(1) if match else None, now)
    ack(response_type="ephemeral", **task_list_message(outcome))
