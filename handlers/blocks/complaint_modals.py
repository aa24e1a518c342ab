"""The complaint forms: Reassign (who owns it instead) and Raise complaint (the shortcut)."""

from __future__ import annotations

from typing import Any

from bot.services.complaints.views import ComplaintView
from handlers import ids
from handlers.blocks.modals import _input
from handlers.blocks.text import plain


def _choice(block_id: str, label: str, values: tuple[str, ...], current: str) -> dict[str, Any]:
    def option(v: str) -> dict[str, Any]:
        return {"text": {"type": "plain_text", "text": v}, "value": v}
    return {"type": "input", "block_id": block_id, "label": {"type": "plain_text", "text": label},
            "element": {"type": "static_select", "action_id": block_id,
                        "options": [option(v) for v in values],
                        "initial_option": option(current if current in values else values[0])}}


def reassign_modal(c: ComplaintView) -> dict[str, Any]:
    """Ask who should own the complaint instead."""
    return {
        "type": "modal", "callback_id": ids.VIEW_COMPLAINT_REASSIGN,
        "private_metadata": str(c.id),
        "title": {"type": "plain_text", "text": "Reassign complaint"},
        "submit": {"type": "plain_text", "text": "Reassign"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {"type": "section", "text": {"type": "plain_text", "text": plain(
                f"Complaint #{c.number} · {c.customer}: {c.text}", 2000)}},
            {"type": "input", "block_id": ids.FIELD_OWNER,
             "label": {"type": "plain_text", "text": "New owner"},
             "element": {"type": "users_select", "action_id": ids.FIELD_OWNER}},
        ],
    }


def raise_modal(p: dict[str, Any]) -> dict[str, Any]:
    """The message shortcut's form, filled in from the message."""
    return {
        "type": "modal", "callback_id": ids.VIEW_COMPLAINT_RAISE,
        "private_metadata": str(p.get("link") or "")[:3000],
        "title": {"type": "plain_text", "text": "Raise complaint"},
        "submit": {"type": "plain_text", "text": "Raise"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            _input(ids.FIELD_CUSTOMER, "Customer", p.get("customer")),
            _input(ids.FIELD_COMPLAINT_TEXT, "What happened", p.get("text"), multiline=True),
            _choice(ids.FIELD_CATEGORY, "Category", ("product", "service", "experience"),
                    str(p.get("category"))),
            _choice(ids.FIELD_PRIORITY, "Priority", ("high", "medium", "low"),
                    str(p.get("priority"))),
        ],
    }
