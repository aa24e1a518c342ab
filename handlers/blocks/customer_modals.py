"""The customer modals the services ask for: the New form, and a card pushed over a form."""

from __future__ import annotations

from typing import Any

from bot.services.views import outcome_from_payload
from handlers import ids
from handlers.blocks.customer_form import customer_form
from handlers.blocks.customers import customer_message

CUSTOMER_MODALS = ("customer_new", "customer_card")


def customer_modal_call(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(Web API method, arguments) opening the modal a queued payload describes."""
    if p["modal"] == "customer_new":
        view = customer_form(ids.VIEW_CUSTOMER_NEW, p.get("prefill") or {},
                             title="New customer", submit="Create",
                             private_metadata="|" + (p.get("response_url") or ""))
        return "views.open", {"trigger_id": p["trigger_id"], "view": view}
    return "views.push", {"trigger_id": p["trigger_id"],
                          "view": card_modal(customer_message(outcome_from_payload(
                              p["outcome"])))}


def card_modal(message: dict[str, Any]) -> dict[str, Any]:
    """A customer's card as a read-only modal (its buttons belong to messages)."""
    blocks = [b for b in message["blocks"] if b.get("type") != "actions"]
    return {"type": "modal", "title": {"type": "plain_text", "text": "Customer file"},
            "close": {"type": "plain_text", "text": "Back"}, "blocks": blocks[:100]}
