"""A complaint is stored before Slack's answer and raised by the worker after it: exactly
once, whatever crashes between the two (on SQLite and PostgreSQL, time passed in)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.domain.leases import LEASE
from bot.services.complaints.intake import (
    COMPLAINT,
    process_received_complaints,
    receive_complaint,
)
from bot.services.complaints.raising import ComplaintRequest, raise_complaint
from bot.services.context import ServiceContext
from store.models import Complaint, InboxRequest, Notification
from tests.services.complaints.test_complaints import HOOK, KIM, MONDAY_9, WS
from tests.services.complaints.test_complaints import directory as directory  # noqa: F401
from tests.services.complaints.test_complaints import services as services  # noqa: F401

REQUEST = ComplaintRequest(WS, KIM, "Acme Corp: delivery two weeks late", "command", "slash:1",
                           reply_url=HOOK)


def _counts(services: ServiceContext) -> tuple[int, int, int, list[str]]:
    """Complaints, answers to the command, pages to the owner, and the inbox's states."""
    with services.uow() as uow:
        def count(*where: object) -> int:
            return int(uow.session.scalar(select(func.count()).select_from(Notification)
                                          .where(*where)) or 0)
        complaints = int(uow.session.scalar(select(func.count()).select_from(Complaint)) or 0)
        answers = count(Notification.kind == "complaint_respond")
        pages = count(Notification.kind == "complaint_page")
        inbox = list(uow.session.scalars(select(InboxRequest.status)).all())
    return complaints, answers, pages, inbox


def test_a_request_delivered_twice_is_stored_once(services) -> None:
    assert receive_complaint(services, REQUEST, MONDAY_9) is True
    assert receive_complaint(services, REQUEST, MONDAY_9) is False
    assert _counts(services) == (0, 0, 0, ["received"])  # nothing raised before the answer
    assert process_received_complaints(services, MONDAY_9) == 1
    assert _counts(services) == (1, 1, 1, ["done"])
    assert process_received_complaints(services, MONDAY_9) == 0


def test_a_worker_killed_after_raising_repeats_nothing(services) -> None:
    receive_complaint(services, REQUEST, MONDAY_9)
    with services.uow() as uow:  # a worker claims it, raises it, and dies before "done"
        assert len(uow.inbox.claim_received([COMPLAINT], MONDAY_9, LEASE, 10)) == 1
        uow.commit()
    raise_complaint(services, REQUEST, MONDAY_9)
    assert process_received_complaints(services, MONDAY_9) == 0  # its lease still holds
    later = MONDAY_9 + LEASE + timedelta(seconds=1)
    assert process_received_complaints(services, later) == 1
    assert _counts(services) == (1, 1, 1, ["done"])


def test_a_worker_killed_before_raising_leaves_it_for_the_next(services) -> None:
    receive_complaint(services, REQUEST, MONDAY_9)
    with services.uow() as uow:
        uow.inbox.claim_received([COMPLAINT], MONDAY_9, LEASE, 10)
        uow.commit()
    process_received_complaints(services, MONDAY_9 + LEASE + timedelta(seconds=1))
    assert _counts(services) == (1, 1, 1, ["done"])
    with services.uow() as uow:  # raised as of when the person raised it
        c = uow.session.scalars(select(Complaint)).one()
        assert c.created_at == MONDAY_9


def test_a_complaint_naming_no_customer_is_answered_once(services) -> None:
    request = ComplaintRequest(WS, KIM, "they are unhappy", "command", "slash:2",
                               reply_url=HOOK)
    receive_complaint(services, request, MONDAY_9)
    process_received_complaints(services, MONDAY_9)
    raise_complaint(services, request, MONDAY_9)  # as a repeat after a crash would
    with services.uow() as uow:
        said = uow.session.scalars(select(Notification.payload).where(
            Notification.kind == "complaint_respond")).all()
    assert [(p["status"], p["response_url"]) for p in said] == [("no_customer", HOOK)]
