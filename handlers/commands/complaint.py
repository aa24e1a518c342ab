"""/complaint, /oncall and /complaints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.services.commands import receive_command
from bot.services.complaints.duty import show_duty
from bot.services.complaints.figures import complaint_figures
from bot.services.complaints.intake import receive_complaint
from bot.services.complaints.raising import ComplaintRequest
from bot.services.context import ServiceContext
from bot.services.language import answer_language
from handlers.blocks.duty import (
    figures_message,
    oncall_message,
)
from handlers.blocks.help import help_message
from handlers.later import answer_read, change_asked, working_message

HELP = ("help", "帮助", "?", "？")


def handle_complaint(ack: Ack, command: dict[str, Any], services: ServiceContext,
                     now: datetime, workspace_id: str) -> None:
    """`/complaint CUSTOMER: what happened` — e.g.
    `/complaint Acme Corp: delivery two weeks late, they threaten to cancel`."""
    # Stored (one INSERT) before Slack gets its answer and raised by the worker after it, the
    # answer replacing "working on it": once Slack has a 200 it never sends the command again,
    # so work left only in this process would be lost with it (bench/chaos.py lost a
    # complaint raised by a lazy listener). Reading and routing it takes tens of milliseconds.
    text = (command.get("text") or "").strip()
    if not text or text.casefold() in HELP:
        ack(response_type="ephemeral",
            **help_message("complaint", answer_language(services, command["user_id"], text)))
        return
    receive_complaint(services, ComplaintRequest(
        workspace_id=workspace_id, user_id=command["user_id"], text=text, source="command",
        source_key=f"slash:{command.get('trigger_id') or command.get('ts')}",
        reply_url=command.get("response_url") or None), now)
    ack(**working_message(text))


def ack_oncall(ack: Ack, command: dict[str, Any], services: ServiceContext,
               now: datetime, workspace_id: str) -> None:
    """`/oncall` — who is on duty now and next, and the week;
    `/oncall cover @kim until Friday 18:00` — Kim covers until then."""
    text = (command.get("text") or "").strip()
    user = command["user_id"]
    if text.casefold().startswith("cover"):
        # Reading "until Friday 18:00" and recording the cover: stored (one INSERT) and done
        # by the worker after Slack's answer, which it replaces (bot/services/commands.py).
        receive_command(services, change_asked(command, workspace_id, "cover", (text[5:],)),
                        now)
        ack(**working_message(text))
    elif text:  # help, or words /oncall does not know
        ack(response_type="ephemeral",
            **help_message("oncall", answer_language(services, user, text)))
    else:
        ack(**working_message(text))  # the duty follows (handle_oncall)


def handle_oncall(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                  now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """Who is on duty, in place of "working on it" (bare /oncall only: a read)."""
    if not (command.get("text") or "").strip():
        answer_read(command, body, respond, lambda: oncall_message(
            show_duty(services, workspace_id, command["user_id"], now)))


def ack_complaints(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """`/complaints` — the team's open complaints and last 30 days' figures (leads)."""
    text = (command.get("text") or "").strip()
    if text.casefold() in HELP:
        ack(response_type="ephemeral",
            **help_message("complaints", answer_language(services, command["user_id"], text)))
    else:
        ack(**working_message(text))  # the figures follow (handle_complaints)


def handle_complaints(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                      now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """The figures, in place of "working on it": a read."""
    if (command.get("text") or "").strip().casefold() not in HELP:
        answer_read(command, body, respond, lambda: figures_message(
            complaint_figures(services, workspace_id, command["user_id"], now)))
