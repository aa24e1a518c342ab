"""Slack's pace kept in the database (CRM_PACING=shared): two copies of the bot sending to
one channel keep to its one limit together, take the same slots one copy would, and a 429
one of them met holds the other back too; on both databases."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from bot.domain.pacing import Pacer
from bot.services.context import ServiceContext
from bot.services.delivery.shared_pacing import SharedPacer
from bot.teamconfig import parse_directory
from store.engine import make_engine, make_session_factory
from store.uow import UnitOfWork

WALL = 1_800_000_000.0  # the shared clock, in epoch seconds


class Copy:
    """One running copy of the bot: its own engine and its own monotonic clock."""

    def __init__(self, db_url: str, started: float) -> None:
        self.engine = make_engine(db_url)
        factory = make_session_factory(self.engine)
        self.ctx = ServiceContext(uow=lambda: UnitOfWork(factory),
                                  directory=parse_directory(""))
        self.started = started  # where this copy's monotonic clock stood at WALL
        self.pacer = SharedPacer(self.ctx, wall=lambda: WALL, monotonic=lambda: self.started)


@pytest.fixture
def copies(db_url: str) -> Iterator[tuple[Copy, Copy]]:
    # Monotonic clocks start anywhere: the two copies' differ by hours.
    first, second = Copy(db_url, 50.0), Copy(db_url, 9_000.0)
    yield first, second
    first.engine.dispose()
    second.engine.dispose()


def test_two_copies_take_the_slots_one_copy_would(copies) -> None:
    first, second = copies
    alone = Pacer()
    expected = [alone.reserve("T1", "chat.postMessage", "C1", 0.0) for _ in range(8)]
    taken = []
    for n in range(8):
        copy = (first, second)[n % 2]
        taken.append(copy.pacer.reserve("T1", "chat.postMessage", "C1", copy.started)
                     - copy.started)
    assert taken == pytest.approx(expected)
    assert taken == pytest.approx([0, 0, 1, 2, 3, 4, 5, 6])  # a burst of 2, then 1 a second


def test_other_channels_and_workspaces_are_not_held_back(copies) -> None:
    first, second = copies
    for _ in range(5):
        first.pacer.reserve("T1", "chat.postMessage", "C1", first.started)
    assert second.pacer.reserve("T1", "chat.postMessage", "C2", second.started) == \
        second.started
    assert second.pacer.reserve("T2", "chat.postMessage", "C1", second.started) == \
        second.started


def test_a_429_one_copy_met_holds_the_other_back(copies) -> None:
    first, second = copies
    first.pacer.refused("T1", "chat.update", "C1", first.started + 30)
    assert second.pacer.blocked_until("T1", "chat.update", "C9", second.started) == \
        pytest.approx(second.started + 30)
    assert second.pacer.reserve("T1", "chat.update", "C9", second.started) == \
        pytest.approx(second.started + 30)
    assert second.pacer.blocked_until("T1", "users.info", "", second.started) == \
        second.started


def test_copies_reserving_at_once_never_share_a_slot(copies) -> None:
    first, second = copies
    slots: list[float] = []
    lock = threading.Lock()

    def send(copy: Copy) -> None:
        for _ in range(10):
            at = copy.pacer.reserve("T1", "chat.postMessage", "C1", copy.started) - copy.started
            with lock:
                slots.append(at)

    threads = [threading.Thread(target=send, args=(c,)) for c in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(slots) == pytest.approx([0, 0, *range(1, 19)])


def test_a_method_without_limits_goes_at_once_and_touches_nothing(copies) -> None:
    first, _ = copies
    assert first.pacer.reserve("T1", "auth.test", "", first.started) == first.started
    with first.ctx.uow() as uow:
        assert uow.send_paces.lock([], WALL) == {}
