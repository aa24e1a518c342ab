"""The customer modals the services ask for: the New and Edit forms, and a card pushed over
a form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.catalog import tr
from bot.domain.care_dates import NAMED_FIELD
from bot.services.views import CustomerView, customer_from_payload, outcome_from_payload
from handlers import ids
from handlers.blocks.customer_form import customer_form
from handlers.blocks.customers import customer_message

CUSTOMER_MODALS = ("customer_new", "customer_card", "customer_edit")


def customer_modal_call(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(Web API method, arguments) opening the modal a queued payload describes."""
    if p["modal"] == "customer_new":
        lang = p.get("lang") or "en"
        view = customer_form(ids.VIEW_CUSTOMER_NEW, p.get("prefill") or {},
                             title=tr(lang, "New customer"), submit=tr(lang, "Create"),
                             private_metadata="|" + (p.get("response_url") or ""),
                             named=p.get("named") or (), lang=lang)
        return "views.open", {"trigger_id": p["trigger_id"], "view": view}
    if p["modal"] == "customer_edit":
        lang = p["outcome"].get("language") or "en"
        return "views.open", {"trigger_id": p["trigger_id"], "view": edit_form(
            customer_from_payload(p["outcome"]["customer"]), p.get("response_url"),
            p.get("named") or (), lang)}
    outcome = outcome_from_payload(p["outcome"])
    return "views.push", {"trigger_id": p["trigger_id"], "view": card_modal(
        customer_message(outcome), outcome.language or "en")}


def edit_form(view: CustomerView, response_url: str | None,
              named: Sequence[str] = (), lang: str = "en") -> dict[str, Any]:
    """The Edit form: every field as it is now, the tags, and the three axes."""
    values = dict(view.fields) | {"tags": ", ".join(view.tags)}
    # The file's own key dates (no label); one with no year shows in 2000, which has a
    # 29 February, and keeps recurring every year whatever year is saved.
    values |= {(d.kind if d.kind != "named" else NAMED_FIELD + d.label):
               f"{d.year or 2000:04d}-{d.month:02d}-{d.day:02d}"
               for d in view.care_dates if not d.label or d.kind == "named"}
    return customer_form(ids.VIEW_CUSTOMER_EDIT, values, title=tr(lang, "Edit customer"),
                         submit=tr(lang, "Save"),
                         private_metadata=f"{view.id}|{response_url or ''}",
                         contact=view.may_edit_contact,
                         classes={"tier": view.value_tier, "stage": view.stage,
                                  "likelihood": view.likelihood}, named=named, lang=lang)


def card_modal(message: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """A customer's card as a read-only modal (its buttons belong to messages)."""
    blocks = [b for b in message["blocks"] if b.get("type") != "actions"]
    return {"type": "modal", "title": {"type": "plain_text", "text": tr(lang, "Customer file")},
            "close": {"type": "plain_text", "text": tr(lang, "Back")}, "blocks": blocks[:100]}
