"""The Slack call that replaces an open form (views.update) with what the worker decided
(pure: no I/O). Each face a form can be given is declared once in VIEWS."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.services.customers.create import match_from_payload
from bot.services.views import outcome_from_payload
from handlers.blocks.customer_form import confirm_form, new_form_metadata, new_form_notice
from handlers.blocks.customer_modals import card_modal
from handlers.blocks.customers import customer_message


def _confirm(p: dict[str, Any]) -> dict[str, Any]:
    return confirm_form(p["values"], [match_from_payload(m) for m in p["matches"]],
                        name_taken=bool(p["name_taken"]), refused=bool(p.get("refused")),
                        private_metadata=new_form_metadata(p["warned"], p.get("response_url"),
                                                           int(p["round"])),
                        lang=p.get("lang") or "en")


VIEWS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    # The New form again, under the customers it looks like.
    "customer_confirm": _confirm,
    # The customer created: its card in place of the form.
    "customer_created": lambda p: card_modal(customer_message(outcome_from_payload(
        p["outcome"]))),
    "failed": lambda p: new_form_notice(p.get("lang") or "en", "new_failed"),
}


def view_update_call(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(views.update, its arguments) for a queued payload."""
    return "views.update", {"view_id": p["view_id"], "view": VIEWS[p["render"]](p)}
