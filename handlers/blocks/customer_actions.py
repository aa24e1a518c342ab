"""The card's controls: Edit, and menus that move the stage and the close likelihood."""

from __future__ import annotations

from typing import Any

from bot.catalog import tr
from bot.domain.classification import LIKELIHOOD, STAGE
from bot.services.views import CustomerView
from handlers import ids
from handlers.blocks.classes import axis_options
from handlers.blocks.text import button, plain


def card_actions(view: CustomerView, lang: str = "en") -> dict[str, Any]:
    """Edit, Stage and Likelihood; each menu option carries the customer's id. For its
    owner's lead and admins, a people menu that reassigns it (the block id names the
    customer: a people menu has no value)."""
    menus = [_menu(ids.CUSTOMER_STAGE, tr(lang, "Stage"), view.id, STAGE, view.stage, lang),
             _menu(ids.CUSTOMER_LIKELIHOOD, tr(lang, "Likelihood"), view.id, LIKELIHOOD,
                   view.likelihood, lang)]
    if view.may_reassign:
        menus.append({"type": "users_select", "action_id": ids.CUSTOMER_ASSIGN,
                      "placeholder": {"type": "plain_text", "text": tr(lang, "Reassign to…")}})
    return {"type": "actions", "block_id": f"customer_{view.id}",
            "elements": [button(tr(lang, "Edit"), ids.CUSTOMER_EDIT, str(view.id)), *menus]}


def _menu(action_id: str, placeholder: str, customer_id: int, axis: str,
          current: str | None, lang: str) -> dict[str, Any]:
    options = [{"text": {"type": "plain_text", "text": plain(f"{placeholder}: {label}")},
                "value": f"{customer_id}:{value}"} for value, label in axis_options(axis, lang)]
    menu: dict[str, Any] = {"type": "static_select", "action_id": action_id, "options": options,
                            "placeholder": {"type": "plain_text", "text": placeholder}}
    chosen = next((o for o in options if o["value"] == f"{customer_id}:{current}"), None)
    if chosen is not None:
        menu["initial_option"] = chosen
    return menu
