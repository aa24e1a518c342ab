"""Registration of the revisit listeners (the command, the task's controls, the form)."""

from __future__ import annotations

from slack_bolt import App

from handlers import ids
from handlers.actions.clicks import ack_at_once
from handlers.actions.revisits import (
    ack_revisit_score,
    handle_revisit_complaint,
    handle_revisit_outcome,
    handle_revisit_score,
)
from handlers.commands.revisit import ack_revisit, handle_revisit
from handlers.views.revisits import handle_revisit_reason_submission


def register_revisits(app: App) -> None:
    """Attach every revisit listener to the app."""
    app.command(ids.COMMAND_REVISIT)(ack=ack_revisit, lazy=[handle_revisit])
    for action_id in ids.REVISIT_OUTCOMES:
        app.action(action_id)(handle_revisit_outcome)
    app.action(ids.REVISIT_SCORE)(ack=ack_revisit_score, lazy=[handle_revisit_score])
    app.action(ids.REVISIT_RAISE_COMPLAINT)(ack=ack_at_once, lazy=[handle_revisit_complaint])
    app.view(ids.VIEW_REVISIT_REASON)(handle_revisit_reason_submission)
