"""Submitting the complaint forms: Reassign, and Raise complaint (from the message shortcut)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.problems import problem
from bot.domain.record_ids import split_id
from bot.services.complaints.intake import receive_complaint
from bot.services.complaints.raising import ComplaintRequest
from bot.services.context import ServiceContext
from bot.services.language import answer_language, own_language
from bot.services.submits import Submit, receive_submit
from handlers import ids
from handlers.blocks.modals import submit_key, submitted, submitted_block, submitted_choice
from handlers.blocks.problems import field_errors


def handle_reassign_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                               services: ServiceContext, now: datetime,
                               workspace_id: str) -> None:
    """Give the complaint to the person chosen."""
    complaint_id, response_url = split_id(view.get("private_metadata"), "|")
    new_owner = _selected_user(view)
    if complaint_id is None or not new_owner:
        lang = own_language(services, body["user"]["id"])
        ack(response_action="errors",
            errors=field_errors(lang, {ids.FIELD_OWNER: problem("choose_owner")}))
        return
    # Stored (one INSERT), done by the worker after Slack's answer; a refusal is said below
    # the complaint (bot/services/submits.py).
    receive_submit(services, Submit(
        workspace_id=workspace_id, user_id=body["user"]["id"], does="reassign",
        record=complaint_id, source_key=submit_key(body, view),
        response_url=response_url or None, values={"owner": new_owner}), now)
    ack()


def handle_raise_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                            services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Raise the complaint as the form says."""
    customer = submitted(view, ids.FIELD_CUSTOMER).strip()
    text = submitted(view, ids.FIELD_COMPLAINT_TEXT)
    if not customer or not text.strip():
        lang = answer_language(services, body["user"]["id"], customer, text)
        field, error = (ids.FIELD_CUSTOMER, problem("say_customer")) if not customer else (
            ids.FIELD_COMPLAINT_TEXT, problem("say_what"))
        ack(response_action="errors", errors=field_errors(lang, {field: error}))
        return
    # Stored (one INSERT) and raised by the worker after Slack's answer, as /complaint is;
    # the raiser is told in a DM (bot/services/complaints/intake.py).
    receive_complaint(services, ComplaintRequest(
        workspace_id=workspace_id, user_id=body["user"]["id"], text=text, source="shortcut",
        source_key=f"view:{view.get('id') or ''}",
        link=str(view.get("private_metadata") or "") or None, customer=customer,
        category=submitted_choice(view, ids.FIELD_CATEGORY),
        priority=submitted_choice(view, ids.FIELD_PRIORITY)), now)
    ack()


def _selected_user(view: dict[str, Any]) -> str | None:
    return submitted_block(view, ids.FIELD_OWNER).get("selected_user")
