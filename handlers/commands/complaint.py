"""/complaint, /oncall and /complaints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.services.complaint_figures import complaint_figures
from bot.services.complaints import ComplaintRequest, raise_complaint
from bot.services.context import ServiceContext
from bot.services.duty import cover_phrase, show_duty
from bot.services.language import answer_language
from handlers.blocks.complaints import raised_message
from handlers.blocks.duty import (
    figures_message,
    oncall_message,
)
from handlers.blocks.help import help_message
from handlers.later import told_on_failure, working_message

HELP = ("help", "帮助", "?", "？")


def ack_complaint(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """The answer Slack gets at once: the help, or "working on it" (the complaint is read
    and raised after it, by handle_complaint)."""
    text = (command.get("text") or "").strip()
    if not text or text.casefold() in HELP:
        ack(response_type="ephemeral",
            **help_message("complaint", answer_language(services, command["user_id"], text)))
    else:
        ack(**working_message(text))


def handle_complaint(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                     now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """`/complaint CUSTOMER: what happened` — e.g.
    `/complaint Acme Corp: delivery two weeks late, they threaten to cancel`."""
    text = (command.get("text") or "").strip()
    if not text or text.casefold() in HELP or respond is None:
        return
    request = ComplaintRequest(
        workspace_id=workspace_id, user_id=command["user_id"], text=text, source="command",
        source_key=f"slash:{command.get('trigger_id') or command.get('ts')}")
    with told_on_failure(body, respond):
        respond(response_type="ephemeral", replace_original=True,
                **raised_message(raise_complaint(services, request, now)))


def handle_oncall(ack: Ack, command: dict[str, Any], services: ServiceContext,
                  now: datetime, workspace_id: str) -> None:
    """`/oncall` — who is on duty now and next, and the week;
    `/oncall cover @kim until Friday 18:00` — Kim covers until then."""
    text = (command.get("text") or "").strip()
    user = command["user_id"]
    if text.casefold() in HELP:
        ack(response_type="ephemeral",
            **help_message("oncall", answer_language(services, user, text)))
        return
    if text.casefold().startswith("cover"):
        view = cover_phrase(services, workspace_id, user, text[5:], now)
    elif text:
        ack(response_type="ephemeral",
            **help_message("oncall", answer_language(services, user, text)))
        return
    else:
        view = show_duty(services, workspace_id, user, now)
    ack(response_type="ephemeral", **oncall_message(view))


def handle_complaints(ack: Ack, command: dict[str, Any], services: ServiceContext,
                      now: datetime, workspace_id: str) -> None:
    """`/complaints` — the team's open complaints and last 30 days' figures (leads)."""
    text = (command.get("text") or "").strip()
    if text.casefold() in HELP:
        ack(response_type="ephemeral",
            **help_message("complaints", answer_language(services, command["user_id"], text)))
        return
    outcome = complaint_figures(services, workspace_id, command["user_id"], now)
    ack(response_type="ephemeral", **figures_message(outcome))
