"""The registry of message kinds: payload versions read and upgraded one step at a time,
payloads newer than this release refused, every queued payload stamped with its version."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.pacing import Lane
from bot.services.context import ServiceContext
from bot.services.delivery.kinds import KINDS, VERSION, Kind, read_payload, version_of
from bot.services.delivery.outbox import LOG_REPLY, queue, queue_thread
from bot.services.review.post import REVIEW_REP, REVIEW_TEAM
from store.models import Notification

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _renamed(old: str, new: str) -> Any:
    def upgrade(payload: dict[str, Any]) -> dict[str, Any]:
        payload[new] = payload.pop(old)
        return payload
    return upgrade


THIRD = Kind("test_kind", Lane.PERSON, version=3,
             upgrades={1: _renamed("a", "b"), 2: _renamed("b", "c")})


def test_every_kind_can_read_every_version_before_its_own() -> None:
    for kind in KINDS.values():
        assert set(kind.upgrades) == set(range(1, kind.version)), kind.name
        assert isinstance(kind.lane, Lane)


def test_a_payload_without_a_version_is_read_as_version_one_and_upgraded_step_by_step() -> None:
    assert read_payload(THIRD, {"a": 1, "keep": "x"}) == {"c": 1, "keep": "x"}
    assert read_payload(THIRD, {"b": 2, VERSION: 2}) == {"c": 2}
    assert read_payload(THIRD, {"c": 3, VERSION: 3}) == {"c": 3}


@pytest.mark.parametrize("version", [4, 99, 0, -1, "2", None, True, 2.0])
def test_a_payload_this_release_cannot_read_is_refused(version: Any) -> None:
    assert read_payload(THIRD, {"c": 3, VERSION: version}) is None


def test_reading_does_not_change_the_stored_payload() -> None:
    stored = {"a": 1}
    read_payload(THIRD, stored)
    assert stored == {"a": 1}


def test_a_kind_this_release_does_not_know_is_version_one() -> None:
    assert version_of("not_a_kind") == 1


def test_every_queued_payload_carries_its_kinds_version(services: ServiceContext) -> None:
    with services.uow() as uow:
        queue(services, uow, workspace_id="T1", kind=LOG_REPLY, recipient="U1",
              payload={"status": "recorded"}, now=T0)
        queue_thread(services, uow, workspace_id="T1", kind=REVIEW_TEAM, channel="C1",
                     payload={"review": {}}, reply_kind=REVIEW_REP, replies=[{"rep": {}}],
                     now=T0, dedupe_key="review:x")
        uow.commit()
    with services.uow() as uow:
        rows = uow.session.scalars(select(Notification).order_by(Notification.id)).all()
        assert [(r.kind, r.payload[VERSION]) for r in rows] == [
            (LOG_REPLY, KINDS[LOG_REPLY].version), (REVIEW_TEAM, KINDS[REVIEW_TEAM].version),
            (REVIEW_REP, KINDS[REVIEW_REP].version)]
