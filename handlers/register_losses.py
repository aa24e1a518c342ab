"""Registration of the loss listeners (the reason's button and form, the proposals' buttons)."""

from __future__ import annotations

from slack_bolt import App

from handlers import ids
from handlers.actions.losses import handle_loss_proposal, handle_loss_reason
from handlers.views.losses import handle_loss_reason_submission


def register_losses(app: App) -> None:
    """Attach every loss listener to the app."""
    app.action(ids.LOSS_REASON)(handle_loss_reason)
    for action_id in (ids.LOSS_MARK_LOST, ids.LOSS_STILL_ACTIVE):
        app.action(action_id)(handle_loss_proposal)
    app.view(ids.VIEW_LOSS_REASON)(handle_loss_reason_submission)
