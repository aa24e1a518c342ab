"""Customers' places in the shared pool: owners' terms, the sweep's due rows, returns and the
race-safe claim. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_, update
from sqlalchemy.orm import Session

from bot.domain.pool import Term, next_check, return_key, warn_key
from bot.domain.pool_figures import CLAIM, REASSIGN, RETURN, SHARE, UNSHARE, WARN
from store.models import Customer
from store.pool_models import OwnershipEvent, PoolState
from store.repositories.customer_people import CustomerPeople, OwnershipEvents
from store.repositories.customers import Customers, ListQuery
from store.repositories.pool_places import pool_states


@dataclass(frozen=True)
class ClaimResult:
    """Whether this claim won; the owner now (the winner, or whoever had it already)."""

    won: bool
    owner: str | None


class Pool:
    def __init__(self, session: Session) -> None:
        self.s = session
        self.people = CustomerPeople(session)
        self.events = OwnershipEvents(session)

    def state(self, customer_id: int) -> PoolState | None:
        return pool_states(self.s, [customer_id]).get(customer_id)

    def states(self, customer_ids: Sequence[int]) -> dict[int, PoolState]:
        """The pool states of these customers that have one, by customer id."""
        return pool_states(self.s, customer_ids)

    def refresh_term(self, customer: Customer, term: Term | None, team: str | None,
                     now: datetime) -> PoolState | None:
        """Store the owner's new term after a win or a contact (None: it cannot run out).
        Locks the row first: a prospect the sweep has just returned stays in the pool (None
        is returned), since a contact by its former owner is no claim."""
        state = self._locked(customer.id)
        if state is not None and state.in_pool_since is not None:
            return None
        return self._set_term(customer, state, term, team, now)

    def _locked(self, customer_id: int) -> PoolState | None:
        return self.s.scalar(select(PoolState).where(PoolState.customer_id == customer_id)
                             .with_for_update().execution_options(populate_existing=True))

    def _set_term(self, customer: Customer, state: PoolState | None, term: Term | None,
                  team: str | None, now: datetime) -> PoolState:
        """An owned customer's term. A changed end makes a new warning due; an unchanged one
        keeps the warning already sent."""
        if state is None:
            state = PoolState(customer_id=customer.id, workspace_id=customer.workspace_id)
            self.s.add(state)
        same_end = term is not None and state.protected_until == term.until
        state.team, state.in_pool_since, state.updated_at = team, None, now
        state.owner_since = term.since if term else None
        state.protected_until = term.until if term else None
        state.ends_by = term.reason if term else None
        state.warn_at = term.warn_at if term else None
        state.warned_at = state.warned_at if same_end else None
        state.check_at = (next_check(term.until, term.warn_at, state.warned_at) if term
                          else None)
        self.s.flush()
        return state

    def assign(self, customer: Customer, user: str, actor: str, term: Term | None,
               team: str | None, now: datetime, reason: str, note: str | None = None,
               keep_previous: bool = False, move_tasks: bool = True) -> str | None:
        """Give the customer to `user` (a lead's reassignment, a handover, the service team
        after the sale), from its owner or from the pool: the list, the owner's open tasks
        (unless `move_tasks` is False: a seller keeps what they promised), the term and the
        history all change together. Returns the previous owner (None: it was pooled)."""
        state = self._locked(customer.id)
        pooled = state is not None and state.in_pool_since is not None
        previous = None if pooled else customer.owner_id
        self.people.set_owner(customer, user, "assigned", actor, now,
                              keep_previous=keep_previous)
        if move_tasks and previous is not None and previous != user:
            self.people.move_open_tasks(customer.id, previous, user, now)
        self.events.record(OwnershipEvent(
            workspace_id=customer.workspace_id, customer_id=customer.id, kind=REASSIGN,
            to_user=user, from_user=state.returned_from if pooled and state else previous,
            actor=actor, at=now, reason=reason, note=note))
        self._set_term(customer, state, term, team, now)
        return previous

    def due(self, now: datetime, limit: int = 200) -> Sequence[PoolState]:
        """Terms whose warning or end has come, soonest first (the sweep; FOR UPDATE SKIP LOCKED
        on PostgreSQL, so two copies of the bot take different rows)."""
        return self.s.scalars(select(PoolState).where(
            PoolState.check_at.is_not(None), PoolState.check_at <= now)
            .order_by(PoolState.check_at, PoolState.customer_id).limit(limit)
            .with_for_update(skip_locked=True)).all()

    def warn(self, state: PoolState, owner: str, now: datetime) -> bool:
        """Record the owner's warning of this term's end; False when it was recorded already
        (then send nothing: that owner was told of that very end). The sweep's next look is
        the return either way."""
        assert state.protected_until is not None
        recorded = self.events.record_once(OwnershipEvent(
            workspace_id=state.workspace_id, customer_id=state.customer_id, kind=WARN,
            to_user=owner, actor="bot", at=now, reason=state.ends_by,
            key=warn_key(state.customer_id, state.protected_until)))
        state.warned_at, state.updated_at = now, now
        state.check_at = next_check(state.protected_until, state.warn_at, now)
        self.s.flush()
        return recorded

    def return_to_pool(self, state: PoolState, customer: Customer, now: datetime,
                       unworked: bool) -> bool:
        """Return the prospect to its team's pool with the term's reason, taking its owner off
        the list; False when this term's return was recorded already."""
        assert state.owner_since is not None
        owner = customer.owner_id
        if not self.events.record_once(OwnershipEvent(
                workspace_id=state.workspace_id, customer_id=state.customer_id, kind=RETURN,
                from_user=owner, actor="bot", at=now, reason=state.ends_by,
                key=return_key(state.customer_id, state.owner_since), unworked=unworked)):
            return False
        self.people.drop_owner(customer.id)
        state.in_pool_since, state.returned_at, state.returned_from = now, now, owner
        state.returned_reason, state.check_at, state.updated_at = state.ends_by, None, now
        state.warn_at = state.warned_at = state.protected_until = state.owner_since = None
        self.s.flush()
        return True

    def claim(self, workspace_id: str, customer_id: int, user: str, term: Term | None,
              now: datetime) -> ClaimResult:
        """Take a pooled prospect. One UPDATE both checks and takes it: of two claims at once,
        PostgreSQL makes the second wait for the first's row lock and then finds it no longer
        pooled; SQLite lets one writer in at a time. The loser is told who owns it."""
        taken = self.s.execute(
            update(PoolState).where(
                PoolState.customer_id == customer_id, PoolState.workspace_id == workspace_id,
                PoolState.in_pool_since.is_not(None))
            .values(in_pool_since=None, updated_at=now)
            .execution_options(synchronize_session=False))
        if int(getattr(taken, "rowcount", 0) or 0) != 1:
            # A fresh read: the session may hold the customer as it was before the winner.
            owner = self.s.scalar(select(Customer.owner_id).where(
                Customer.id == customer_id, Customer.workspace_id == workspace_id)
                .execution_options(populate_existing=True))
            return ClaimResult(False, owner)
        customer = self.s.get(Customer, customer_id, populate_existing=True)
        assert customer is not None
        state = self.s.get(PoolState, customer_id, populate_existing=True)
        previous = state.returned_from if state else None
        self.people.set_owner(customer, user, "claimed", user, now, keep_previous=False)
        self.events.record(OwnershipEvent(
            workspace_id=workspace_id, customer_id=customer_id, kind=CLAIM, to_user=user,
            from_user=previous, actor=user, at=now, reason="pool"))
        self._set_term(customer, state, term, state.team if state else None, now)
        return ClaimResult(True, user)

    def share(self, customer: Customer, user: str, actor: str, now: datetime,
              reason: str = "shared") -> bool:
        """Put `user` on the customer's list and in its history; False when already on it."""
        if not self.people.share(customer, user, reason, actor, now):
            return False
        self.events.record(OwnershipEvent(
            workspace_id=customer.workspace_id, customer_id=customer.id, kind=SHARE,
            to_user=user, actor=actor, at=now, reason=reason))
        return True

    def unshare(self, customer: Customer, user: str, actor: str, now: datetime) -> bool:
        """Take `user` (not the owner) off the list, in the history too; False if not on it."""
        if not self.people.unshare(customer.id, user):
            return False
        self.events.record(OwnershipEvent(
            workspace_id=customer.workspace_id, customer_id=customer.id, kind=UNSHARE,
            from_user=user, actor=actor, at=now))
        return True

    def pooled_matching(self, q: ListQuery, team: str | None, limit: int
                        ) -> Sequence[tuple[PoolState, Customer]]:
        """A team's pooled prospects that match the /customers filters in `q`, oldest first:
        the partial index on pooled rows gives them in order, each checked against the
        filters, so the first page costs about the same with 100 or 100,000 pooled."""
        rows = self.s.execute(
            select(PoolState, Customer).join(Customer, Customer.id == PoolState.customer_id)
            .where(PoolState.workspace_id == q.workspace_id, PoolState.team == team,
                   PoolState.in_pool_since.is_not(None), *Customers(self.s).matching(q))
            .order_by(PoolState.in_pool_since, PoolState.customer_id).limit(limit))
        return [(state, customer) for state, customer in rows]

    def warned(self, team: str | None, limit: int = 50
               ) -> Sequence[tuple[PoolState, Customer]]:
        """A team's prospects whose owner was warned and that have not returned yet, soonest
        end first (the lead's morning digest, the owners' morning messages; the partial index
        holds only these). Team None: those of owners in no team."""
        rows = self.s.execute(
            select(PoolState, Customer).join(Customer, Customer.id == PoolState.customer_id)
            .where(PoolState.team == team if team is not None else PoolState.team.is_(None),
                   PoolState.warned_at.is_not(None),
                   PoolState.in_pool_since.is_(None))
            .order_by(PoolState.protected_until, PoolState.customer_id).limit(limit))
        return [(state, customer) for state, customer in rows]

    def pooled(self, workspace_id: str, team: str | None, limit: int = 20,
               after: tuple[datetime, int] | None = None) -> Sequence[PoolState]:
        """A team's pooled prospects, oldest first (`after`: in_pool_since and customer id of
        the last one of the page before), read through the partial index on pooled rows."""
        where = [PoolState.workspace_id == workspace_id, PoolState.team == team,
                 PoolState.in_pool_since.is_not(None)]
        if after is not None:
            where.append(tuple_(PoolState.in_pool_since, PoolState.customer_id) > after)
        return self.s.scalars(select(PoolState).where(*where)
                              .order_by(PoolState.in_pool_since, PoolState.customer_id)
                              .limit(limit)).all()
