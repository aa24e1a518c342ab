"""What the cadence rules know about a batch of customers, read in a few queries: the last
contact and stage move, and the events the periodic rows count from (docs/pipeline.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.domain import cadence as rules
from bot.domain.classification import LOST
from bot.domain.seniority import names_senior_person
from bot.domain.workdays import WorkCalendar
from bot.services.context import ServiceContext
from store.models import Customer, FollowUp
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Seen:
    """A customer as the rules see it, with the zone and calendar its days are counted in."""

    facts: rules.Facts
    zone: ZoneInfo
    calendar: WorkCalendar
    last_text: str | None


def see(ctx: ServiceContext, uow: UnitOfWork, customers: Sequence[Customer], *,
        last: Mapping[int, FollowUp] | None = None) -> dict[int, Seen]:
    """The rules' view of these customers, the periodic rows' events included; `last`, each
    one's newest recorded log when the caller has already read it."""
    ids = [c.id for c in customers]
    if last is None:
        last = uow.follow_ups.newest_for_customers(ids)
    since = uow.classifications.stage_since(ids)
    no_need = uow.customers.tagged_with(ids, rules.no_need_keys(ctx.directory.cadence))
    out: dict[int, Seen] = {}
    for c in customers:
        team = ctx.directory.team_of(c.owner_id)
        contact = last.get(c.id)
        out[c.id] = Seen(
            facts=rules.Facts(customer_id=c.id, tier=c.value_tier, stage=c.stage,
                              stage_since=since.get(c.id),
                              last_contact=contact.contact_at if contact else None,
                              created_at=c.created_at, no_need=c.id in no_need),
            zone=ZoneInfo(team.timezone) if team else ctx.zone(None),
            calendar=team.calendar if team else WorkCalendar(),
            last_text=contact.raw_text if contact else None)
    _add_periodic_events(ctx, uow, customers, out)
    return out


def _add_periodic_events(ctx: ServiceContext, uow: UnitOfWork,
                         customers: Sequence[Customer], seen: dict[int, Seen]) -> None:
    table = ctx.directory.cadence

    def wanting(kind: str) -> list[Customer]:  # only customers the row applies to are read
        return [c for c in customers
                if c.stage != LOST and table.periodic(kind, c.value_tier) is not None]

    reviews = uow.tasks.newest_done_keyed([c.id for c in wanting(rules.REVIEW)],
                                          f"{rules.REVIEW}:")
    surveys = uow.tasks.newest_done_keyed([c.id for c in wanting(rules.SURVEY)],
                                          f"{rules.SURVEY}:")
    refresh = wanting(rules.REFRESH)
    updated = uow.changes.newest_of_fields(sorted({c.workspace_id for c in refresh}),
                                           [c.id for c in refresh], rules.FILE_FIELDS)
    senior = wanting(rules.SENIOR)
    keys = uow.tasks.newest_keys([c.id for c in senior], f"{rules.SENIOR}:")
    seniors = {c.id: _last_senior(uow, c, keys.get(c.id), seen[c.id].zone) for c in senior}
    for c in customers:
        s = seen[c.id]
        seen[c.id] = replace(s, facts=replace(
            s.facts, last_review=reviews.get(c.id), file_updated=updated.get(c.id),
            last_senior=seniors.get(c.id), last_survey=surveys.get(c.id)))


def _last_senior(uow: UnitOfWork, customer: Customer, last_key: str | None,
                 zone: ZoneInfo) -> datetime | None:
    """The customer's newest log with a senior person. Logs are read only from the day of its
    last senior-contact task on: that day lies on the grid of the contact before it (the
    task was made from it), so counting from it asks for the same days, and a look reads
    about one period of logs rather than the customer's whole history."""
    floor = (datetime.combine(rules.key_day(last_key), time(0), tzinfo=zone)
             if last_key else None)
    since = max(floor, customer.created_at) if floor else customer.created_at
    for at, text in uow.follow_ups.texts_since(customer.id, since):
        if names_senior_person(text):
            return at
    return floor
