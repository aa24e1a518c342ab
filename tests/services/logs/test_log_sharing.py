"""A log changes only what its author may change: another team's customer is held for its
owner to share; only offered customers can be picked; moves pass the command's check.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.domain.customers import name_key
from bot.domain.problems import problem
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.logs import editing
from bot.services.logs import fixing as logs
from bot.services.logs import sharing as log_sharing
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import apply_log_moves, classify_named
from bot.services.views import Outcome
from store.models import ClassificationChange, Customer, FollowUp, Notification, Task
from tests.support.fakes import FakeClock
from tests.support.teams import WEST_REP, with_west

WS = "T0TEST"
EAST_REP, EAST_MATE = "U0REP", "U0REP2"


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    return with_west(directory)


def _customer(services: ServiceContext, name: str, owner: str = EAST_REP) -> int:
    with services.uow() as uow:
        c = uow.customers.add(Customer(workspace_id=WS, name=name, name_key=name_key(name),
                                       owner_id=owner, created_by=owner,
                                       created_at=datetime(2026, 1, 1, tzinfo=UTC)))
        uow.commit()
        return c.id


def _log(services: ServiceContext, clock: FakeClock, text: str, user: str,
         key: str = "k1") -> Outcome:
    return log_contact(services, LogRequest(WS, user, text, "dm", key, reply_channel="D0X"),
                       clock.now())


def _row(services: ServiceContext, follow_up_id: int) -> tuple[str, int | None]:
    with services.uow() as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        assert row is not None
        return row.status, row.customer_id


def _stage(services: ServiceContext, customer_id: int) -> str | None:
    with services.uow() as uow:
        return uow.session.get(Customer, customer_id).stage  # type: ignore[union-attr]


def _moves(services: ServiceContext) -> int:
    with services.uow() as uow:
        return len(uow.session.scalars(select(ClassificationChange)).all())


def test_another_teams_rep_cannot_move_a_customer_by_logging(services, clock) -> None:
    acme = _customer(services, "Acme Corp")
    refused = classify_named(services, WS, WEST_REP, "Acme Corp", "stage", "lost", clock.now())
    assert refused.status == "forbidden"
    out = _log(services, clock, "moved Acme Corp to lost", WEST_REP)
    assert out.status == "needs_share" and out.follow_up is not None
    assert out.follow_up.held_by == EAST_REP and out.follow_up.customer == "Acme Corp"
    assert out.follow_up.refused_moves == ("stage → lost",)
    assert _stage(services, acme) is None and _moves(services) == 0
    assert _row(services, out.follow_up.id) == ("needs_share", None)
    # The held log does not make its author someone who works the customer.
    again = classify_named(services, WS, WEST_REP, "Acme Corp", "stage", "lost", clock.now())
    assert again.status == "forbidden"
    card = logs.choose_customer(services, WS, WEST_REP, out.follow_up.id, acme, clock.now())
    assert card.status == "needs_share" and _row(services, out.follow_up.id)[1] is None


def test_a_teammates_customer_still_attaches_and_moves(services, clock) -> None:
    acme = _customer(services, "Acme Corp")
    out = _log(services, clock, "moved Acme Corp to negotiating", EAST_MATE)
    assert out.status == "recorded" and out.follow_up.customer_id == acme
    assert _stage(services, acme) == "negotiating"


def test_log_moves_pass_the_commands_check(services, clock) -> None:
    """Applied to a customer its author does not work, a log's moves change nothing."""
    acme = _customer(services, "Acme Corp")
    out = _log(services, clock, "Globex: moved Acme Corp to lost", WEST_REP)
    with services.uow() as uow:
        row = uow.session.get(FollowUp, out.follow_up.id)
        customer = uow.customers.get(WS, acme)
        assert row is not None and customer is not None
        assert apply_log_moves(services, uow, row, customer, clock.now()) == []
        uow.commit()
    assert _stage(services, acme) is None


