"""The Slack call that opens a form the services describe (pure: no I/O)."""

from __future__ import annotations

from typing import Any

from bot.services.views import follow_up_from_payload, task_from_payload
from handlers.blocks.customer_modals import CUSTOMER_MODALS, customer_modal_call
from handlers.blocks.losses import loss_reason_modal
from handlers.blocks.modals import edit_log_modal, reschedule_modal
from handlers.blocks.revisits import reason_modal
from handlers.blocks.text import clean_payload
from handlers.render_complaints import COMPLAINT_MODALS, complaint_modal_call

LOG_MODALS = ("edit_log", "reschedule")
REVISIT_MODALS = ("revisit_reason", "loss_reason")
BELOW = "below"  # private_metadata's last part: answer below the message, not in its place
MODALS = (*LOG_MODALS, *CUSTOMER_MODALS, *COMPLAINT_MODALS, *REVISIT_MODALS)


def form_call(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(views.open or views.push, its arguments) for a form's payload, every string cleaned
    of control and bidi characters like any other call."""
    method, args = _call(p)
    return method, clean_payload(args)


def _call(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if p["modal"] in CUSTOMER_MODALS:
        return customer_modal_call(p)
    if p["modal"] in COMPLAINT_MODALS:
        return complaint_modal_call(p)
    if p["modal"] not in (*LOG_MODALS, *REVISIT_MODALS):
        raise ValueError(f"no form called {p['modal']!r}")
    if p["modal"] == "revisit_reason":
        view = reason_modal(p)
    elif p["modal"] == "loss_reason":
        view = loss_reason_modal(p)
    elif p["modal"] == "edit_log":
        view = edit_log_modal(follow_up_from_payload(p["follow_up"]), p.get("lang") or "en")
    else:
        task = task_from_payload(p["task"])
        view = reschedule_modal(task.id, task.title, p.get("lang") or "en")
    if p.get("response_url"):
        # The modal's answer replaces the message it was opened from (or goes below it).
        below = f"|{BELOW}" if p.get("keep") else ""
        view["private_metadata"] = f"{view['private_metadata']}|{p['response_url']}{below}"
    return "views.open", {"trigger_id": p["trigger_id"], "view": view}
