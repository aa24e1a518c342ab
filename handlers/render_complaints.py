"""The Slack calls for the complaint messages (pure: no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.services.complaints.views import (
    ALERT,
    CHECK_BACK,
    NOTE,
    PAGE,
    RAISED,
    REPLY,
    RESPOND,
    THREAD,
    ComplaintOutcome,
    ComplaintView,
    complaint_from_payload,
)
from bot.services.ports import OutgoingMessage
from handlers.blocks.complaint_modals import raise_modal, reassign_modal
from handlers.blocks.complaints import (
    alert_message,
    changed_message,
    check_back_message,
    note_message,
    page_message,
    raised_message,
    thread_message,
)
from handlers.blocks.text import notice, section, shown

Call = tuple[str, dict[str, Any]]
POST = "chat.postMessage"


def _respond(message: OutgoingMessage) -> Call:
    p = message.payload
    c = complaint_from_payload(p["complaint"]) if p.get("complaint") else None
    outcome = ComplaintOutcome(p["status"], c, p.get("message"),
                               tuple(p.get("suggestions") or ()))
    body = raised_message(outcome) if p.get("render") == "raised" else \
        changed_message(outcome, int(p.get("check_back_hours") or 24))
    extra = {"replace_original": True} if p.get("replace", True) else {
        "response_type": "ephemeral", "replace_original": False}
    return "response_url", {"url": p["response_url"], **extra, **body}


def _reply(message: OutgoingMessage) -> Call:
    text = shown(message.payload["text"], 2000)
    return POST, {"channel": message.recipient, "text": notice(text), "blocks": [section(text)]}


def _dm(body: Callable[[ComplaintView, dict[str, Any]], dict[str, Any]]
        ) -> Callable[[OutgoingMessage], Call]:
    """A message about the complaint (as composed at send time) to the row's recipient."""

    def render(message: OutgoingMessage) -> Call:
        p = message.payload
        return POST, {"channel": message.recipient,
                      **body(complaint_from_payload(p["complaint"]), p)}

    return render


def _note(message: OutgoingMessage) -> Call:
    p = message.payload
    return POST, {"channel": p.get("channel") or message.recipient,
                  **note_message(complaint_from_payload(p["complaint"]), p)}


# How each complaint message is said (handlers/render.py gathers every kind's renderer).
COMPLAINT_RENDERERS: dict[str, Callable[[OutgoingMessage], Call]] = {
    RESPOND: _respond,
    REPLY: _reply,
    PAGE: _dm(lambda c, p: page_message(c, p.get("reason") or "new", p.get("by"),
                                        int(p["ack_minutes"]))),
    THREAD: _dm(lambda c, p: thread_message(c)),
    NOTE: _note,
    RAISED: _dm(lambda c, p: raised_message(ComplaintOutcome("raised", c))),
    ALERT: _dm(lambda c, p: alert_message(c, p["clock"], p["level"])),
    CHECK_BACK: _dm(lambda c, p: check_back_message(c)),
}


COMPLAINT_MODALS = ("complaint_reassign", "complaint_raise")


def complaint_modal_call(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """views.open for the complaint forms queued through the outbox."""
    if p["modal"] == "complaint_reassign":
        view = reassign_modal(complaint_from_payload(p["complaint"]))
        if p.get("response_url"):
            # The form's answer replaces the message it was opened from.
            view["private_metadata"] = f"{view['private_metadata']}|{p['response_url']}"
    else:
        view = raise_modal(p)
    return "views.open", {"trigger_id": p["trigger_id"], "view": view}
