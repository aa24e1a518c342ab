"""The card's controls: Edit, and menus that move the stage and the close likelihood."""

from __future__ import annotations

from typing import Any

from bot.domain.classification import GRADES, LIKELIHOOD, STAGE, VALUES, display
from bot.services.views import CustomerView
from handlers import ids
from handlers.blocks.text import button, plain

LIKELIHOOD_LABELS = {"A": "A · signs within a week", "B": "B · within two weeks",
                     "C": "C · within a month"}
TIER_LABELS = {"A": "A · ≥ 500,000 a year", "B": "B · ≥ 100,000", "C": "C · below 100,000"}


def axis_options(axis: str) -> list[tuple[str, str]]:
    """(value, label) of every value of an axis, in order."""
    if axis == STAGE:
        return [(v, display(STAGE, v)) for v in VALUES[STAGE]]
    labels = LIKELIHOOD_LABELS if axis == LIKELIHOOD else TIER_LABELS
    return [(g, labels[g]) for g in GRADES]


def card_actions(view: CustomerView) -> dict[str, Any]:
    """Edit, Stage and Likelihood; each menu option carries the customer's id. For its
    owner's lead and admins, a people menu that reassigns it (the block id names the
    customer: a people menu has no value)."""
    menus = [_menu(ids.CUSTOMER_STAGE, "Stage", view.id, STAGE, view.stage),
             _menu(ids.CUSTOMER_LIKELIHOOD, "Likelihood", view.id, LIKELIHOOD,
                   view.likelihood)]
    if view.may_reassign:
        menus.append({"type": "users_select", "action_id": ids.CUSTOMER_ASSIGN,
                      "placeholder": {"type": "plain_text", "text": "Reassign to…"}})
    return {"type": "actions", "block_id": f"customer_{view.id}",
            "elements": [button("Edit", ids.CUSTOMER_EDIT, str(view.id)), *menus]}


def _menu(action_id: str, placeholder: str, customer_id: int, axis: str,
          current: str | None) -> dict[str, Any]:
    options = [{"text": {"type": "plain_text", "text": plain(f"{placeholder}: {label}")},
                "value": f"{customer_id}:{value}"} for value, label in axis_options(axis)]
    menu: dict[str, Any] = {"type": "static_select", "action_id": action_id, "options": options,
                            "placeholder": {"type": "plain_text", "text": placeholder}}
    chosen = next((o for o in options if o["value"] == f"{customer_id}:{current}"), None)
    if chosen is not None:
        menu["initial_option"] = chosen
    return menu
