"""Reassignment: a lead (or an admin) gives one customer to someone else, or hands all of a
leaving rep's customers over to one person or round-robin across the team. Open tasks move
with each customer, the history records it, and each new owner is sent the brief."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from bot.domain.access import may_reassign
from bot.domain.customers import name_key
from bot.domain.pool import NOT_PROSPECT_STAGES
from bot.domain.pool_claims import handover_receivers, split_round_robin
from bot.services.context import ServiceContext
from bot.services.interactions import Reply
from bot.services.language import answer_language
from bot.services.pool.briefs import tell_new_owner
from bot.services.pool.terms import owner_term
from bot.services.pool.views import PoolAnswer, answer_click
from bot.services.tasks import lifecycle as task_service
from bot.services.unit import one_unit_of_work
from store.models import Customer
from store.uow import UnitOfWork

LEAD, HANDOVER, MORE_TIME = "lead", "handover", "more_time"
# Customers moved per unit of work in a handover. Each move rewrites the customer's owner,
# term, history, open tasks and their reminders; committing every few customers keeps each
# transaction short, so on SQLite (one writer) a request's one-INSERT acknowledgement waits
# for one batch, not for a whole book (measured: bench/command_acks.py, /handover then
# /revisit NAME service).
HANDOVER_BATCH = 10


def assign_named(ctx: ServiceContext, workspace_id: str, actor: str, name: str, to_user: str,
                 now: datetime) -> PoolAnswer:
    """`/customer Acme assign @kim`: the lead of its owner (or of the pool's team when it is
    pooled) or an admin gives the customer to `to_user`."""
    lang = answer_language(ctx, actor, name)
    with ctx.uow() as uow:
        customer = uow.customers.by_key(workspace_id, name_key(name))
        if customer is None:
            return PoolAnswer("no_such_customer", lang, name.strip()[:80])
        answer = _assign(ctx, uow, customer, actor, to_user, LEAD, lang, now)
        uow.commit()
        return answer


@one_unit_of_work
def give_more_time(ctx: ServiceContext, workspace_id: str, actor: str, customer_id: int,
                   reply: Reply, now: datetime) -> PoolAnswer:
    """The lead's **Give more time** under an owner's request: a new term for the same owner
    (the lead's permission re-checked here)."""
    lang = answer_language(ctx, actor)
    with ctx.uow() as uow:
        customer = uow.customers.get(workspace_id, customer_id)
        if customer is None:
            answer = PoolAnswer("not_found", lang)
        else:
            state = uow.pool.state(customer_id)
            pooled = state is not None and state.in_pool_since is not None
            answer = (PoolAnswer("not_pooled", lang, customer.name) if pooled else
                      _assign(ctx, uow, customer, actor, customer.owner_id, MORE_TIME, lang,
                              now))
        answer_click(ctx, uow, workspace_id, actor, reply, answer, now)
        uow.commit()
        return answer


@one_unit_of_work
def assign_by_button(ctx: ServiceContext, workspace_id: str, actor: str, customer_id: int,
                     to_user: str, reply: Reply, now: datetime) -> PoolAnswer:
    """The card's Reassign to… menu: the same as `/customer Acme assign @kim`, the actor's
    permission checked again here (the menu is shown only to those allowed, but a click is
    user input)."""
    lang = answer_language(ctx, actor)
    with ctx.uow() as uow:
        customer = uow.customers.get(workspace_id, customer_id)
        answer = (PoolAnswer("not_found", lang) if customer is None else
                  _assign(ctx, uow, customer, actor, to_user, LEAD, lang, now))
        answer_click(ctx, uow, workspace_id, actor, reply, answer, now)
        uow.commit()
        return answer


def handover(ctx: ServiceContext, workspace_id: str, actor: str, leaving: str,
             to_user: str | None, now: datetime) -> PoolAnswer:
    """`/handover @sam to @kim` gives all of Sam's customers to Kim; `/handover @sam` shares
    them round-robin across Sam's team (up to `max_customers` each; the rest stay with Sam
    and are named in the answer). Moved a batch per transaction; run again with the same
    `now` (after a crash) it moves the rest and answers for the whole handover."""
    lang = answer_language(ctx, actor)
    directory = ctx.directory
    if actor not in directory.admins and not directory.leads(actor, leaving):
        return PoolAnswer("forbidden", lang, who=leaving)
    team = directory.team_of(leaving)
    if to_user is not None:
        receivers: tuple[str, ...] = (to_user,)
    else:
        receivers = handover_receivers(team, leaving) if team else ()
    if not receivers or any(directory.team_of(r) is None for r in receivers) or \
            leaving in receivers:
        return PoolAnswer("unknown_person", lang, who=to_user or leaving)
    with ctx.uow() as uow:  # the plan, read in one short look
        ids = uow.customer_people.owned_ids(workspace_id, leaving)
        held = {r: uow.customer_people.held(workspace_id, r, NOT_PROSPECT_STAGES)
                for r in receivers}
    split = split_round_robin(ids, receivers, held,
                              directory.pool.max_customers if to_user is None else None)
    plan = sorted(split.assigned.items())
    for start in range(0, len(plan), HANDOVER_BATCH):
        _move_batch(ctx, leaving, actor, dict(plan[start:start + HANDOVER_BATCH]), now)
    with ctx.uow() as uow:
        moved, people = _tell_new_owners(ctx, uow, workspace_id, actor, leaving, now)
        uow.commit()
    return PoolAnswer("handed_over", lang, who=leaving, count=moved, people=people,
                      limit=len(split.unplaced))


def handover_given_up(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, actor: str,
                      leaving: str, now: datetime) -> PoolAnswer | None:
    """The answer to a handover (received at `now`) that kept failing after some of its
    batches were moved: what was moved and to whom (their owners get the briefs), the rest
    still the leaving rep's until it is run again. None when nothing was moved."""
    moved, people = _tell_new_owners(ctx, uow, workspace_id, actor, leaving, now)
    if not moved:
        return None
    return PoolAnswer("handed_over_partly", answer_language(ctx, actor, uow=uow), who=leaving,
                      count=moved, people=people)


def _tell_new_owners(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, actor: str,
                     leaving: str, now: datetime) -> tuple[int, tuple[str, ...]]:
    """Brief each new owner on what this handover gave them; how many it moved, to whom.
    Read from the history: the batches of a run killed half-way count (the request is done
    again with the same `now`), and a customer is briefed once whatever the runs."""
    moved = uow.ownership.moved(workspace_id, HANDOVER, leaving, actor, now)
    given: dict[str, list[Customer]] = defaultdict(list)
    to_of = dict(moved)
    for customer in uow.customers.by_ids(list(to_of)):
        given[to_of[customer.id]].append(customer)
    for to, customers in sorted(given.items()):
        customers.sort(key=lambda c: c.id)  # the brief's key names its first customer
        tell_new_owner(ctx, uow, customers, to, leaving, actor, HANDOVER, now)
    return len(moved), tuple(sorted(given))


def _move_batch(ctx: ServiceContext, leaving: str, actor: str, plan: dict[int, str],
                now: datetime) -> None:
    """Move one batch of a handover in its own unit of work, skipping a customer that is no
    longer the leaving rep's (moved by an earlier run of the same handover)."""
    with ctx.uow() as uow:
        uow.act_as(actor, now)
        for customer in uow.customers.by_ids(list(plan)):
            if customer.owner_id == leaving:
                _move(ctx, uow, customer, actor, plan[customer.id], HANDOVER, now)
        uow.commit()


def _assign(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, actor: str, to_user: str,
            reason: str, lang: str, now: datetime) -> PoolAnswer:
    directory = ctx.directory
    people = uow.customers.people_on(customer)
    if not may_reassign(directory, actor, people):
        return PoolAnswer("forbidden", lang, customer.name)
    if directory.team_of(to_user) is None:
        return PoolAnswer("unknown_person", lang, customer.name, who=to_user)
    uow.act_as(actor, now)
    previous = people.owner
    term = _move(ctx, uow, customer, actor, to_user, reason, now)
    tell_new_owner(ctx, uow, [customer], to_user, previous, actor, reason, now)
    team = directory.team_of(to_user)
    return PoolAnswer("more_time_given" if reason == MORE_TIME else "assigned", lang,
                      customer.name, customer.id, who=to_user,
                      people=(previous,) if previous else (),
                      at=term, tz=team.timezone if team else "UTC")


def _move(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, actor: str, to_user: str,
          reason: str, now: datetime) -> datetime | None:
    """Give the customer to `to_user` with a term starting now; when it ends."""
    team = ctx.directory.team_of(to_user)
    term = owner_term(ctx, to_user, now, None, None, customer.stage)
    moving = [t for t in uow.tasks.open_for_customer(customer.workspace_id, customer.id)
              if t.owner_id == customer.owner_id and t.status in ("open", "snoozed")]
    uow.pool.assign(customer, to_user, actor, term, team.name if team else None, now, reason)
    for task in moving:  # its reminders (a snoozed one's snooze end) now go to the new owner
        task_service.follow_owner(ctx, uow, task, now)
    return term.until if term else None
