"""Composing a claimed message only reads: on SQLite it goes on while another unit holds the
writer's turn (an acknowledgement's INSERT need not wait behind a burst of reminders being
composed); what no longer holds is still cancelled, and what this release cannot read held.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.leases import LEASE
from bot.services.context import ServiceContext
from bot.services.delivery.sending import SweepReport, prepare
from store.models import Notification, Task
from store.repositories.claims import NOTIFICATIONS
from tests.e2e.processes import queue_reminder
from tests.support.concurrency import beside_a_held_writer

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _claimed_reminder(services: ServiceContext, title: str) -> int:
    with services.uow() as uow:
        queue_reminder(uow.session, title, NOW)
        uow.commit()
    with services.one_statement() as uow:
        (note_id,) = uow.notifications.claim_due(NOW, LEASE, 1)
        uow.commit()
    services.claims.hold(NOTIFICATIONS, [note_id], NOW + LEASE)
    return note_id


def _note(services: ServiceContext, note_id: int) -> Notification:
    with services.uow() as uow:
        note = uow.session.get(Notification, note_id)
        assert note is not None
        uow.session.expunge(note)
        return note


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_reminder_is_composed_while_another_unit_holds_the_writer(
        services: ServiceContext) -> None:
    note_id = _claimed_reminder(services, "Send Acme the quote")
    item, waited = beside_a_held_writer(
        services, lambda: prepare(services, note_id, NOW, SweepReport()))
    assert not waited, "composing waited for the writer"
    assert item is not None and item.message is not None
    assert "Send Acme the quote" in str(item.message.payload)


def test_a_reminder_of_a_task_done_meanwhile_is_cancelled(services: ServiceContext) -> None:
    note_id = _claimed_reminder(services, "Call Globex")
    with services.uow() as uow:
        note = uow.session.get(Notification, note_id)
        assert note is not None and note.task_id is not None
        task = uow.session.get(Task, note.task_id)
        assert task is not None
        task.status = "done"
        uow.commit()
    report = SweepReport()
    assert prepare(services, note_id, NOW, report) is None
    assert report.dropped == 1 and _note(services, note_id).status == "cancelled"


def test_a_payload_newer_than_this_release_is_held_not_sent_nor_dropped(
        services: ServiceContext) -> None:
    note_id = _claimed_reminder(services, "Visit Initech")
    with services.uow() as uow:
        note = uow.session.get(Notification, note_id)
        assert note is not None
        note.payload = {"v": 99}
        uow.commit()
    report = SweepReport()
    assert prepare(services, note_id, NOW, report) is None
    held = _note(services, note_id)
    assert report.held == 1 and held.status == "pending"
    assert held.lease_until is not None and held.lease_until.replace(tzinfo=UTC) > NOW + LEASE
    assert held.last_error is not None and held.last_error.startswith("held:")


def test_a_row_taken_over_meanwhile_is_neither_composed_nor_written(
        services: ServiceContext) -> None:
    note_id = _claimed_reminder(services, "Call Umbrella")
    services.claims.release(NOTIFICATIONS, note_id)  # as if another process took it over
    report = SweepReport()
    assert prepare(services, note_id, NOW, report) is None
    assert (report.held, report.dropped) == (0, 0)
    assert _note(services, note_id).status == "pending"
