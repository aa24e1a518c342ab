"""The Slack calls for the complaint messages (pure: no I/O)."""

from __future__ import annotations

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


def complaint_call(message: OutgoingMessage) -> tuple[str, dict[str, Any]] | None:
    """(method, arguments) for a complaint message; None for any other kind."""
    p = message.payload
    post = "chat.postMessage"
    if message.kind == RESPOND:
        c = complaint_from_payload(p["complaint"]) if p.get("complaint") else None
        body = changed_message(ComplaintOutcome(p["status"], c, p.get("message")),
                               int(p.get("check_back_hours") or 24))
        extra = {"replace_original": True} if p.get("replace", True) else {
            "response_type": "ephemeral", "replace_original": False}
        return "response_url", {"url": p["response_url"], **extra, **body}
    if message.kind == REPLY:
        text = shown(p["text"], 2000)
        return post, {"channel": message.recipient, "text": notice(text),
                      "blocks": [section(text)]}
    if message.kind not in (PAGE, THREAD, NOTE, RAISED, ALERT, CHECK_BACK):
        return None
    c = complaint_from_payload(p["complaint"])
    if message.kind == PAGE:
        body = page_message(c, p.get("reason") or "new", p.get("by"), int(p["ack_minutes"]))
    elif message.kind == THREAD:
        body = thread_message(c)
    elif message.kind == NOTE:
        return post, {"channel": p.get("channel") or message.recipient, **note_message(c, p)}
    elif message.kind == RAISED:
        body = raised_message(ComplaintOutcome("raised", c))
    elif message.kind == ALERT:
        body = alert_message(c, p["clock"], p["level"])
    else:
        body = check_back_message(c)
    return post, {"channel": message.recipient, **body}


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
