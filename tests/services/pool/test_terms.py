"""Every customer made has its owner on its list and a protected term; logs and wins move the
term; a share is on the list and in the history; the enrolment walk reaches the customers made
before, once per configuration. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.customers import name_key
from bot.domain.pool import PoolPolicy
from bot.domain.revisit_plans import Offset
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.customers.create import create_customer
from bot.services.customers.csv_import import import_customers
from bot.services.logs import fixing as logs
from bot.services.logs import sharing as log_sharing
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import classify_named
from bot.services.pool.terms import enrol_if_configuration_changed
from store.models import Customer
from store.pool_models import OWNER, PoolState
from tests.services.customers.test_customer_create import _form
from tests.support.teams import WEST_REP, with_west

WS = "T0TEST"
REP, MATE, ADMIN = "U0REP", "U0REP2", "U0ADMIN"
# The clock starts Monday 23 November 2026, 09:00 in Shanghai: 30 days on is Wednesday 23
# December at the same hour; 3 days before that is a Sunday, so the warning comes on Friday
# 18 December at the digest time (09:00 there, 01:00 UTC).
PROTECTED_UNTIL = datetime(2026, 12, 23, 1, 0, tzinfo=UTC)
WARN_AT = datetime(2026, 12, 18, 1, 0, tzinfo=UTC)


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    return with_west(directory)


def _state(services: ServiceContext, customer_id: int) -> PoolState:
    with services.uow() as uow:
        state = uow.pool.state(customer_id)
        assert state is not None
        uow.session.expunge(state)
        return state


def _people(services: ServiceContext, customer_id: int) -> list[tuple[str, str, str]]:
    with services.uow() as uow:
        return [(p.user_id, p.role, p.why) for p in uow.customer_people.of(customer_id)]


def _id(services: ServiceContext, name: str) -> int:
    with services.uow() as uow:
        found = uow.customers.by_key(WS, name_key(name))
        assert found is not None
        return found.id


def test_a_new_customer_is_its_creators_protected_for_a_month(services, clock) -> None:
    made = create_customer(services, WS, REP, _form(), clock.now())
    assert made.customer_id is not None
    assert _people(services, made.customer_id) == [(REP, OWNER, "created")]
    state = _state(services, made.customer_id)
    assert state.owner_since == clock.now() and state.protected_until == PROTECTED_UNTIL
    assert state.warn_at == WARN_AT and state.check_at == WARN_AT
    assert state.team == "East" and state.in_pool_since is None


def test_imported_and_logged_customers_are_owned_from_their_making(services, clock) -> None:
    import_customers(services, WS, [(2, {"name": "Globex", "owner": MATE})], ADMIN, clock.now())
    assert _people(services, _id(services, "Globex")) == [(MATE, OWNER, "created")]
    out = log_contact(services, LogRequest(WS, REP, "Initech: send quote by Friday 3pm", "dm",
                                           "k1", reply_channel="D0X"), clock.now())
    logs.choose_customer(services, WS, REP, out.follow_up.id, None, clock.now())
    initech = _id(services, "Initech")
    assert _people(services, initech) == [(REP, OWNER, "created")]
    assert _state(services, initech).protected_until == PROTECTED_UNTIL


def test_a_log_pushes_back_a_no_contact_end(services, clock) -> None:
    policy = PoolPolicy(no_contact=Offset(14, "d"))
    services = replace(services, directory=replace(services.directory, pool=policy))
    import_customers(services, WS, [(2, {"name": "Globex", "owner": REP})], ADMIN, clock.now())
    globex = _id(services, "Globex")
    first = _state(services, globex)
    assert first.ends_by == "no_contact"
    assert first.protected_until == datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # a Monday
    clock.advance(days=10)  # Thursday 3 December
    log_contact(services, LogRequest(WS, REP, "Globex: called Li, interested", "dm", "k2",
                                     reply_channel="D0X"), clock.now())
    pushed = _state(services, globex)
    # 14 days after the contact is Thursday 17 December; the term itself still started at the
    # import, and its warning moves with its end.
    assert pushed.protected_until == datetime(2026, 12, 17, 1, 0, tzinfo=UTC)
    assert pushed.owner_since == first.owner_since and pushed.warned_at is None
    assert pushed.check_at == datetime(2026, 12, 14, 1, 0, tzinfo=UTC)


def test_a_win_ends_the_term_and_a_loss_after_it_counts_from_the_win(services, clock) -> None:
    made = create_customer(services, WS, REP, _form(), clock.now())
    assert made.customer_id is not None
    clock.advance(days=20)
    classify_named(services, WS, REP, "Acme Corp", "stage", "won", clock.now())
    won = _state(services, made.customer_id)
    assert won.protected_until is None and won.check_at is None
    win = clock.now()
    clock.advance(days=5)
    classify_named(services, WS, REP, "Acme Corp", "stage", "lost", clock.now())
    lost = _state(services, made.customer_id)
    assert lost.owner_since == win and lost.protected_until == win + timedelta(days=30)


def test_a_share_puts_the_author_on_the_list_and_in_the_history(services, clock) -> None:
    import_customers(services, WS, [(2, {"name": "Acme Corp", "owner": REP})], ADMIN,
                     clock.now())
    out = log_contact(services, LogRequest(WS, WEST_REP, "Acme Corp: met the buyer", "dm",
                                           "k3", reply_channel="D0X"), clock.now())
    log_sharing.ask_to_share(services, WS, WEST_REP, out.follow_up.id, clock.now())
    log_sharing.decide_share(services, WS, REP, out.follow_up.id, True, clock.now())
    acme = _id(services, "Acme Corp")
    assert _people(services, acme) == [(REP, OWNER, "created"), (WEST_REP, "shared", "shared")]
    with services.uow() as uow:
        shares = [(e.kind, e.to_user, e.actor) for e in uow.ownership.history(acme)]
    assert shares == [("share", WEST_REP, REP)]


def test_the_enrolment_reaches_older_customers_once_per_configuration(services, clock) -> None:
    old = datetime(2025, 1, 6, tzinfo=UTC)
    with services.uow() as uow:  # made before the pool was wired: no owner row, no term
        for i in range(7):
            uow.customers.add(Customer(workspace_id=WS, name=f"Old {i}", name_key=f"old {i}",
                                       owner_id=REP if i % 2 else MATE, created_by=REP,
                                       created_at=old))
        uow.commit()
    assert enrol_if_configuration_changed(services, clock.now(), batch=3)
    assert not enrol_if_configuration_changed(services, clock.now(), batch=3)
    ids = [_id(services, f"Old {i}") for i in range(7)]
    for i, cid in enumerate(ids):
        assert _people(services, cid) == [(REP if i % 2 else MATE, OWNER, "created")]
        # The term starts at the enrolment: nobody loses a customer on the day it is deployed.
        state = _state(services, cid)
        assert state.owner_since == clock.now() and state.protected_until == PROTECTED_UNTIL
    longer = replace(services, directory=replace(
        services.directory, pool=PoolPolicy(protect=Offset(60, "d"))))
    clock.advance(days=1)
    assert enrol_if_configuration_changed(longer, clock.now(), batch=3)
    again = _state(services, ids[0])
    assert again.owner_since == datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    assert again.protected_until == datetime(2027, 1, 22, 1, 0, tzinfo=UTC)  # a Friday
