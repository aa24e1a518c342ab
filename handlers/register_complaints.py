"""Registration of the complaint listeners (commands, buttons, menus, forms, the shortcut)."""

from __future__ import annotations

from slack_bolt import App

from handlers import ids
from handlers.actions.clicks import ack_at_once
from handlers.actions.complaints import (
    handle_complaint_button,
    handle_complaint_reassign,
    handle_complaint_triage,
    handle_raise_shortcut,
)
from handlers.commands.complaint import (
    ack_complaints,
    ack_oncall,
    handle_complaint,
    handle_complaints,
    handle_oncall,
)
from handlers.views.complaints import handle_raise_submission, handle_reassign_submission


def register_complaints(app: App) -> None:
    """Attach every complaint listener to the app."""
    # Stored before the answer and raised by the worker, so a crash cannot lose it
    # (handlers/later.py).
    app.command(ids.COMMAND_COMPLAINT)(handle_complaint)
    app.command(ids.COMMAND_ONCALL)(ack=ack_oncall, lazy=[handle_oncall])
    app.command(ids.COMMAND_COMPLAINTS)(ack=ack_complaints, lazy=[handle_complaints])
    for action_id in (ids.COMPLAINT_ACK, ids.COMPLAINT_RESOLVE, ids.COMPLAINT_SATISFIED,
                      ids.COMPLAINT_NOT_SATISFIED):
        app.action(action_id)(handle_complaint_button)
    app.action(ids.COMPLAINT_REASSIGN)(ack=ack_at_once, lazy=[handle_complaint_reassign])
    for action_id in (ids.COMPLAINT_CATEGORY, ids.COMPLAINT_PRIORITY):
        app.action(action_id)(handle_complaint_triage)
    app.shortcut(ids.SHORTCUT_RAISE_COMPLAINT)(ack=ack_at_once, lazy=[handle_raise_shortcut])
    app.view(ids.VIEW_COMPLAINT_REASSIGN)(handle_reassign_submission)
    app.view(ids.VIEW_COMPLAINT_RAISE)(handle_raise_submission)
