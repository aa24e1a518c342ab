"""Sixteen complaints raised at the same moment: each raised once, numbered 1..16."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from bot.services.complaints.raising import ComplaintRequest, raise_complaint
from bot.services.context import ServiceContext
from tests.services.complaints.test_complaints import KIM, MONDAY_9, WS, directory, services

__all__ = ["directory", "services"]  # the complaint tests' fixtures: a team and Acme Corp

AT_ONCE = 16


def test_simultaneous_raises_each_get_their_own_number(services: ServiceContext) -> None:
    start = Barrier(AT_ONCE)

    def raise_one(i: int) -> str:
        start.wait()
        out = raise_complaint(services, ComplaintRequest(
            WS, KIM, f"Acme Corp: delivery {i} days late", "command", f"burst-{i}"), MONDAY_9)
        return out.status

    with ThreadPoolExecutor(AT_ONCE) as pool:
        statuses = list(pool.map(raise_one, range(AT_ONCE)))
    assert statuses == ["raised"] * AT_ONCE
    with services.uow() as uow:
        numbers = sorted(uow.complaints.by_source(WS, f"burst-{i}").number  # type: ignore[union-attr]
                         for i in range(AT_ONCE))
    assert numbers == list(range(1, AT_ONCE + 1))
