"""Turn a queued outgoing message into the Slack call that says it (pure: no I/O).

Every kind the services queue is declared once in RENDERERS (and every form in MODALS), so a
test can walk all of them; every call leaves through `render`, which strips control and bidi
characters from every string whatever the builder did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.services.complaints.views import KINDS as COMPLAINT_KINDS
from bot.services.ports import OutgoingMessage
from bot.services.review.payload import rep_from_payload, review_from_payload
from bot.services.views import (
    Outcome,
    outcome_from_payload,
    task_from_payload,
)
from handlers.blocks.customers import customer_message
from handlers.blocks.logs import log_reply_message
from handlers.blocks.review import review_parent_message, review_rep_message
from handlers.blocks.tasks import digest_message, reminder_message, task_changed_message
from handlers.blocks.text import clean_payload
from handlers.form_calls import MODALS as MODALS  # every form, for the payload tests
from handlers.form_calls import form_call
from handlers.render_complaints import complaint_call

RESPONSES: dict[str, Callable[[Outcome], dict[str, Any]]] = {
    "log": log_reply_message, "task": task_changed_message, "customer": customer_message}
REMINDER_KINDS = ("reminder_before", "reminder_due", "snooze_end", "overdue_owner",
                  "overdue_lead")


@dataclass(frozen=True)
class SlackCall:
    """One Web API method (or a response_url post) with its arguments."""

    method: str
    args: dict[str, Any]


def render(message: OutgoingMessage) -> SlackCall:
    """The Slack call for a message of any kind the services queue."""
    renderer = RENDERERS.get(message.kind)
    if renderer is None:
        raise ValueError(f"no rendering for notification kind {message.kind!r}")
    call = renderer(message)
    return SlackCall(call.method, clean_payload(call.args))


def _log_reply(message: OutgoingMessage) -> SlackCall:
    body = log_reply_message(outcome_from_payload(message.payload))
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _respond(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    outcome = outcome_from_payload(p["outcome"])
    body = RESPONSES.get(p.get("render") or "task", task_changed_message)(outcome)
    if p.get("replace", True):
        args = {"replace_original": True, **body}
    else:
        args = {"response_type": "ephemeral", "replace_original": False, **body}
    return SlackCall("response_url", {"url": p["response_url"], **args})


def _open_modal(message: OutgoingMessage) -> SlackCall:
    # Forms open from the request now (handlers/forms.py); this renders one queued before.
    return SlackCall(*form_call(message.payload))


def _complaint(message: OutgoingMessage) -> SlackCall:
    call = complaint_call(message)
    if call is None:
        raise ValueError(f"no rendering for complaint kind {message.kind!r}")
    return SlackCall(*call)


def _reminder(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    due_was = p.get("due_was")
    body = reminder_message(
        message.kind, task_from_payload(p["task"]), lead_seconds=p.get("lead_seconds"),
        late=message.late, due_was=datetime.fromisoformat(due_was) if due_was else None,
        owner=p.get("owner"))
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _lead_digest(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    body = digest_message(p["team"], p["date"], [task_from_payload(t) for t in p["tasks"]])
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _review_team(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    body = review_parent_message(review_from_payload(p["review"]), list(p.get("reps") or ()),
                                 p.get("lang", "en"))
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _review_rep(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    return _thread_reply(p, review_rep_message(rep_from_payload(p["rep"]), p["timezone"],
                                               p.get("lang", "en")))


def _thread_answer(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    return _thread_reply(p, log_reply_message(outcome_from_payload(p["outcome"])))


def _reaction(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    return SlackCall("reactions.add", {"channel": message.recipient,
                                       "timestamp": p["timestamp"], "name": p["name"]})


def _refresh_profile(message: OutgoingMessage) -> SlackCall:
    return SlackCall("users.info", {"user": message.recipient})


def _thread_reply(p: dict[str, Any], body: dict[str, Any]) -> SlackCall:
    """A reply in its parent's thread; without the parent's ts it is never sent (it would
    land at the channel's top level)."""
    if not p.get("thread_ts") or not p.get("channel"):
        raise ValueError("a thread reply needs its parent's channel and ts")
    return SlackCall("chat.postMessage", {"channel": p["channel"], "thread_ts": p["thread_ts"],
                                          **body})


RENDERERS: dict[str, Callable[[OutgoingMessage], SlackCall]] = {
    "log_reply": _log_reply, "respond": _respond, "open_modal": _open_modal,
    **dict.fromkeys(COMPLAINT_KINDS, _complaint), **dict.fromkeys(REMINDER_KINDS, _reminder),
    "lead_digest": _lead_digest, "review_team": _review_team, "review_rep": _review_rep,
    "thread_reply": _thread_answer, "reaction": _reaction, "refresh_profile": _refresh_profile}
