"""Submitting the complaint forms: Reassign, and Raise complaint (from the message shortcut)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.record_ids import split_id
from bot.services.complaints.clicks import submit_raise_form, submit_reassign
from bot.services.context import ServiceContext
from bot.services.interactions import Reply
from handlers import ids
from handlers.blocks.modals import submitted, submitted_block, submitted_choice


def handle_reassign_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                               services: ServiceContext, now: datetime,
                               workspace_id: str) -> None:
    """Give the complaint to the person chosen."""
    complaint_id, response_url = split_id(view.get("private_metadata"), "|")
    new_owner = _selected_user(view)
    if complaint_id is None or not new_owner:
        ack(response_action="errors", errors={ids.FIELD_OWNER: "Choose who should own it."})
        return
    outcome = submit_reassign(services, workspace_id, body["user"]["id"], complaint_id, new_owner,
                              Reply(response_url=response_url or None), now)
    if outcome.status in ("forbidden", "not_found", "unchanged"):
        ack(response_action="errors", errors={ids.FIELD_OWNER: outcome.message or ""})
    else:
        ack()


def handle_raise_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                            services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Raise the complaint as the form says."""
    fields = {"customer": submitted(view, ids.FIELD_CUSTOMER),
              "text": submitted(view, ids.FIELD_COMPLAINT_TEXT),
              "category": submitted_choice(view, ids.FIELD_CATEGORY),
              "priority": submitted_choice(view, ids.FIELD_PRIORITY),
              "link": str(view.get("private_metadata") or "") or None}
    outcome = submit_raise_form(services, workspace_id, body["user"]["id"],
                                str(view.get("id") or ""), fields, now)
    if outcome.status == "no_customer":
        ack(response_action="errors", errors={ids.FIELD_CUSTOMER: outcome.message or ""})
    elif outcome.status == "usage":
        ack(response_action="errors", errors={ids.FIELD_COMPLAINT_TEXT: "Say what happened."})
    else:
        ack()


def _selected_user(view: dict[str, Any]) -> str | None:
    return submitted_block(view, ids.FIELD_OWNER).get("selected_user")
