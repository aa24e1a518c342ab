"""Reassignment and handover: only the owner's lead or an admin, re-checked here; open tasks
and their reminders move; the new owner is sent the briefs; the history says it in words.
On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.domain.customers import name_key
from bot.domain.teams import Team, TeamDirectory
from bot.services.commands import (
    COMMAND_ANSWER,
    Command,
    process_received_commands,
    receive_command,
)
from bot.services.context import ServiceContext
from bot.services.customers.csv_import import import_customers
from bot.services.customers.file import show_customer
from bot.services.interactions import Reply
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import classify_named
from bot.services.pool import assigning
from bot.services.pool.assigning import assign_named, give_more_time, handover
from bot.services.pool.briefs import POOL_ASSIGNED
from bot.services.ports import OutgoingMessage
from bot.services.revisits.sweep import create_revisit_tasks
from bot.services.tasks.cadence import create_cadence_tasks
from handlers.render import render
from store.aftersale_models import Revisit
from store.models import Notification, Task
from store.pool_models import OwnershipEvent
from tests.e2e.harness import mrkdwn_texts
from tests.support.teams import WEST_LEAD, with_west

WS = "T0TEST"
REP, MATE, THIRD, LEAD, ADMIN = "U0REP", "U0REP2", "U0REP3", "U0LEAD", "U0ADMIN"


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    east = next(t for t in directory.teams if t.name == "East")
    bigger = Team(name="East", channel=east.channel, lead=LEAD, members=(REP, MATE, THIRD),
                  timezone=east.timezone)
    return with_west(replace(directory, teams=(bigger,)))


def _owned(services: ServiceContext, clock, names: list[str], owner: str = REP) -> None:
    import_customers(services, WS, [(i + 2, {"name": n, "owner": owner})
                                    for i, n in enumerate(names)], ADMIN, clock.now())


def _owner(services: ServiceContext, name: str) -> str:
    with services.uow() as uow:
        found = uow.customers.by_key(WS, name_key(name))
        assert found is not None
        return found.owner_id


def _events(services: ServiceContext) -> list[tuple[int, str | None]]:
    with services.uow() as uow:
        return [(e.customer_id, e.to_user) for e in uow.session.scalars(
            select(OwnershipEvent).where(OwnershipEvent.reason == "handover"))]


def _notes(services: ServiceContext, kind: str) -> list[tuple[str, dict]]:
    with services.uow() as uow:
        return [(n.recipient, dict(n.payload)) for n in uow.session.scalars(
            select(Notification).where(Notification.kind == kind).order_by(Notification.id))]


def test_a_lead_reassigns_a_customer_and_its_open_tasks_follow(services, clock) -> None:
    _owned(services, clock, ["Acme Corp", "Acme Trading"])
    log_contact(services, LogRequest(WS, REP, "Acme Corp: called Li, send quote by Friday 3pm",
                                     "dm", "k1", reply_channel="D0X"), clock.now())
    clock.advance(hours=1)
    answer = assign_named(services, WS, LEAD, "acme corp", MATE, clock.now())
    assert answer.status == "assigned" and answer.who == MATE and answer.people == (REP,)
    assert answer.at == clock.now() + timedelta(days=30)
    assert _owner(services, "Acme Corp") == MATE and _owner(services, "Acme Trading") == REP
    with services.uow() as uow:
        tasks = list(uow.session.scalars(select(Task)))
        assert [(t.owner_id, t.status) for t in tasks] == [(MATE, "open")]
        pending = list(uow.session.scalars(select(Notification).where(
            Notification.task_id == tasks[0].id, Notification.status == "pending")))
        assert pending and {n.recipient for n in pending} == {MATE}
    ((to, dm),) = _notes(services, POOL_ASSIGNED)
    assert to == MATE and dm["from"] == REP and dm["by"] == LEAD
    assert [b["name"] for b in dm["customers"]] == ["Acme Corp"]


def test_only_the_owners_lead_or_an_admin_may_reassign(services, clock) -> None:
    _owned(services, clock, ["Acme Corp"])
    for actor in (REP, MATE, WEST_LEAD):
        assert assign_named(services, WS, actor, "Acme Corp", MATE, clock.now()).status == \
            "forbidden"
    assert _owner(services, "Acme Corp") == REP
    assert assign_named(services, WS, ADMIN, "Acme Corp", "U0NOBODY", clock.now()).status == \
        "unknown_person"
    assert assign_named(services, WS, ADMIN, "Acme Corpp", MATE, clock.now()).status == \
        "no_such_customer"
    assert assign_named(services, WS, ADMIN, "Acme Corp", THIRD, clock.now()).status == \
        "assigned"
    assert _owner(services, "Acme Corp") == THIRD


def test_the_history_says_who_owned_it_in_words(services, clock) -> None:
    _owned(services, clock, ["Acme Corp"])
    assign_named(services, WS, LEAD, "Acme Corp", MATE, clock.now() + timedelta(hours=1))
    card = show_customer(services, WS, LEAD, "Acme Corp", clock.now(), history=True)
    assert card.customer is not None
    assert [(e.kind, e.from_user, e.to_user, e.actor, e.reason)
            for e in card.customer.ownership] == [("reassign", REP, MATE, LEAD, "lead")]


def test_a_handover_splits_a_leaving_reps_customers_round_robin(services, clock) -> None:
    _owned(services, clock, [f"Acme {i}" for i in range(7)])
    _owned(services, clock, ["Globex", "Initech"], owner=MATE)  # Mate holds two already
    refused = handover(services, WS, MATE, REP, None, clock.now())
    assert refused.status == "forbidden"
    done = handover(services, WS, LEAD, REP, None, clock.now())
    assert done.status == "handed_over" and done.count == 7 and done.limit == 0
    owners = [_owner(services, f"Acme {i}") for i in range(7)]
    # Third starts two behind Mate: the first two go to Third, then they alternate (a tie
    # to the first in order, Mate): each ends holding the same number, give or take one.
    assert owners == [THIRD, THIRD, MATE, THIRD, MATE, THIRD, MATE]
    dms = _notes(services, POOL_ASSIGNED)
    assert sorted((to, len(p["customers"])) for to, p in dms) == [(MATE, 3), (THIRD, 4)]
    again = handover(services, WS, LEAD, REP, None, clock.now())  # a retry moves nothing
    assert again == done and len(_notes(services, POOL_ASSIGNED)) == 2
    assert len(_events(services)) == 7


def test_a_handover_to_one_person_gives_them_all(services, clock) -> None:
    _owned(services, clock, [f"Acme {i}" for i in range(4)])
    done = handover(services, WS, ADMIN, REP, THIRD, clock.now())
    assert done.count == 4 and done.people == (THIRD,)
    assert {_owner(services, f"Acme {i}") for i in range(4)} == {THIRD}
    assert handover(services, WS, ADMIN, REP, REP, clock.now()).status == "unknown_person"


def test_a_handover_killed_between_batches_is_finished_by_its_rerun_once(
        services, clock, monkeypatch) -> None:
    names = [f"Acme {i}" for i in range(8)]
    _owned(services, clock, names)
    for i, name in enumerate(names):  # an open task (with its reminders) on each
        log_contact(services, LogRequest(WS, REP, f"{name}: called Li, send quote by Friday 3pm",
                                         "dm", f"k{i}", reply_channel="D0X"), clock.now())
    monkeypatch.setattr(assigning, "HANDOVER_BATCH", 3)
    whole = assigning._move_batch
    batches = iter(range(100))

    def killed_at_the_third(*args: object, **kwargs: object) -> None:
        if next(batches) == 2:
            raise RuntimeError("the worker is killed")
        whole(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assigning, "_move_batch", killed_at_the_third)
    now = clock.now() + timedelta(hours=1)
    with pytest.raises(RuntimeError):
        handover(services, WS, LEAD, REP, None, now)
    assert sorted(_owner(services, n) for n in names).count(REP) == 2  # two batches of three
    assert _notes(services, POOL_ASSIGNED) == []  # the briefs come once all are moved
    done = handover(services, WS, LEAD, REP, None, now)  # the request done again
    assert done.count == 8 and REP not in {_owner(services, n) for n in names}
    assert sorted(c for c, _ in _events(services)) == sorted(set(c for c, _ in _events(
        services))) and len(_events(services)) == 8  # each moved once
    dms = _notes(services, POOL_ASSIGNED)
    assert sorted((to, len(p["customers"])) for to, p in dms) == [(MATE, 4), (THIRD, 4)]
    with services.uow() as uow:
        tasks = list(uow.session.scalars(select(Task)))
        assert len(tasks) == 8 and REP not in {t.owner_id for t in tasks}
        pending = list(uow.session.scalars(select(Notification).where(
            Notification.task_id.is_not(None), Notification.status == "pending")))
        per_task = [(n.task_id, n.kind) for n in pending]
        assert len(per_task) == len(set(per_task)) and REP not in {n.recipient for n in pending}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_handover_that_keeps_failing_says_what_it_moved_and_its_rerun_moves_the_rest(
        services, clock, monkeypatch, lang: str) -> None:
    names = [f"Acme {i}" for i in range(8)]
    _owned(services, clock, names)
    with services.uow() as uow:
        uow.people.choose_language(WS, LEAD, lang)
        last = max(c.id for c in uow.customers.by_ids(list(range(1, 100))))
        uow.commit()
    monkeypatch.setattr(assigning, "HANDOVER_BATCH", 3)
    whole = assigning._move_batch

    def the_last_batch_fails(ctx, leaving, actor, plan, now) -> None:  # type: ignore[no-untyped-def]
        if last in plan:
            raise RuntimeError("a customer that cannot be moved")
        whole(ctx, leaving, actor, plan, now)

    monkeypatch.setattr(assigning, "_move_batch", the_last_batch_fails)
    received = clock.now() + timedelta(hours=1)
    assert receive_command(services, Command(WS, LEAD, "handover", (REP, ""), "trig-h",
                                             "https://hooks.example/h"), received)
    for attempt in range(5):  # tried again after each lease, then given up
        process_received_commands(services, received + timedelta(minutes=5 * attempt))
    (answer,) = [p for _, p in _notes(services, COMMAND_ANSWER)]
    assert answer["outcome"]["status"] == "handed_over_partly"
    assert answer["outcome"]["count"] == 6
    text = mrkdwn_texts(render(OutgoingMessage(
        1, WS, COMMAND_ANSWER, LEAD, answer, False)).args["blocks"])
    if lang == "en":
        assert (f"6 of <@{REP}>'s customers were handed over to <@{MATE}>, <@{THIRD}>; the "
                f"rest are still <@{REP}>'s. Run the same `/handover` again") in text
    else:
        assert "6" in text and "/handover" in text and "出错" in text
    assert sorted(_owner(services, n) for n in names).count(REP) == 2
    # The new owners are told of what they were given, once.
    assert sorted((to, len(p["customers"])) for to, p in _notes(services, POOL_ASSIGNED)) == [
        (MATE, 3), (THIRD, 3)]
    monkeypatch.setattr(assigning, "_move_batch", whole)
    rerun = handover(services, WS, LEAD, REP, None, received + timedelta(hours=1))
    assert rerun.count == 2 and REP not in {_owner(services, n) for n in names}


def test_open_tasks_revisits_and_cadence_follow_a_reassigned_customer(services, clock) -> None:
    _owned(services, clock, ["Acme Corp", "Globex"])
    now = clock.now()
    assert classify_named(services, WS, REP, "Acme Corp", "stage", "won", now).status == \
        "classified"
    assert create_revisit_tasks(services, now + timedelta(minutes=1)) == 1
    for name in ("Acme Corp", "Globex"):
        assert assign_named(services, WS, LEAD, name, MATE, now + timedelta(hours=1)).status \
            == "assigned"
    with services.uow() as uow:
        (revisit,) = [r for r in uow.session.scalars(select(Revisit)) if r.status == "open"]
        task = uow.session.get(Task, revisit.task_id)
        assert revisit.owner_id == MATE and task is not None and task.owner_id == MATE
        assert [r.id for r in uow.revisits.open_for(WS, MATE, False)][:1] == [revisit.id]
        assert not [r for r in uow.revisits.open_for(WS, REP, False)]
    # The cadence's next follow-ups are the new owner's.
    create_cadence_tasks(services, now + timedelta(days=60))
    with services.uow() as uow:
        cadence = [t.owner_id for t in uow.session.scalars(select(Task))
                   if t.origin == "cadence"]
    assert cadence and set(cadence) == {MATE}


def test_give_a_new_term_is_the_leads_and_rechecked_on_the_click(services, clock) -> None:
    _owned(services, clock, ["Acme Corp"])
    with services.uow() as uow:
        acme = uow.customers.by_key(WS, name_key("Acme Corp"))
        assert acme is not None
        before = uow.pool.state(acme.id)
        assert before is not None
        until, cid = before.protected_until, acme.id
    later = clock.now() + timedelta(days=20)
    for clicker in (REP, MATE, WEST_LEAD):  # the button was sent to the lead; a click is input
        assert give_more_time(services, WS, clicker, cid, Reply(), later).status == "forbidden"
    with services.uow() as uow:
        state = uow.pool.state(cid)
        assert state is not None and state.protected_until == until
    given = give_more_time(services, WS, LEAD, cid, Reply(), later)
    assert given.status == "more_time_given" and given.who == REP
    with services.uow() as uow:
        state = uow.pool.state(cid)
        assert state is not None and state.protected_until is not None
        assert until is not None and state.protected_until > until