def test_a_crafted_pick_is_refused_and_attaches_nothing(services, clock) -> None:
    _customer(services, "Acme Corp")
    secret = _customer(services, "Initech Secret", owner=EAST_MATE)
    out = _log(services, clock, "Acme Crop: called, send quote tomorrow", EAST_REP)
    assert out.status == "needs_customer" and out.suggestions
    assert secret not in [i for i, _ in out.suggestions]
    crafted = logs.choose_customer(services, WS, EAST_REP, out.follow_up.id, secret,
                                   clock.now())
    assert crafted.status == "forbidden" and crafted.message == "not_offered"
    assert _row(services, out.follow_up.id) == ("needs_customer", None)
    offered = out.suggestions[0][0]
    picked = logs.choose_customer(services, WS, EAST_REP, out.follow_up.id, offered,
                                  clock.now())
    assert picked.status == "recorded" and _row(services, out.follow_up.id)[1] == offered


def test_picking_another_teams_suggestion_holds_the_log(services, clock) -> None:
    acme = _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Crop: called, send quote tomorrow", WEST_REP)
    assert out.status == "needs_customer" and acme in [i for i, _ in out.suggestions]
    held = logs.choose_customer(services, WS, WEST_REP, out.follow_up.id, acme, clock.now())
    assert held.status == "needs_share" and held.follow_up.held_by == EAST_REP
    assert _row(services, out.follow_up.id) == ("needs_share", None)


def test_sharing_attaches_the_held_log_and_lets_its_author_work_the_customer(
        services, clock) -> None:
    acme = _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: met Li, moved Acme Corp to negotiating. "
                                "Send quote by Friday", WEST_REP)
    fid = out.follow_up.id
    asked = log_sharing.ask_to_share(services, WS, WEST_REP, fid, clock.now())
    log_sharing.ask_to_share(services, WS, WEST_REP, fid, clock.now())  # asked once
    assert asked.status == "share_asked"
    with services.uow() as uow:
        requests = uow.session.scalars(select(Notification).where(
            Notification.recipient == EAST_REP)).all()
        assert [(n.kind, n.payload["status"]) for n in requests] == [
            ("log_reply", "share_request")]
    stranger = log_sharing.decide_share(services, WS, WEST_REP, fid, True, clock.now())
    assert stranger.status == "forbidden" and _row(services, fid) == ("needs_share", None)
    given = log_sharing.decide_share(services, WS, EAST_REP, fid, True, clock.now())
    assert given.status == "share_given"
    assert _row(services, fid) == ("recorded", acme)
    assert _stage(services, acme) == "negotiating"
    with services.uow() as uow:
        told = uow.session.scalars(select(Notification).where(
            Notification.recipient == WEST_REP, Notification.kind == "log_reply")).all()
        assert [n.payload["status"] for n in told] == ["shared"]
        assert uow.session.scalars(select(Task).where(Task.follow_up_id == fid)).first()
    moved = classify_named(services, WS, WEST_REP, "Acme Corp", "likelihood", "A",
                           clock.now())
    assert moved.status == "classified"
    twice = log_sharing.decide_share(services, WS, EAST_REP, fid, False, clock.now())
    assert twice.status == "invalid" and _row(services, fid) == ("recorded", acme)


def test_a_declined_share_keeps_the_log_unattached(services, clock) -> None:
    acme = _customer(services, "Acme Corp")
    out = _log(services, clock, "moved Acme Corp to lost", WEST_REP)
    log_sharing.ask_to_share(services, WS, WEST_REP, out.follow_up.id, clock.now())
    declined = log_sharing.decide_share(services, WS, EAST_REP, out.follow_up.id, False,
                                        clock.now())
    assert declined.status == "share_refused"
    assert _row(services, out.follow_up.id) == ("share_declined", None)
    assert _stage(services, acme) is None
    refused = classify_named(services, WS, WEST_REP, "Acme Corp", "stage", "lost", clock.now())
    assert refused.status == "forbidden"


def test_editing_a_log_onto_another_teams_customer_is_refused(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Globex: called, send deck tomorrow", WEST_REP)
    edited = editing.edit_log(services, WS, WEST_REP, out.follow_up.id,
                              editing.LogEdit("Acme Corp", "called", None, None), clock.now())
    assert edited.status == "invalid" and edited.errors == {
        "customer": problem("another_team", name="Acme Corp")}
    assert _row(services, out.follow_up.id)[1] != _customer_id(services, "Acme Corp")


def _customer_id(services: ServiceContext, name: str) -> int | None:
    with services.uow() as uow:
        found = uow.customers.by_key(WS, name_key(name))
        return found.id if found else None
