"""The after-sale tables on SQLite and PostgreSQL: one plan per event key, one answer per
Slack request, one care date per kind and label, one loss reason per move, one proposal per
quiet spell, however many times or from however many sessions they are written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from store.aftersale_models import (
    CustomerCareDate,
    LossProposal,
    LossRecord,
    Revisit,
    RevisitAnswer,
    RevisitPlan,
)
from store.engine import make_engine, make_session_factory
from store.models import ClassificationChange, Customer
from store.repositories.revisits import add_once
from store.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
WS = "T1"


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _customer(factory: sessionmaker[Session], name: str = "Acme") -> int:
    with UnitOfWork(factory) as uow:
        row = Customer(workspace_id=WS, name=name, name_key=name.lower(), owner_id="U0REP",
                       created_by="U0REP", created_at=NOW)
        uow.session.add(row)
        uow.commit()
        return row.id


def _plan(customer_id: int, key: str = "after_purchase:1:2026-11-23") -> RevisitPlan:
    return RevisitPlan(workspace_id=WS, customer_id=customer_id, kind="after_purchase",
                       event_key=key, event_at=NOW, source="stage", created_by="U0REP",
                       created_at=NOW)


def _revisits(customer_id: int, *steps: tuple[str, date, datetime | None]) -> list[Revisit]:
    return [Revisit(workspace_id=WS, customer_id=customer_id, step=step, position=i,
                    due_day=day, status="planned", task_due_at=due, tries=0, created_at=NOW,
                    updated_at=NOW) for i, (step, day, due) in enumerate(steps)]


def test_a_plan_is_stored_once_per_event_key(factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    steps = (("1wd", date(2026, 11, 24), NOW + timedelta(hours=23)),
             ("3d", date(2026, 11, 26), NOW + timedelta(days=3)))
    with UnitOfWork(factory) as uow:
        assert uow.revisits.start_plan(_plan(cid), _revisits(cid, *steps)) is not None
        assert uow.revisits.start_plan(_plan(cid), _revisits(cid, *steps)) is None
        uow.commit()
    # A second copy of the bot that did not see the first plan: the constraint refuses it.
    with UnitOfWork(factory) as uow:
        assert not add_once(uow.session, _plan(cid))
        plan = uow.revisits.plan_by_key(WS, "after_purchase:1:2026-11-23")
        assert plan is not None
        assert [r.step for r in uow.revisits.of_plan(plan.id)] == ["1wd", "3d"]
        assert uow.revisits.last_plan_at(cid, "after_purchase") == NOW
        assert uow.revisits.last_plan_at(cid, "service") is None


def test_the_sweep_reads_only_revisits_whose_task_is_due(factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    with UnitOfWork(factory) as uow:
        uow.revisits.start_plan(_plan(cid), _revisits(
            cid, ("1wd", date(2026, 11, 24), NOW), ("3d", date(2026, 11, 26), NOW + timedelta(3)),
            ("3w", date(2026, 12, 14), None)))
        uow.commit()
    with UnitOfWork(factory) as uow:
        assert [r.step for r in uow.revisits.task_due(NOW)] == ["1wd"]
        nxt = uow.revisits.next_for_customer(cid)
        assert nxt is not None and nxt.step == "1wd"
        assert len(uow.revisits.cancel_open(cid, NOW)) == 3
        uow.commit()
    with UnitOfWork(factory) as uow:
        assert uow.revisits.task_due(NOW + timedelta(days=30)) == []
        assert uow.revisits.next_for_customer(cid) is None


def test_an_answer_is_kept_once_per_request_and_the_latest_score_stands(
        factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    with UnitOfWork(factory) as uow:
        uow.revisits.start_plan(_plan(cid), _revisits(cid, ("1wd", date(2026, 11, 24), None),
                                                      ("3d", date(2026, 11, 26), None)))
        first, second = uow.revisits.of_plan(uow.revisits.plan_by_key(
            WS, "after_purchase:1:2026-11-23").id)  # type: ignore[union-attr]
        first.score, first.answered_at = 5, NOW
        second.score, second.reason, second.answered_at = 2, "delivery", NOW + timedelta(days=3)

        def answer(key: str, outcome: str, score: int | None = None) -> RevisitAnswer:
            return RevisitAnswer(workspace_id=WS, revisit_id=second.id, source_key=key,
                                 try_no=1, outcome=outcome, score=score, actor="U0REP", at=NOW)

        assert uow.revisits.record_answer(answer("click:1", "reached"))
        assert not uow.revisits.record_answer(answer("click:1", "reached"))
        assert uow.revisits.record_answer(answer("click:2", "reached", 2))
        uow.commit()
    with UnitOfWork(factory) as uow:
        assert [a.score for a in uow.revisits.answers(second.id)] == [None, 2]
        latest = uow.revisits.latest_scores([cid])
        assert latest[cid].score == 2 and latest[cid].reason == "delivery"
        assert [r.step for r in uow.revisits.due_between(WS, date(2026, 11, 25),
                                                         date(2026, 11, 30))] == ["3d"]


def _care(cid: int, month: int, day: int, check_at: datetime | None) -> CustomerCareDate:
    return CustomerCareDate(workspace_id=WS, customer_id=cid, kind="birthday", label="王总",
                            month=month, day=day, source="log", check_at=check_at,
                            created_by="U0REP", created_at=NOW, updated_at=NOW)


def test_a_care_date_given_again_is_corrected_not_doubled(factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    with UnitOfWork(factory) as uow:
        uow.care_dates.put(_care(cid, 3, 5, NOW + timedelta(days=90)))
        uow.commit()
    with UnitOfWork(factory) as uow:
        uow.care_dates.put(_care(cid, 3, 6, NOW - timedelta(hours=1)))
        uow.commit()
    with UnitOfWork(factory) as uow:
        # A writer that missed the first row is refused by the constraint, not doubled.
        assert not add_once(uow.session, _care(cid, 3, 7, None))
        rows = uow.care_dates.for_customer(cid)
        assert [(r.month, r.day) for r in rows] == [(3, 6)]
        assert [r.id for r in uow.care_dates.due(NOW)] == [rows[0].id]


def test_one_loss_reason_per_move_and_one_proposal_per_quiet_spell(
        factory: sessionmaker[Session]) -> None:
    cid = _customer(factory)
    with UnitOfWork(factory) as uow:
        move = ClassificationChange(workspace_id=WS, customer_id=cid, axis="stage", old="won",
                                    new="lost", actor="U0REP", at=NOW, source="button")
        uow.session.add(move)
        uow.session.flush()

        def reason(why: str) -> LossRecord:
            return LossRecord(workspace_id=WS, customer_id=cid, reason=why, source="move",
                              classification_change_id=move.id, actor="U0REP", at=NOW)

        def proposal(key: str, answer: str | None = None) -> LossProposal:
            return LossProposal(workspace_id=WS, customer_id=cid, key=key, owner_id="U0REP",
                                proposed_at=NOW, answer=answer,
                                answered_at=NOW if answer else None)

        assert uow.losses.record(reason("price"))
        assert not uow.losses.record(reason("competitor"))
        assert uow.losses.propose(proposal("lost?:1:2026-08-01", "active"))
        assert not uow.losses.propose(proposal("lost?:1:2026-08-01"))
        uow.commit()
    with UnitOfWork(factory) as uow:
        assert [r.reason for r in uow.losses.for_customer(cid)] == ["price"]
        assert uow.losses.reasons_between(WS, NOW, NOW + timedelta(days=1)) == ["price"]
        assert uow.losses.kept_active([cid]) == {cid: NOW}
