"""The Home tab is rebuilt after a change that touches it, once per person for changes within
the debounce window, for each person the change touches; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.services.context import ServiceContext
from bot.services.home.build import DEBOUNCE_SECONDS
from bot.services.pipeline.classification import change_classification
from bot.services.tasks.lifecycle import snooze_task
from store.models import Task
from tests.services.figures.seed import LEAD, NOW, REP, customer, task
from tests.support.home import home_builds

WS = "T0EAST"


def test_a_move_rebuilds_the_movers_and_the_owners_home_once_for_several(
        services: ServiceContext) -> None:
    with services.uow() as uow:
        acme = customer(uow, WS, "Acme", REP, "qualified", "B")
        uow.commit()
    for value in ("A", "C", "A"):  # three moves by the lead within the same few seconds
        moved = change_classification(services, WS, LEAD, acme, "likelihood", value, NOW,
                                      "command")
        assert moved.status not in ("refused", "not_found", "invalid")
    builds = home_builds(services)
    assert sorted(who for who, _ in builds) == [LEAD, REP]  # each once
    assert all(due is not None and NOW < due.replace(tzinfo=NOW.tzinfo)
               <= NOW + timedelta(seconds=DEBOUNCE_SECONDS) for _, due in builds)


def test_a_snooze_rebuilds_the_owners_home(services: ServiceContext) -> None:
    with services.uow() as uow:
        task(uow, WS, REP, NOW + timedelta(hours=2), None)
        uow.commit()
        found = uow.session.scalar(select(Task.id).where(Task.owner_id == REP))
    assert found is not None and home_builds(services) == []
    assert snooze_task(services, WS, REP, found, "1h", NOW).status == "task_snoozed"
    assert [who for who, _ in home_builds(services)] == [REP]
