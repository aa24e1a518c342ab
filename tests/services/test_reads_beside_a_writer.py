"""What the read commands show (their lazy listeners' work), the figures and the Home tab
are read in units that take no writer's turn: on SQLite each answers while another unit
holds the writer, so an acknowledgement's INSERT never queues behind a `/stats` or a
`/customers` being read. `/settings` writes only what is set, `/oncall` only a rotation's
first day, once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.domain.figure_periods import WEEK
from bot.domain.teams import TeamDirectory
from bot.services.complaints.duty import show_duty
from bot.services.complaints.figures import complaint_figures
from bot.services.context import ServiceContext
from bot.services.customers.file import show_customer
from bot.services.customers.listing import list_customers
from bot.services.figures.compute import compute_figures, weekly_trend
from bot.services.home.build import home_for
from bot.services.language import language_settings, own_language
from bot.services.pool.claiming import list_pool
from bot.services.review.build import build_review
from bot.services.revisits.command import list_revisits
from bot.services.tasks.lifecycle import list_tasks
from bot.services.zones import zone_settings
from bot.teamconfig import parse_directory
from store.models import Customer
from tests.support.concurrency import beside_a_held_writer

WS, REP, LEAD = "T0TEST", "U0REP", "U0LEAD"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)

READS: dict[str, Callable[[ServiceContext], object]] = {
    "/tasks": lambda s: list_tasks(s, WS, REP, None, NOW),
    "/customer NAME": lambda s: show_customer(s, WS, REP, "Acme Corp", NOW),
    "/customers": lambda s: list_customers(s, WS, LEAD, ""),
    "/pool": lambda s: list_pool(s, WS, REP, ""),
    "/revisit": lambda s: list_revisits(s, WS, REP, NOW),
    "/complaints": lambda s: complaint_figures(s, WS, LEAD, NOW),
    "/stats": lambda s: compute_figures(s, WS, s.directory.teams[0], WEEK, NOW),
    "the weekly chart": lambda s: weekly_trend(s, WS, s.directory.teams[0], NOW),
    "the Home tab": lambda s: home_for(s, WS, LEAD, NOW),
    "the nightly review": lambda s: build_review(s, s.directory.teams[0].name, NOW.date(), NOW),
    "a person's language": lambda s: own_language(s, REP),
    "/settings": lambda s: (zone_settings(s, WS, REP, "", NOW),
                            language_settings(s, WS, REP, "", NOW)),
    "/settings, a zone not known": lambda s: zone_settings(s, WS, REP, "timezone Mars/Base", NOW),
    "/settings, a language not spoken": lambda s: language_settings(s, WS, REP,
                                                                    "language Klingon", NOW),
}
# The team's rotation has no first day in the team file: the first /oncall records it.
ROTATION = f"""
teams:
  - name: East
    channel: C0EAST
    lead: {LEAD}
    members: [{REP}, U0REP2]
    timezone: Asia/Shanghai
    duty:
      rotation: [{REP}, U0REP2]
      handoff: "mon 09:00"
"""


@pytest.fixture
def directory() -> TeamDirectory:
    return parse_directory(ROTATION)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("read", list(READS))
def test_a_read_answers_while_another_unit_holds_the_writer(services: ServiceContext,
                                                            read: str) -> None:
    with services.uow() as uow:
        uow.session.add(Customer(workspace_id=WS, name="Acme Corp", name_key="acme corp",
                                 owner_id=REP, created_by=REP, created_at=NOW))
        uow.commit()
    _, waited = beside_a_held_writer(services, lambda: READS[read](services))
    assert not waited, f"{read} waited for the writer"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_only_a_rotations_first_oncall_writes(services: ServiceContext) -> None:
    """The first /oncall records the rotation's first day (a write, once per team); every
    later one only reads, and shows the same duty."""
    first, waited = beside_a_held_writer(services, lambda: show_duty(services, WS, REP, NOW),
                                         wait=0.5)
    assert waited, "the first /oncall recorded the rotation's first day without the writer"
    later, waited = beside_a_held_writer(services, lambda: show_duty(services, WS, REP, NOW))
    assert not waited, "a later /oncall waited for the writer"
    assert later == first and later.now is not None and later.now.owner == REP
