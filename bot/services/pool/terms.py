"""Owners' protected terms, kept true wherever a customer is made, logged on or moved
(docs/pool.md): its list names the owner, and its pool state the term and when the sweep next
looks. One enrolment walk gives existing customers theirs, and a change of the `pool:`
configuration recomputes every term the same way."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.pool import Term, term
from bot.domain.workdays import WorkCalendar
from bot.services.context import ServiceContext
from bot.services.walks import walk_once
from store.audit import SYSTEM
from store.models import Customer
from store.uow import UnitOfWork

ENROL_JOB = "pool_terms"
WON = "won"


def enrol(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, actor: str,
          now: datetime) -> None:
    """A customer just made: its owner goes on its list and a term starts now (no contact nor
    win yet, so nothing else is read)."""
    uow.customer_people.set_owner(customer, customer.owner_id, "created", actor, now,
                                  keep_previous=False)
    uow.pool.refresh_term(customer, owner_term(ctx, customer.owner_id, now, None, None,
                                               customer.stage), _team(ctx, customer), now)


def refresh_term(ctx: ServiceContext, uow: UnitOfWork, customer: Customer,
                 now: datetime, *, contacts: Mapping[int, datetime | None] | None = None
                 ) -> None:
    """Recompute the owner's term after a log, a stage move or an undo."""
    refresh_terms(ctx, uow, [customer], now, contacts=contacts)


def refresh_terms(ctx: ServiceContext, uow: UnitOfWork, customers: Sequence[Customer],
                  now: datetime, *, contacts: Mapping[int, datetime | None] | None = None
                  ) -> None:
    """The same for many customers, in a few queries. A pooled prospect stays pooled; a
    customer the enrolment has not reached yet is enrolled, its term starting now: an owner
    is never told their customer returns because of time that passed before the pool
    existed."""
    uow.session.flush()
    ids = [c.id for c in customers]
    states = uow.pool.states(ids)
    owners = uow.customer_people.owners(ids)
    wins = uow.classifications.last_moved_to(ids, "stage", WON)
    if contacts is None:  # each one's last contact, unless the caller has just read it
        contacts = {cid: f.contact_at for cid, f in
                    uow.follow_ups.newest_for_customers(ids).items()}
    for customer in customers:
        state = states.get(customer.id)
        if state is not None and state.in_pool_since is not None:
            continue
        owner = owners.get(customer.id)
        if owner is None:
            uow.customer_people.set_owner(customer, customer.owner_id, "created", SYSTEM, now,
                                          keep_previous=False)
        if state is None:
            since = now
        else:  # a won customer's term is gone; a new one counts from its owner's claim
            since = state.owner_since or (owner.since if owner is not None else now)
        uow.pool.refresh_term(customer, owner_term(
            ctx, customer.owner_id, since, wins.get(customer.id), contacts.get(customer.id),
            customer.stage),
            _team(ctx, customer), now)


def owner_term(ctx: ServiceContext, owner: str, since: datetime, last_won: datetime | None,
               last_contact: datetime | None, stage: str | None) -> Term | None:
    """The term of `owner`'s claim in their team's zone, calendar and digest time."""
    team = ctx.directory.team_of(owner)
    zone = ZoneInfo(team.timezone) if team else ctx.zone(None)
    calendar = team.calendar if team else WorkCalendar()
    return term(since, last_won, last_contact, stage, ctx.directory.pool, zone, calendar,
                ctx.directory.reminders.digest_time)


def _team(ctx: ServiceContext, customer: Customer) -> str | None:
    team = ctx.directory.team_of(customer.owner_id)
    return team.name if team else None


def enrol_if_configuration_changed(ctx: ServiceContext, now: datetime, batch: int = 500) -> bool:
    """Give every customer its owner row and term once (customers made before the pool was
    wired have none), and again after a change of the pool's configuration or the teams;
    recorded per configuration in periodic_runs, so a restart does not walk again."""
    return walk_once(ctx, ENROL_JOB, _fingerprint(ctx), _enrol_batch, now, batch)


def _enrol_batch(ctx: ServiceContext, uow: UnitOfWork, customers: Sequence[Customer],
                 now: datetime) -> None:
    uow.act_as(SYSTEM, now)
    refresh_terms(ctx, uow, customers, now)


def _fingerprint(ctx: ServiceContext) -> str:
    d = ctx.directory
    teams = [(t.name, t.lead, t.members, t.timezone, t.country, t.working_days) for t in d.teams]
    seen = repr((d.pool, d.reminders.digest_time, teams, ctx.default_tz))
    return hashlib.sha256(seen.encode()).hexdigest()[:32]
