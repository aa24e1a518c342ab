"""A new customer from the form: never a silent duplicate, and never two from one submit."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.customer_file import DuplicateIndex, tag_key
from bot.domain.customer_form import CustomerFields
from bot.domain.customers import name_key
from bot.services.care.dates import apply_file_care_dates
from bot.services.context import ServiceContext
from bot.services.customers.file import customer_card
from bot.services.delivery.outbox import RESPOND, queue, queue_view_update
from bot.services.forms import Form
from bot.services.language import answer_language
from bot.services.pool.standing import standings
from bot.services.pool.terms import enrol
from bot.services.tasks.cadence import refresh_cadence
from bot.services.views import Outcome, Ownership, ownership_from_payload, to_payload
from store.models import Customer
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Match:
    """An existing customer the new one looks like, and what they share."""

    id: int
    name: str
    owner_id: str
    what: str  # name | phone | email
    standing: Ownership  # whose it is: owner and protection, or the pool it is in


def match_from_payload(data: dict[str, Any]) -> Match:
    """Rebuild a match from its payload (to_payload)."""
    return Match(int(data["id"]), str(data["name"]), str(data["owner_id"]), str(data["what"]),
                 ownership_from_payload(data["standing"]))


@dataclass(frozen=True)
class Creation:
    """What became of a new customer: created, or the existing ones it duplicates."""

    status: str  # created | duplicate
    customer_id: int | None = None
    matches: tuple[Match, ...] = ()
    language: str = "en"  # of the warning

    @property
    def name_taken(self) -> bool:
        """A customer of this very name exists: that cannot be overridden (names are unique
        per workspace), only a different name helps."""
        return any(m.what == "name" for m in self.matches)


def open_customer_form(ctx: ServiceContext, workspace_id: str, user: str, typed: str,
                       name: str, trigger_id: str, response_url: str | None,
                       now: datetime) -> Outcome | Form:
    """The New-customer form, the name filled in when one was typed; but when all that was
    typed names a customer ("/customer New Balance"), that customer's card instead."""
    with ctx.uow() as uow:
        existing = uow.customers.by_key(workspace_id, name_key(typed)) if name else None
        if existing is not None:
            return customer_card(ctx, uow, user, existing, now)
        lang = answer_language(ctx, user, typed, uow=uow)
    return Form({"trigger_id": trigger_id, "modal": "customer_new", "lang": lang,
                 "response_url": response_url, "prefill": {"name": name[:200]},
                 "named": list(ctx.directory.care.named)})


def create_customer(ctx: ServiceContext, workspace_id: str, user: str, fields: CustomerFields,
                    now: datetime, *, accepted: Collection[int] = (),
                    response_url: str | None = None, view_id: str | None = None) -> Creation:
    """Create the customer, owned by its creator, unless it matches an existing one by name,
    phone or e-mail (the import's rule). Phone and e-mail matches the user was shown and
    accepted ("create anyway") do not stop it; a name match always does. Its card is posted
    at `response_url` and shown in the form `view_id` (both queued with the customer)."""
    with ctx.uow() as uow:
        matches = _matches(ctx, uow, workspace_id, fields)
        if any(m.what == "name" or m.id not in accepted for m in matches):
            return Creation(status="duplicate", matches=matches,
                            language=answer_language(ctx, user, fields.name, uow=uow))
        uow.act_as(user, now)
        customer = uow.customers.add_if_name_free(Customer(
            workspace_id=workspace_id, name=fields.name, name_key=name_key(fields.name),
            owner_id=user, created_by=user, created_at=now, phone=fields.phone,
            email=fields.email, kind=fields.kind, industry=fields.industry, size=fields.size,
            occupation=fields.occupation, contact_person=fields.contact_person,
            contact_title=fields.contact_title, needs=fields.needs,
            source_channel=fields.source_channel, first_contact=fields.first_contact))
        if customer is None:  # a second submit of the same form won the race by a hair
            return Creation(status="duplicate", matches=_matches(ctx, uow, workspace_id, fields),
                            language=answer_language(ctx, user, fields.name, uow=uow))
        uow.customers.add_tags(customer, [(t, tag_key(t)) for t in fields.tags])
        apply_file_care_dates(ctx, uow, customer, fields.care_dates, source="form",
                              actor=user, now=now)
        enrol(ctx, uow, customer, user, now)
        refresh_cadence(ctx, uow, customer, now)  # its first contact falls due from today
        card = customer_card(ctx, uow, user, customer, now, note="created",
                             note_values={"name": fields.name}) \
            if response_url or view_id else None
        if card is not None and response_url:
            queue(ctx, uow, workspace_id=workspace_id, kind=RESPOND, recipient=user, now=now,
                  payload={"response_url": response_url, "render": "customer",
                           "replace": False, "outcome": to_payload(card)})
        if card is not None and view_id:
            # `now` is when the form's submit was received (bot/services/submits.py).
            queue_view_update(ctx, uow, workspace_id=workspace_id, recipient=user, now=now,
                              received=now, payload={"view_id": view_id,
                                                     "render": "customer_created",
                                                     "outcome": to_payload(card)})
        uow.commit()
        return Creation(status="created", customer_id=customer.id)


def _matches(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str,
             fields: CustomerFields) -> tuple[Match, ...]:
    index = DuplicateIndex(uow.customers.identities(workspace_id))
    found: dict[int, tuple[Customer, str]] = {}
    for what, name in index.matches(fields.name, fields.phone, fields.email):
        existing = uow.customers.by_key(workspace_id, name_key(name))
        if existing is not None and existing.id not in found:
            found[existing.id] = (existing, what)
    standing = standings(ctx, uow, [c for c, _ in found.values()])
    return tuple(Match(c.id, c.name, c.owner_id, what, standing[c.id])
                 for c, what in found.values())
