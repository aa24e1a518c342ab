"""The complaint forms: Reassign (who owns it instead) and Raise complaint (the shortcut),
in the language of the person who opened them."""

from __future__ import annotations

from typing import Any

from bot.catalog import tr
from bot.services.complaints.views import ComplaintView
from handlers import ids
from handlers.blocks.i18n_complaints import CATEGORY, PRIORITY, word
from handlers.blocks.modals import _input
from handlers.blocks.text import plain


def _choice(lang: str, block_id: str, label: str, table: dict[str, str],
            current: str) -> dict[str, Any]:
    def option(v: str) -> dict[str, Any]:
        return {"text": {"type": "plain_text", "text": word(lang, table, v)}, "value": v}
    first = next(iter(table))
    return {"type": "input", "block_id": block_id, "label": {"type": "plain_text", "text": label},
            "element": {"type": "static_select", "action_id": block_id,
                        "options": [option(v) for v in table],
                        "initial_option": option(current if current in table else first)}}


def _buttons(lang: str, title: str, submit: str) -> dict[str, Any]:
    return {"title": {"type": "plain_text", "text": title},
            "submit": {"type": "plain_text", "text": submit},
            "close": {"type": "plain_text", "text": tr(lang, "Cancel")}}


def reassign_modal(c: ComplaintView, lang: str = "en") -> dict[str, Any]:
    """Ask who should own the complaint instead."""
    head = tr(lang, "Complaint #{number} · {customer}: {text}", number=c.number,
              customer=c.customer, text=c.text)
    return {
        "type": "modal", "callback_id": ids.VIEW_COMPLAINT_REASSIGN,
        "private_metadata": str(c.id),
        **_buttons(lang, tr(lang, "Reassign complaint"), tr(lang, "Reassign")),
        "blocks": [
            {"type": "section", "text": {"type": "plain_text", "text": plain(head, 2000)}},
            {"type": "input", "block_id": ids.FIELD_OWNER,
             "label": {"type": "plain_text", "text": tr(lang, "New owner")},
             "element": {"type": "users_select", "action_id": ids.FIELD_OWNER}},
        ],
    }


def raise_modal(p: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """The message shortcut's form, filled in from the message."""
    return {
        "type": "modal", "callback_id": ids.VIEW_COMPLAINT_RAISE,
        "private_metadata": str(p.get("link") or "")[:3000],
        **_buttons(lang, tr(lang, "Raise complaint"), tr(lang, "Raise")),
        "blocks": [
            _input(ids.FIELD_CUSTOMER, tr(lang, "Customer"), p.get("customer")),
            _input(ids.FIELD_COMPLAINT_TEXT, tr(lang, "What happened"), p.get("text"),
                   multiline=True),
            _choice(lang, ids.FIELD_CATEGORY, tr(lang, "Category"), CATEGORY,
                    str(p.get("category"))),
            _choice(lang, ids.FIELD_PRIORITY, tr(lang, "Priority"), PRIORITY,
                    str(p.get("priority"))),
        ],
    }
