"""Buttons under a task: Done, Snooze, Reschedule."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.interactions import Reply, act_on_task, open_rescheduler
from handlers import ids


def handle_task_action(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                       services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Done closes the task; Snooze holds its reminders for an hour, a night or a week."""
    ack()
    value = str(action.get("value", ""))
    if not value.isdigit():
        return
    action_id = action["action_id"]
    verb = "done" if action_id == ids.TASK_DONE else f"snooze:{ids.SNOOZE_CHOICE[action_id]}"
    act_on_task(services, workspace_id, body["user"]["id"], int(value), verb,
                Reply(response_url=body.get("response_url")), now)


def handle_task_reschedule(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                           services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Reschedule asks for the new due time in words."""
    ack()
    value = str(action.get("value", ""))
    if not value.isdigit():
        return
    reply = Reply(response_url=body.get("response_url"), trigger_id=body.get("trigger_id"))
    open_rescheduler(services, workspace_id, body["user"]["id"], int(value), reply, now)
