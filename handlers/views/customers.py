"""Submitting the New-customer form (and its "create anyway" confirmation), and Edit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.classification import AXES, VALUES
from bot.domain.customer_form import check_form
from bot.domain.problems import Problem, problem
from bot.domain.record_ids import split_id
from bot.services.context import ServiceContext
from bot.services.customers.new_form import NEW_CUSTOMER
from bot.services.language import own_language
from bot.services.submits import Submit, receive_form_submit, receive_submit
from handlers import ids
from handlers.blocks.customer_form import (
    AXIS_LABELS,
    form_values,
    new_form_notice,
    read_new_form_metadata,
)
from handlers.blocks.modals import submit_key
from handlers.blocks.problems import field_errors


def handle_new_customer_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                   services: ServiceContext, now: datetime,
                                   workspace_id: str) -> None:
    """Create the customer, owned by you. A mistake is shown under its field; a customer
    that looks like an existing one (same name, phone or e-mail) is not created until you
    have seen the existing file and chosen "Create anyway"."""
    # Checked here without the database; the look-alikes are searched by the worker after
    # Slack has its answer, which shows "Checking for similar customers…" until the worker
    # replaces it (bot/services/customers/new_form.py).
    values = form_values(view)
    checked = check_form(values, complete=True)
    if isinstance(checked, dict):
        _refuse(ack, services, body, checked)
        return
    warned, response_url, round_ = read_new_form_metadata(view)
    lang = receive_form_submit(services, Submit(
        workspace_id=workspace_id, user_id=body["user"]["id"], does=NEW_CUSTOMER, record=0,
        # each round of the form (put back under a warning) is a submit of its own
        source_key=f"{submit_key(body, view)}:{round_}", response_url=response_url,
        view_id=view.get("id"), values={
            "fields": values, "warned": warned, "round": round_,
            "confirming": view.get("callback_id") == ids.VIEW_CUSTOMER_CONFIRM}),
        values.get("name", ""), now)
    ack(response_action="update", view=new_form_notice(lang))


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
        _refuse(ack, services, body, checked if isinstance(checked, dict) else
                {"name": problem("form_expired")})
        return
    bad = [a for a, v in classes.items() if a not in AXES or v not in VALUES[a]]
    if bad:
        _refuse(ack, services, body, dict.fromkeys(bad, problem("choose_option")))
        return
    receive_submit(services, Submit(
        workspace_id=workspace_id, user_id=body["user"]["id"], does="edit_customer",
        record=customer_id, source_key=submit_key(body, view),
        response_url=response_url or None, values={"fields": values, "classes": classes}), now)
    ack()


def _refuse(ack: Ack, services: ServiceContext, body: dict[str, Any],
            errors: dict[str, Problem]) -> None:
    """Each mistake under its field, in the person's own language: one read of it, made only
    when the form is refused."""
    ack(response_action="errors", errors=field_errors(own_language(services, body["user"]["id"]),
                                                      errors))
