"""The Slack calls for the complaint messages (pure: no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.catalog import tr
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
    refusal,
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
    lang = p.get("lang") or "en"
    body = raised_message(outcome, lang) if p.get("render") == "raised" else \
        changed_message(outcome, int(p.get("check_back_hours") or 24), lang)
    if p.get("typed"):  # a complaint that could not be raised: what they typed is kept
        body["blocks"].append(section(_typed(lang, p["typed"])))
    extra = {"replace_original": True} if p.get("replace", True) else {
        "response_type": "ephemeral", "replace_original": False}
    return "response_url", {"url": p["response_url"], **extra, **body}


def _typed(lang: str, typed: str) -> str:
    return tr(lang, "You typed:") + f"\n>{shown(typed, 1500)}"


def _reply(message: OutgoingMessage) -> Call:
    p = message.payload
    lang = p.get("lang") or "en"
    if p.get("refusal"):  # a reason code, and what the person typed
        text = refusal(lang, ComplaintOutcome("refused", message=p["refusal"]))
        if p.get("typed"):
            text += "\n" + _typed(lang, p["typed"])
    else:  # queued before reasons were codes: the sentence itself
        text = shown(p["text"], 2000)
    return POST, {"channel": message.recipient, "text": notice(text), "blocks": [section(text)]}


def _dm(body: Callable[[ComplaintView, dict[str, Any]], dict[str, Any]]
        ) -> Callable[[OutgoingMessage], Call]:
    """A message about the complaint (as composed at send time) to the row's recipient."""

    def render(message: OutgoingMessage) -> Call:
        p = message.payload
        return POST, {"channel": message.recipient,
                      **body(complaint_from_payload(p["complaint"]), p)}

    return render


def _lang(p: dict[str, Any]) -> str:
    """The language the composer chose (the reader's own, the team's for the thread)."""
    return str(p.get("lang") or "en")


def _note(message: OutgoingMessage) -> Call:
    p = message.payload
    return POST, {"channel": p.get("channel") or message.recipient,
                  **note_message(complaint_from_payload(p["complaint"]), p)}


# How each complaint message is said (handlers/render.py gathers every kind's renderer).
COMPLAINT_RENDERERS: dict[str, Callable[[OutgoingMessage], Call]] = {
    RESPOND: _respond,
    REPLY: _reply,
    PAGE: _dm(lambda c, p: page_message(c, p.get("reason") or "new", p.get("by"),
                                        int(p["ack_minutes"]), _lang(p))),
    THREAD: _dm(lambda c, p: thread_message(c, _lang(p))),
    NOTE: _note,
    RAISED: _dm(lambda c, p: raised_message(ComplaintOutcome("raised", c), _lang(p))),
    ALERT: _dm(lambda c, p: alert_message(c, p["clock"], p["level"], _lang(p))),
    CHECK_BACK: _dm(lambda c, p: check_back_message(c, _lang(p))),
}


COMPLAINT_MODALS = ("complaint_reassign", "complaint_raise")


def complaint_modal_call(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """views.open for the complaint forms queued through the outbox."""
    if p["modal"] == "complaint_reassign":
        view = reassign_modal(complaint_from_payload(p["complaint"]), _lang(p))
        if p.get("response_url"):
            # The form's answer replaces the message it was opened from.
            view["private_metadata"] = f"{view['private_metadata']}|{p['response_url']}"
    else:
        view = raise_modal(p, _lang(p))
    return "views.open", {"trigger_id": p["trigger_id"], "view": view}
