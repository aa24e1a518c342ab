"""Submitting the loss reason form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.record_ids import split_id
from bot.services.context import ServiceContext
from bot.services.interactions import Reply
from bot.services.losses.reasons import submit_loss_reason
from bot.services.losses.views import MOVE, WIN_BACK
from handlers import ids
from handlers.blocks.i18n import t
from handlers.blocks.modals import submitted, submitted_choice

EXPIRED = "This form has expired. 表单已过期。"


def handle_loss_reason_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                  services: ServiceContext, now: datetime,
                                  workspace_id: str) -> None:
    """Save why the customer was lost; "other" without words stays open, saying so."""
    record, rest = split_id(view.get("private_metadata"))
    kind, _, response_url = rest.partition("|")
    if record is None or kind not in (MOVE, WIN_BACK):
        ack(response_action="errors", errors={ids.FIELD_REASON: EXPIRED})
        return
    outcome = submit_loss_reason(services, workspace_id, body["user"]["id"], kind, record,
                                 submitted_choice(view, ids.FIELD_REASON),
                                 submitted(view, ids.FIELD_REASON_TEXT) or None,
                                 str(view.get("id") or body.get("trigger_id") or ""),
                                 Reply(response_url=response_url or None), now)
    if outcome.errors:
        said = f"{outcome.message or ''}\n{t('zh', 'ls_form_hint')}"
        ack(response_action="errors", errors={ids.FIELD_REASON: said})
    else:
        ack()
