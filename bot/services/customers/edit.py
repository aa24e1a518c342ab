"""Editing a customer's file from its card: the Edit form, and the stage and likelihood menus."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from bot.domain.classification import AXES, VALUES
from bot.domain.customer_form import TEXT_FIELDS, CustomerFields
from bot.domain.customers import name_key
from bot.domain.problems import problem
from bot.services.care.dates import apply_file_care_dates
from bot.services.context import ServiceContext
from bot.services.customers.access import may_see, may_see_contact
from bot.services.customers.file import customer_card, show_customer_by_id
from bot.services.customers.tags import replace_tags
from bot.services.delivery.outbox import RESPOND, queue
from bot.services.forms import Form
from bot.services.interactions import FAILED, Reply, answer
from bot.services.pipeline.classification import change_classification, record_move
from bot.services.pool.terms import refresh_term
from bot.services.tasks.cadence import refresh_cadence
from bot.services.unit import one_unit_of_work
from bot.services.views import Outcome, to_payload


@one_unit_of_work
def classify_by_button(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
                       axis: str, value: str, reply: Reply, now: datetime) -> Outcome:
    """A Stage or Likelihood menu on the card: the move is recorded (source "button") and the
    card is shown again; a refusal goes to the user alone."""
    moved = change_classification(ctx, workspace_id, user, customer_id, axis, value, now,
                                  "button")
    if moved.status in FAILED or moved.customer is None:
        return answer(ctx, workspace_id, user, reply, moved, "customer", now)
    move = moved.customer.history[0]
    card = show_customer_by_id(ctx, workspace_id, user, customer_id, now)
    card = replace(card, note="moved" if moved.status == "classified" else "already",
                   note_values={"axis": axis, "old": move.old or "", "new": move.new or ""})
    return answer(ctx, workspace_id, user, reply, card, "customer", now)


def open_customer_editor(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
                         reply: Reply, now: datetime) -> Form | None:
    """The Edit form for someone who may see the customer (phone and e-mail in it only for
    those who may see them); None when the answer was queued instead (a refusal)."""
    card = show_customer_by_id(ctx, workspace_id, user, customer_id, now)
    if card.customer is None or reply.trigger_id is None:
        answer(ctx, workspace_id, user, reply, card, "customer", now)
        return None
    return Form({"trigger_id": reply.trigger_id, "modal": "customer_edit",
                 "response_url": reply.response_url, "outcome": to_payload(card),
                 "named": list(ctx.directory.care.named)})


def edit_customer(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
                  fields: CustomerFields, classes: Mapping[str, str], now: datetime,
                  response_url: str | None = None) -> Outcome:
    """Save the Edit form: the file's fields, its tags, and moves on its axes (each recorded
    with source "modal"); problems come back by field. Permissions are checked again here."""
    with ctx.uow() as uow:
        customer = uow.customers.get(workspace_id, customer_id)
        if customer is None:
            return Outcome(status="not_found", errors={"name": problem("customer_gone")})
        if not may_see(ctx, uow, user, customer):
            return Outcome(status="forbidden", errors={"name": problem("customer_refused")})
        if fields.contact_given and not may_see_contact(ctx, uow, user, customer):
            return Outcome(status="forbidden", errors={"name": problem("contact_refused")})
        taken = uow.customers.by_key(workspace_id, name_key(fields.name))
        if taken is not None and taken.id != customer.id:
            return Outcome(status="invalid", errors={
                "name": problem("name_taken", name=taken.name[:80])})
        bad = {a: v for a, v in classes.items() if a not in AXES or v not in VALUES[a]}
        if bad:
            return Outcome(status="invalid", errors=dict.fromkeys(bad, problem("choose_option")))
        uow.act_as(user, now)
        customer.name, customer.name_key = fields.name, name_key(fields.name)
        for field in ("kind", *TEXT_FIELDS, "source_channel", "first_contact"):
            if field == "name" or field not in fields.given or (
                    field in ("phone", "email") and not fields.contact_given):
                continue  # the name is set above; a field the form did not carry is kept
            setattr(customer, field, getattr(fields, field))
        apply_file_care_dates(ctx, uow, customer, fields.care_dates, source="form",
                              actor=user, now=now)
        tagged = replace_tags(uow, customer, fields.tags) if "tags" in fields.given else None
        if tagged is not None and not isinstance(tagged, tuple):
            return Outcome(status="invalid", errors={"tags": tagged})
        if tagged and any(tagged):  # "no need for now" may have come or gone
            refresh_cadence(ctx, uow, customer, now)
        moved = [record_move(ctx, uow, customer, axis, value, user, now, "modal")
                 for axis, value in classes.items()]
        if any(m is not None and m.axis == "stage" for m in moved):
            refresh_term(ctx, uow, customer, now)  # a win ends the term
        card = customer_card(ctx, uow, user, customer, now, note="saved")
        if response_url:
            queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
                  payload={"response_url": response_url, "render": "customer",
                           "replace": True, "outcome": to_payload(card)})
        uow.commit()
        return card
