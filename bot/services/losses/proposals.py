"""Quiet customers proposed as lost (domain sections 2 and 13): each team's morning (its
digest time, on its working days), every member is sent the customers they own that have had
no won deal and no contact for `losses.inactive_after`, each with "Mark lost" and "Still
active". A quiet spell is proposed once (its key, unique in loss_proposals); "Still active"
starts a new spell. The buttons are stored first and answered by the worker."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.classification import LOST, STAGE, WON
from bot.domain.losses import propose_lost
from bot.domain.periods import daily_period_due
from bot.domain.workdays import WorkCalendar
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.interactions import Reply
from bot.services.language import answer_language
from bot.services.losses.moves import asked_why
from bot.services.losses.views import LossAnswer, answer_click
from bot.services.pipeline.classification import may_change, record_move
from bot.services.pool.terms import refresh_term
from bot.services.ports import Composed
from bot.services.tasks.cadence import refresh_cadence
from bot.services.unit import one_unit_of_work
from store.aftersale_models import LossProposal
from store.models import Customer, Notification
from store.uow import UnitOfWork

LOSS_PROPOSALS = "loss_proposals"  # an owner's morning list of quiet customers
MAX_PROPOSED = 10  # a morning asks about this many; the rest come on the next mornings
MARK_LOST, STILL_ACTIVE = "lost", "active"
NO_TEAM = "~no team"  # the morning of the reps in no team (no team can be named so: "~")


def propose_quiet_customers(ctx: ServiceContext, now: datetime) -> int:
    """Queue, for each team whose morning has come, one list per member (and its lead) with
    quiet customers not yet proposed in their current spell; reps in no team get theirs on
    the default zone's morning, Monday to Friday (as their revisits and cadence are counted).
    How many lists were queued."""
    if ctx.directory.losses.inactive_days is None:
        return 0
    teams = ctx.directory.teams
    queued = 0
    for team in teams:
        queued += _morning(ctx, team.name, ZoneInfo(team.timezone), team.calendar,
                           _these(sorted({*team.members, team.lead})), now)
    in_teams = sorted({u for t in teams for u in (*t.members, t.lead)})
    return queued + _morning(ctx, NO_TEAM, ctx.zone(None), WorkCalendar(),
                             lambda uow: uow.losses.owners_besides(in_teams), now)


def _these(people: Sequence[str]) -> Callable[[UnitOfWork], Sequence[str]]:
    return lambda _: people


def _morning(ctx: ServiceContext, name: str, zone: ZoneInfo, calendar: WorkCalendar,
             people: Callable[[UnitOfWork], Sequence[str]], now: datetime) -> int:
    """One morning's lists for `people`, claimed once per day under `name`."""
    day = daily_period_due(now, zone, ctx.directory.reminders.digest_time, calendar)
    if day is None:
        return 0
    queued = 0
    with ctx.uow() as uow:
        # Claimed with the lists in one transaction: a restart catches up, a second copy of
        # the bot does not repeat them.
        if not uow.periodic.claim(f"{LOSS_PROPOSALS}:{name}", day.isoformat(), now):
            return 0
        for owner in people(uow):
            queued += _propose_to(ctx, uow, owner, zone, day, now)
        uow.commit()
    return queued


