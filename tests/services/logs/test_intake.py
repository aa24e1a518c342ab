"""Taking in logs: the text is stored before anything else, and always read in the end."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.services.delivery.sweeps import run_sweep
from bot.services.logs.intake import LogRequest, process_received_logs, read_log, receive_log
from store.models import FollowUp, Notification
from tests.services.logs.test_logs import REP, WS, _customer
from tests.support.concurrency import beside_a_held_writer


def _receive(services, clock, text: str, key: str = "k1") -> int:
    out = receive_log(services, LogRequest(WS, REP, text, "slash", key,
                                           reply_url="https://hooks.example/1"), clock.now())
    assert out.status == "received" and out.follow_up is not None
    return out.follow_up.id


def test_a_received_log_is_stored_before_it_is_read(services, clock) -> None:
    follow_up_id = _receive(services, clock, "Acme Corp: send quote by Friday 3pm")
    with services.uow() as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        assert row.status == "received" and row.raw_text == "Acme Corp: send quote by Friday 3pm"


def test_a_log_left_unread_by_a_crash_is_read_and_answered_by_the_sweep(services, clock,
                                                                        notifier) -> None:
    _customer(services, "Acme Corp")
    follow_up_id = _receive(services, clock, "Acme Corp: send quote by Friday 3pm")
    # The process that stored it died before reading it; a later sweep finds it.
    run_sweep(services, notifier, clock.now() + timedelta(seconds=5))
    with services.uow() as uow:
        assert uow.session.get(FollowUp, follow_up_id).status == "recorded"
    replies = notifier.of_kind("respond")
    assert len(replies) == 1 and replies[0].payload["response_url"] == "https://hooks.example/1"
    assert replies[0].payload["outcome"]["status"] == "recorded"


def test_the_same_message_is_read_once_even_by_two_readers(services, clock) -> None:
    _customer(services, "Acme Corp")
    _receive(services, clock, "Acme Corp: send quote by Friday 3pm")
    assert process_received_logs(services, clock.now()) == 1
    assert process_received_logs(services, clock.now()) == 0
    with services.uow() as uow:
        replies = uow.session.scalars(select(Notification).where(
            Notification.kind == "respond")).all()
    assert len(replies) == 1


def test_a_log_that_cannot_be_read_is_kept_and_the_rep_is_told(services, clock) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("parser bug")

    services = replace(services, parse=broken)
    follow_up_id = _receive(services, clock, "Acme Corp: something odd")
    for minute in range(4):  # each attempt waits out the previous one's lease
        process_received_logs(services, clock.now() + timedelta(minutes=2 * minute))
    with services.uow() as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        assert row.status == "failed" and row.raw_text == "Acme Corp: something odd"
        replies = [n.payload["outcome"] for n in uow.session.scalars(select(Notification).where(
            Notification.kind == "respond"))]
    assert [r["status"] for r in replies] == ["failed"]
    assert replies[0]["message"] == "log_unreadable"  # said in the reader's language


@pytest.mark.parametrize("text", ["", "   ", "help", "帮助"])
def test_help_is_answered_without_storing_anything(services, clock, text) -> None:
    out = receive_log(services, LogRequest(WS, REP, text, "slash", "k"), clock.now())
    assert out.status == "usage"
    with services.uow() as uow:
        assert uow.session.scalars(select(FollowUp)).all() == []


def test_a_log_whose_reading_killed_the_process_is_failed_without_reading_it_again(
        services, clock) -> None:
    read: list[str] = []

    def parser(text: str, **_kwargs):
        read.append(text)
        raise AssertionError("must not be read again")

    services = replace(services, parse=parser)
    follow_up_id = _receive(services, clock, "Acme Corp: the text that crashes the reader")
    for minute in range(3):  # three readers claimed it and died before any verdict
        with services.one_statement() as uow:
            assert uow.follow_ups.claim_received(clock.now() + timedelta(minutes=2 * minute),
                                                 timedelta(minutes=1), 10) == [follow_up_id]
            uow.commit()
    process_received_logs(services, clock.now() + timedelta(minutes=6))
    assert read == []
    with services.uow() as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        assert (row.status, row.attempts) == ("failed", 4)
        assert row.raw_text == "Acme Corp: the text that crashes the reader"
        replies = [n.payload["outcome"]["status"] for n in uow.session.scalars(
            select(Notification).where(Notification.kind == "respond"))]
    assert replies == ["failed"]


def test_a_nul_is_kept_as_a_replacement_character_and_echoed_without_it(services,
                                                                        clock) -> None:
    out = receive_log(services, LogRequest(WS, REP, "Acme\x00 Corp: hi\ud800", "slash", "k"),
                      clock.now())
    assert out.follow_up is not None and out.follow_up.raw_text == "Acme\ufffd Corp: hi\ufffd"
    with services.uow() as uow:
        assert uow.session.scalar(select(FollowUp.raw_text)) == "Acme\ufffd Corp: hi\ufffd"


def test_reading_a_log_gives_way_before_its_look_and_before_its_write(services, clock) -> None:
    """The server's requests go first between a reading's steps (bot/runtime.py waits there
    for a moment with none in flight): once before its first look at the log, once after
    parsing and before the write; never inside a transaction (on SQLite a unit of work
    opened inside another in the same thread raises, so the look below would fail)."""
    _customer(services, "Acme Corp")
    seen: list[str] = []

    def give_way() -> None:
        with services.uow() as uow:
            rows = uow.session.scalars(select(FollowUp)).all()
            seen.append(",".join(sorted(row.status for row in rows)) + f" parsed={parsed}")

    parsed = 0
    reading = services.parse

    def parse(*args, **kwargs):
        nonlocal parsed
        parsed += 1
        return reading(*args, **kwargs)

    services = replace(services, give_way=give_way, parse=parse)
    _receive(services, clock, "Acme Corp: send quote by Friday 3pm")
    assert seen == []  # the acknowledgement's INSERT never waits
    process_received_logs(services, clock.now())
    assert seen == ["received parsed=0", "received parsed=1"]
    with services.uow() as uow:
        assert [row.status for row in uow.session.scalars(select(FollowUp))] == ["recorded"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_log_is_looked_at_and_parsed_while_another_unit_holds_the_writer(services,
                                                                          clock) -> None:
    """Only the reading's write queues for SQLite's one writer: its first look (the row,
    the author's zone, the customers it may name) and the parse go on beside a writer, so
    background reading holds up an acknowledgement's INSERT only while it writes."""
    _customer(services, "Acme Corp")
    parsing = threading.Event()
    reading = services.parse

    def parse(*args, **kwargs):
        parsing.set()
        return reading(*args, **kwargs)

    services = replace(services, parse=parse)
    follow_up_id = _receive(services, clock, "Acme Corp: send quote by Friday 3pm")
    with services.uow() as uow:  # the author's zone was asked of Slack today: nothing to queue
        uow.people.save_tz(WS, REP, "UTC", "rep", clock.now())
        uow.commit()
    reader = threading.Thread(target=read_log, args=(services, follow_up_id, clock.now()))
    parsed_beside_writer, _ = beside_a_held_writer(
        services, lambda: reader.start() or parsing.wait(5))
    reader.join(20)
    assert parsed_beside_writer, "the first look waited for the writer"
    with services.uow() as uow:
        assert [row.status for row in uow.session.scalars(select(FollowUp))] == ["recorded"]
