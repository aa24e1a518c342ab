"""Quiet customers proposed as lost, on SQLite and PostgreSQL, with time passed in: once per
team morning and per quiet spell; "Still active" starts a new spell, proposed again only when
that one has lasted the configured time; a contact or a win ends a spell."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.domain.customers import name_key
from bot.services.context import ServiceContext
from bot.services.interactions import Reply
from bot.services.losses.proposals import LOSS_PROPOSALS, answer_proposal, propose_quiet_customers
from bot.services.pipeline.classification import classify_named
from store.aftersale_models import LossProposal
from store.models import Customer, Notification
from store.pool_models import PoolState
from tests.services.logs.test_logs import REP, WS

MONDAY_9 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, the team's morning
MADE = datetime(2026, 1, 1, tzinfo=UTC)


def _seed(services: ServiceContext, name: str, made: datetime = MADE) -> int:
    with services.uow() as uow:
        customer = uow.customers.add(Customer(workspace_id=WS, name=name,
                                              name_key=name_key(name), owner_id=REP,
                                              created_by=REP, created_at=made))
        uow.commit()
        return customer.id


def _proposed(services: ServiceContext) -> list[list[str]]:
    """The customers of each list queued, oldest list first."""
    with services.uow() as uow:
        notes = uow.session.scalars(select(Notification).where(
            Notification.kind == LOSS_PROPOSALS).order_by(Notification.id)).all()
        return [[p["customer"] for p in n.payload["proposals"]] for n in notes]


def _proposal_id(services: ServiceContext, customer_id: int) -> int:
    with services.uow() as uow:
        return max(uow.session.scalars(select(LossProposal.id).where(
            LossProposal.customer_id == customer_id)))


def test_a_morning_proposes_each_quiet_customer_once(services: ServiceContext) -> None:
    _seed(services, "Quiet Co")
    _seed(services, "New Co", made=MONDAY_9 - timedelta(days=89))  # 89 local days: not yet
    assert propose_quiet_customers(services, MONDAY_9 - timedelta(hours=1)) == 0  # 08:00
    assert propose_quiet_customers(services, MONDAY_9) == 1
    assert propose_quiet_customers(services, MONDAY_9 + timedelta(minutes=5)) == 0  # once a day
    assert _proposed(services) == [["Quiet Co"]]
    # The next morning: Quiet Co's proposal is still open, New Co has now been quiet 90 days.
    assert propose_quiet_customers(services, MONDAY_9 + timedelta(days=1)) == 1
    assert _proposed(services) == [["Quiet Co"], ["New Co"]]
    # Saturday is not a working day: no morning message.
    assert propose_quiet_customers(services, MONDAY_9 + timedelta(days=5)) == 0


def test_still_active_starts_a_new_spell_and_business_ends_one(services: ServiceContext
                                                               ) -> None:
    quiet = _seed(services, "Quiet Co")
    won = _seed(services, "Won Co")
    propose_quiet_customers(services, MONDAY_9)
    answered = answer_proposal(services, WS, REP, _proposal_id(services, quiet), "active",
                               Reply(), MONDAY_9)
    assert answered.status == "kept_active"
    again = answer_proposal(services, WS, REP, _proposal_id(services, quiet), "lost", Reply(),
                            MONDAY_9)
    assert again.status == "proposal_was_active"  # a second click changes nothing
    assert classify_named(services, WS, REP, "Won Co", "stage", "won",
                          MONDAY_9).status == "classified"
    # 89 days after "Still active" (and after the win): nothing; at 90 the new spell is asked.
    assert propose_quiet_customers(services, MONDAY_9 + timedelta(days=87)) == 0  # a Thursday
    assert propose_quiet_customers(services, MONDAY_9 + timedelta(days=94)) == 1
    assert _proposed(services)[-1] == ["Quiet Co", "Won Co"]
    with services.uow() as uow:
        keys = sorted(uow.session.scalars(select(LossProposal.key).where(
            LossProposal.customer_id == quiet)))
        assert keys == [f"lost?:{quiet}:2026-01-01", f"lost?:{quiet}:2026-11-23"]
        assert uow.customers.get(WS, won) is not None


def test_mark_lost_by_someone_else_says_the_owner_was_asked(services: ServiceContext) -> None:
    quiet = _seed(services, "Quiet Co")
    propose_quiet_customers(services, MONDAY_9)
    marked = answer_proposal(services, WS, "U0LEAD", _proposal_id(services, quiet), "lost",
                             Reply(), MONDAY_9)
    assert (marked.status, marked.answered_by) == ("marked_lost_owner", REP)


def test_a_pooled_prospect_is_proposed_to_nobody(services: ServiceContext) -> None:
    pooled = _seed(services, "Pooled Co")
    with services.uow() as uow:
        uow.session.add(PoolState(workspace_id=WS, customer_id=pooled, team="East",
                                  in_pool_since=MADE, updated_at=MADE))
        uow.commit()
    assert propose_quiet_customers(services, MONDAY_9) == 0