def _propose_to(ctx: ServiceContext, uow: UnitOfWork, owner: str, zone: ZoneInfo, day: date,
                now: datetime) -> int:
    policy = ctx.directory.losses
    assert policy.inactive_days is not None
    # Anything at or after the first day not yet quiet long enough keeps a customer active.
    cutoff = datetime.combine(day - timedelta(days=policy.inactive_days - 1), time(0),
                              tzinfo=zone)
    found = uow.losses.quiet_candidates([owner], LOST, WON, cutoff, MAX_PROPOSED * 3)
    ids = [c.id for c in found]
    won = uow.classifications.last_moved_to(ids, STAGE, WON)
    contacts = uow.follow_ups.newest_for_customers(ids)
    kept = uow.losses.kept_active(ids)
    lists: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for customer in found:
        contact = contacts.get(customer.id)
        proposal = propose_lost(customer.id, customer.stage, customer.created_at,
                                won.get(customer.id), contact.contact_at if contact else None,
                                kept.get(customer.id), now, zone, policy)
        if proposal is None or len(lists[customer.workspace_id]) >= MAX_PROPOSED:
            continue
        row = LossProposal(workspace_id=customer.workspace_id, customer_id=customer.id,
                           key=proposal.key, owner_id=owner, proposed_at=now)
        if uow.losses.propose(row):
            lists[customer.workspace_id].append(
                {"id": row.id, "customer": customer.name,
                 "since": proposal.quiet_since.isoformat()})
    for workspace_id, proposals in lists.items():
        queue(ctx, uow, workspace_id=workspace_id, kind=LOSS_PROPOSALS, recipient=owner,
              now=now, dedupe_key=f"{LOSS_PROPOSALS}:{owner}:{day.isoformat()}",
              payload={"proposals": proposals, "tz": zone.key,
                       "lang": answer_language(ctx, owner, *(p["customer"] for p in proposals),
                                               uow=uow)})
    return len(lists)


def proposals_still_open(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                         payload: dict[str, Any], now: datetime) -> Composed | None:
    """The list as it stands when sent: a proposal answered, or a customer lost, since it was
    queued is left out; nothing is sent when none is left."""
    still = []
    for item in payload.get("proposals") or ():
        row = uow.losses.proposal(note.workspace_id, int(item["id"]))
        customer = uow.customers.get(note.workspace_id, row.customer_id) if row else None
        if row is not None and row.answer is None and customer is not None \
                and customer.stage != LOST:
            still.append(item)
    return Composed({**payload, "proposals": still}) if still else None


@one_unit_of_work
def answer_proposal(ctx: ServiceContext, workspace_id: str, user: str, proposal_id: int,
                    verb: str, reply: Reply, now: datetime) -> LossAnswer:
    """"Mark lost" moves the customer to lost (which asks why); "Still active" starts a new
    quiet spell. A proposal is answered once: a second click is told the first answer."""
    with ctx.uow() as uow:
        answer = _decide(ctx, uow, workspace_id, user, proposal_id, verb, now)
        answer_click(ctx, uow, workspace_id, user, reply, answer, now)
        uow.commit()
        return answer


def _decide(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
            proposal_id: int, verb: str, now: datetime) -> LossAnswer:
    lang = answer_language(ctx, user, uow=uow)
    row = uow.losses.proposal(workspace_id, proposal_id, lock=True)
    customer = uow.customers.get(workspace_id, row.customer_id) if row else None
    if row is None or customer is None:
        return LossAnswer("proposal_not_found", lang)
    lang = answer_language(ctx, user, customer.name, uow=uow)
    if not may_change(ctx, uow, user, customer):
        return LossAnswer("forbidden", lang, customer.name)
    if row.answer is not None:
        return LossAnswer(f"proposal_was_{row.answer}", lang, customer.name,
                          answered_by=row.answered_by)
    if verb not in (MARK_LOST, STILL_ACTIVE):
        return LossAnswer("invalid", lang, customer.name)
    uow.act_as(user, now)
    row.answer, row.answered_by, row.answered_at = verb, user, now
    if verb == MARK_LOST:
        asked = _mark_lost(ctx, uow, customer, user, now)
        if asked is not None and asked != user:
            return LossAnswer("marked_lost_owner", lang, customer.name, answered_by=asked)
        return LossAnswer("marked_lost", lang, customer.name)
    return LossAnswer("kept_active", lang, customer.name)


def _mark_lost(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, user: str,
               now: datetime) -> str | None:
    """Move it to lost; who was asked why (None when it was lost already)."""
    if record_move(ctx, uow, customer, STAGE, LOST, user, now, "button") is None:
        return None
    refresh_cadence(ctx, uow, customer, now)  # lost: one win-back contact, nothing else
    refresh_term(ctx, uow, customer, now)
    return asked_why(uow, customer, user)
