"""A rep's message in their review thread: their log, confirmed by a reaction; anyone
else's message, or another thread's, is not a log."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.services.delivery.kinds import VERSION
from bot.services.logs.intake import process_received_logs
from bot.services.review.replies import receive_thread_reply
from store.models import FollowUp, Notification
from tests.services.logs.test_logs import WS, _customer

CHANNEL, THREAD = "C0EAST", "1764000000.000001"
NOW = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


def _thread(services) -> None:
    with services.uow() as uow:
        uow.review_threads.add(WS, CHANNEL, THREAD, "East", date(2026, 11, 23),
                               ["U0REP", "U0REP2"], NOW)
        uow.commit()


def _said(services) -> list[tuple[str, dict]]:
    with services.uow() as uow:
        # The payload as written by the service, without the version queue() stamps on it.
        return [(n.kind, {k: v for k, v in n.payload.items() if k != VERSION})
                for n in uow.session.scalars(
            select(Notification).where(Notification.kind.in_(("reaction", "thread_reply")))
            .order_by(Notification.id))]


def _reply(services, user: str, ts: str, text: str = "Acme Corp: called Li, all good",
           thread: str = THREAD):
    return receive_thread_reply(services, WS, CHANNEL, thread, ts, user, text, NOW)


def test_only_a_rep_of_the_review_in_its_thread_is_logged(services) -> None:
    _thread(services)
    assert _reply(services, "U0LEAD", "1.1") is None  # the lead is not a rep of the review
    assert _reply(services, "U0REP", "1.2", thread="1764000000.999999") is None
    assert _reply(services, "U0REP", "1.3").status == "received"
    assert _reply(services, "U0REP", "1.3").status == "duplicate"  # Slack's retry
    with services.uow() as uow:
        rows = uow.session.scalars(select(FollowUp)).all()
        assert [(r.author_id, r.source, r.source_ts, r.reply_thread_ts) for r in rows] == [
            ("U0REP", "review", "1.3", THREAD)]


def test_a_read_log_gets_a_check_mark_and_nothing_else(services) -> None:
    _thread(services)
    _customer(services, "Acme Corp")
    _reply(services, "U0REP", "1.4")
    process_received_logs(services, NOW)
    assert _said(services) == [("reaction", {"timestamp": "1.4", "name": "white_check_mark"})]


def test_a_reply_that_cannot_be_read_gets_a_cross_and_a_reason(services) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("parser bug")

    _thread(services)
    services = replace(services, parse=broken)
    _reply(services, "U0REP", "1.5", "Acme Corp: something odd")
    for minute in range(4):  # each attempt waits out the previous one's lease
        process_received_logs(services, NOW + timedelta(minutes=2 * minute))
    said = _said(services)
    assert said[0] == ("reaction", {"timestamp": "1.5", "name": "x"})
    kind, payload = said[1]
    assert kind == "thread_reply" and payload["thread_ts"] == THREAD
    assert payload["channel"] == CHANNEL and payload["outcome"]["message"] == "log_unreadable"


def test_a_reply_with_a_nul_is_kept_and_read(services) -> None:
    _thread(services)
    _customer(services, "Acme Corp")
    assert _reply(services, "U0REP", "1.6", "Acme Corp: called\x00 Li").status == "received"
    process_received_logs(services, NOW)
    assert _said(services) == [("reaction", {"timestamp": "1.6", "name": "white_check_mark"})]
    with services.uow() as uow:
        assert uow.session.scalar(select(FollowUp.raw_text)) == "Acme Corp: called\ufffd Li"
