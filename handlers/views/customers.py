"""Submitting the New-customer form (and its "create anyway" confirmation), and Edit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.classification import AXES, VALUES
from bot.domain.customer_form import check_form
from bot.domain.record_ids import record_ids, split_id
from bot.services.context import ServiceContext
from bot.services.customers.create import create_customer
from bot.services.submits import Submit, receive_submit
from handlers import ids
from handlers.blocks.customer_form import AXIS_LABELS, confirm_form, form_values
from handlers.blocks.modals import submit_key


def handle_new_customer_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                   services: ServiceContext, now: datetime,
                                   workspace_id: str) -> None:
    """Create the customer, owned by you. A mistake is shown under its field; a customer
    that looks like an existing one (same name, phone or e-mail) is not created until you
    have seen the existing file and chosen "Create anyway"."""
    values = form_values(view)
    checked = check_form(values, complete=True)
    if isinstance(checked, dict):
        ack(response_action="errors", errors=checked)
        return
    warned, response_url = _metadata(view)
    confirming = view.get("callback_id") == ids.VIEW_CUSTOMER_CONFIRM
    done = create_customer(services, workspace_id, body["user"]["id"], checked, now,
                           accepted=warned if confirming else (), response_url=response_url)
    if done.status == "created":
        ack()
        return
    shown = [m.id for m in done.matches]
    if confirming and done.name_taken and set(shown) <= set(warned):
        ack(response_action="errors", errors={"name": "A customer with this name exists: "
                                              "choose another name."})
        return
    metadata = ",".join(map(str, shown)) + "|" + (response_url or "")
    ack(response_action="update", view=confirm_form(values, done.matches,
                                                    name_taken=done.name_taken,
                                                    private_metadata=metadata,
                                                    lang=done.language))


def _metadata(view: dict[str, Any]) -> tuple[list[int], str | None]:
    """The customers already warned about, and where to post the new card."""
    head, _, response_url = str(view.get("private_metadata", "")).partition("|")
    return record_ids(head), response_url or None


def handle_edit_customer_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                    services: ServiceContext, now: datetime,
                                    workspace_id: str) -> None:
    """Save the edited file; a mistake is shown under its field, and what only the saving
    can find (another customer has the name, you may no longer change it) below the card."""
    # Checked here without the database, stored (one INSERT) and saved by the worker after
    # Slack has its answer (bot/services/submits.py).
    values = form_values(view)
    classes = {a: values.pop(a) for a in AXIS_LABELS if values.get(a)}
    for axis in AXIS_LABELS:
        values.pop(axis, None)
    checked = check_form(values, complete=False)
    customer_id, response_url = split_id(view.get("private_metadata"), "|")
    if isinstance(checked, dict) or customer_id is None:
        ack(response_action="errors", errors=checked if isinstance(checked, dict) else
            {"name": "This form has expired."})
        return
    bad = [a for a, v in classes.items() if a not in AXES or v not in VALUES[a]]
    if bad:
        ack(response_action="errors", errors=dict.fromkeys(bad, "Choose one of the options."))
        return
    receive_submit(services, Submit(
        workspace_id=workspace_id, user_id=body["user"]["id"], does="edit_customer",
        record=customer_id, source_key=submit_key(body, view),
        response_url=response_url or None, values={"fields": values, "classes": classes}), now)
    ack()
