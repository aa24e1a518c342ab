"""Submitting a revisit's reason form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.problems import problem
from bot.domain.record_ids import record_id, split_id
from bot.services.context import ServiceContext
from bot.services.interactions import Reply
from bot.services.language import own_language
from bot.services.revisits.forms import submit_reason
from handlers import ids
from handlers.blocks.i18n import t
from handlers.blocks.modals import submitted, submitted_choice
from handlers.blocks.problems import field_errors


def handle_revisit_reason_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                     services: ServiceContext, now: datetime,
                                     workspace_id: str) -> None:
    """Save the score with its reason; a score of 1 to 3 without one stays open, saying so."""
    revisit_id, rest = split_id(view.get("private_metadata"))
    meta, _, response_url = rest.partition("|")
    try_text, _, score_text = meta.partition(":")
    tries, score = record_id(try_text), record_id(score_text)
    if revisit_id is None or tries is None or score is None:
        lang = own_language(services, body["user"]["id"])
        ack(response_action="errors", errors=field_errors(lang, {
            ids.FIELD_REASON: problem("form_expired")}))
        return
    outcome = submit_reason(services, workspace_id, body["user"]["id"], revisit_id, tries,
                            score, submitted_choice(view, ids.FIELD_REASON),
                            submitted(view, ids.FIELD_REASON_TEXT) or None,
                            str(view.get("id") or body.get("trigger_id") or ""),
                            Reply(response_url=response_url or None), now)
    if outcome.errors:
        lang = outcome.language or "en"
        said = field_errors(lang, outcome.errors)
        ack(response_action="errors", errors={ids.FIELD_REASON: "\n".join(
            (*said.values(), t(lang, "rv_form_hint")))})
    else:
        ack()
