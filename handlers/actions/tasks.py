"""Buttons under a task: Done, Snooze, Reschedule."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services.context import ServiceContext
from bot.services.interactions import open_rescheduler
from handlers import ids
from handlers.actions.clicks import do_after_answer, refuse, reply_to, target
from handlers.open_form import open_form


def handle_task_action(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                       services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Done closes the task; Snooze holds its reminders for an hour, a night or a week."""
    task_id, _ = target(action)
    action_id = action["action_id"]
    verb = "done" if action_id == ids.TASK_DONE else f"snooze:{ids.SNOOZE_CHOICE[action_id]}"
    do_after_answer(services, workspace_id, body, "task", task_id, (verb,), now)
    ack()


def handle_task_reschedule(action: dict[str, Any], body: dict[str, Any],
                           services: ServiceContext, now: datetime, workspace_id: str,
                           client: WebClient, respond: Respond | None = None) -> None:
    """Reschedule asks for the new due time in words."""
    task_id, _ = target(action)
    if task_id is None:
        refuse(services, workspace_id, body, now)
    else:
        form = open_rescheduler(services, workspace_id, body["user"]["id"], task_id,
                                reply_to(body, form=True), now)
        if form is not None:
            open_form(client, form, body["user"]["id"], respond)
