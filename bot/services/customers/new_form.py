"""The New-customer form answered first: the request checks the values without the database
and stores the submit (bot/services/submits.py), and Slack shows "Checking for similar
customers…" in the form; the worker then looks for look-alikes and either creates the
customer (its card replaces the form) or puts the form back under the warning, "Create
anyway" or a name to change. The form's new face is queued in the unit of work that creates
(or does not create) the customer, and marks the submit done, so a retry or a second delivery
creates one customer and answers once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.customer_form import check_form
from bot.services.context import ServiceContext
from bot.services.customers.create import create_customer
from bot.services.delivery.outbox import queue_view_update
from bot.services.views import Outcome, to_payload

NEW_CUSTOMER = "new_customer"  # what a stored submit does


def create_from_form(ctx: ServiceContext, workspace_id: str, user: str, form: dict[str, Any],
                     *, view_id: str | None, response_url: str | None,
                     now: datetime) -> Outcome:
    """Create the customer a submitted New-customer form describes (`form`: the values as
    typed, the matches already warned about, whether this was "Create anyway", and which
    round of the form it was), or show the form again under the matches found."""
    values = {str(k): str(v) for k, v in (form.get("fields") or {}).items()}
    checked = check_form(values, complete=True)
    if isinstance(checked, dict):  # checked before it was stored; only a stale row fails
        return Outcome(status="invalid", errors=checked)
    warned = [int(i) for i in form.get("warned") or ()]
    confirming = bool(form.get("confirming"))
    done = create_customer(ctx, workspace_id, user, checked, now,
                           accepted=warned if confirming else (), response_url=response_url,
                           view_id=view_id)
    if done.status == "created" or not view_id:
        return Outcome(status=done.status)
    shown = [m.id for m in done.matches]
    with ctx.uow() as uow:
        queue_view_update(
            ctx, uow, workspace_id=workspace_id, recipient=user, now=now, received=now,
            payload={"view_id": view_id, "render": "customer_confirm", "values": values,
                     "matches": to_payload(done.matches), "name_taken": done.name_taken,
                     # the same name again, after the warning said it is taken
                     "refused": confirming and done.name_taken and set(shown) <= set(warned),
                     "warned": shown, "response_url": response_url,
                     "round": int(form.get("round") or 0) + 1, "lang": done.language})
        uow.commit()
    return Outcome(status=done.status)
