"""Loss buttons: Give the reason (after a move to lost) and Record why they left (under a
win-back task) open the reason form; Mark lost and Still active answer a quiet customer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.services.context import ServiceContext
from bot.services.losses.reasons import open_loss_form
from bot.services.losses.views import MOVE, WIN_BACK
from handlers import ids
from handlers.actions.clicks import do_after_answer, refuse, reply_to, target
from handlers.open_form import open_form

PROPOSAL_ANSWERS = {ids.LOSS_MARK_LOST: "lost", ids.LOSS_STILL_ACTIVE: "active"}


def handle_loss_reason(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                       services: ServiceContext, now: datetime, workspace_id: str,
                       client: WebClient, respond: Respond | None = None) -> None:
    """Opens the form that records why the customer was lost (or left): a reason from the
    team's list, and words of your own."""
    ack()
    record, kind = target(action)
    kind = kind or MOVE
    if record is None or kind not in (MOVE, WIN_BACK):
        refuse(services, workspace_id, body, now)
        return
    form = open_loss_form(services, workspace_id, body["user"]["id"], kind, record,
                          reply_to(body, form=True), now)
    if form is not None:
        open_form(client, form, body["user"]["id"], respond)


def handle_loss_proposal(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                         services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Mark lost moves the quiet customer to lost (and asks why); Still active keeps it, until
    another quiet spell."""
    proposal_id, _ = target(action)
    do_after_answer(services, workspace_id, body, "loss_proposal", proposal_id,
                    (PROPOSAL_ANSWERS[action["action_id"]],), now, keep=True)
    ack()
