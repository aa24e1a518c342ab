"""Submitting the loss reason form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.problems import problem
from bot.domain.record_ids import split_id
from bot.services.context import ServiceContext
from bot.services.interactions import Reply
from bot.services.language import own_language
from bot.services.losses.reasons import submit_loss_reason
from bot.services.losses.views import MOVE, WIN_BACK
from handlers import ids
from handlers.blocks.i18n import t
from handlers.blocks.modals import submitted, submitted_choice
from handlers.blocks.problems import field_errors


def handle_loss_reason_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                  services: ServiceContext, now: datetime,
                                  workspace_id: str) -> None:
    """Save why the customer was lost; "other" without words stays open, saying so."""
    record, rest = split_id(view.get("private_metadata"))
    kind, _, response_url = rest.partition("|")
    if record is None or kind not in (MOVE, WIN_BACK):
        lang = own_language(services, body["user"]["id"])
        ack(response_action="errors", errors=field_errors(lang, {
            ids.FIELD_REASON: problem("form_expired")}))
        return
    outcome = submit_loss_reason(services, workspace_id, body["user"]["id"], kind, record,
                                 submitted_choice(view, ids.FIELD_REASON),
                                 submitted(view, ids.FIELD_REASON_TEXT) or None,
                                 str(view.get("id") or body.get("trigger_id") or ""),
                                 Reply(response_url=response_url or None), now)
    if outcome.errors:
        lang = outcome.language or "en"
        said = field_errors(lang, outcome.errors)
        ack(response_action="errors", errors={ids.FIELD_REASON: "\n".join(
            (*said.values(), t(lang, "ls_form_hint")))})
    else:
        ack()
