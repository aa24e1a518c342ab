"""No single message stops the log reader (issue 11): a NUL, a parser that panics or hangs,
a reader thread that dies. Through the real HTTP endpoint, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.parsing import parse_log
from handlers import ids
from store.models import FollowUp
from tests.e2e.harness import RunningBot, block_texts
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, dm_message, slash_command
from tests.support.concurrency import FakePanic, until


def _rows(bot: RunningBot) -> list[tuple[str, str, int]]:
    """Every stored log: (status, raw text, attempts), oldest first."""
    with bot.runtime.services.uow() as uow:
        return [(r.status, r.raw_text, r.attempts) for r in
                uow.session.scalars(select(FollowUp).order_by(FollowUp.id))]


def test_a_nul_in_a_log_and_a_dm_is_kept_read_and_later_logs_are_still_read(
        bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact")
    shown = block_texts(_log(bot, slack, "Acme Corp:\x00 called Li, send quote by Friday 3pm")
                        ["blocks"])
    assert "\x00" not in shown and "Fri, 27 Nov 2026 15:00" in shown
    assert bot.send(dm_message("Acme Corp: Li\x00 wants 20 seats", user_id=REP,
                               team_id=TEAM_ID))[0] == 200
    reply = slack.wait_for(lambda c: c.method == "chat.postMessage")
    assert "Logged" in (reply.text or "") and "\x00" not in str(reply.params)
    after = block_texts(_log(bot, slack, "Acme Corp: sent the quote, call back Monday")["blocks"])
    assert "Acme Corp" in after
    rows = _rows(bot)
    assert [text for _, text, _ in rows[1:]] == [
        "Acme Corp:\ufffd called Li, send quote by Friday 3pm",
        "Acme Corp: Li\ufffd wants 20 seats", "Acme Corp: sent the quote, call back Monday"]
    assert [status for status, _, _ in rows] == ["recorded"] * 4
    assert bot.runtime.reader.restarts == 0 and bot.health() == (200, "ok")


@pytest.fixture
def boxed_bot(db_url: str, slack: FakeSlack, clock: Any, directory: Any
              ) -> Iterator[Callable[..., RunningBot]]:
    """The bot reading logs with the parser given (through ServiceContext.parse)."""
    started: list[RunningBot] = []

    def start(parse: Callable[..., Any], **kw: Any) -> RunningBot:
        started.append(RunningBot(db_url, slack, clock, directory, parse=parse, **kw))
        return started[-1]

    yield start
    for running in started:
        running.stop()


def _fails_alone_after_its_retries(bot: RunningBot, slack: FakeSlack, clock: Any) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact")
    hook = slack.response_url()
    assert bot.send(slash_command(ids.COMMAND_LOG, "Acme Corp: BAD text", user_id=REP,
                                  team_id=TEAM_ID, response_url=hook))[0] == 200
    bot.settle()
    for _ in range(3):  # each retry waits out the previous attempt's one-minute lease
        assert not slack.response_posts(hook)[1:]  # tried, not given up yet
        bot.at(clock.now() + timedelta(minutes=2))
    told = slack.response_posts(hook)[-1].params
    assert "could not read this log" in (told.get("text") or "") + block_texts(
        told.get("blocks") or [])
    assert _rows(bot)[1] == ("failed", "Acme Corp: BAD text", 3)
    assert "Acme Corp" in block_texts(_log(bot, slack, "Acme Corp: call back Monday")["blocks"])
    assert bot.runtime.reader.restarts == 0 and bot.health() == (200, "ok")


def test_a_parser_panic_fails_only_that_log_after_its_retries(boxed_bot, slack: FakeSlack,
                                                               clock) -> None:
    def panicking(text: str, **kw: Any) -> Any:
        if "BAD" in text:
            raise FakePanic("CString::new failed: NulError")
        return parse_log(text, **kw)

    _fails_alone_after_its_retries(boxed_bot(panicking), slack, clock)


@pytest.fixture
def release() -> Iterator[threading.Event]:
    gate = threading.Event()
    yield gate
    gate.set()  # lets the abandoned parses end with the test


def test_a_parse_that_hangs_is_abandoned_and_fails_only_that_log(
        boxed_bot, slack: FakeSlack, clock, release: threading.Event) -> None:
    def hanging(text: str, **kw: Any) -> Any:
        if "BAD" in text:
            release.wait()
        return parse_log(text, **kw)

    _fails_alone_after_its_retries(boxed_bot(hanging, parse_seconds=0.5), slack, clock)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # meant to
def test_a_dead_reader_is_restarted_and_healthz_says_so_meanwhile(bot: RunningBot,
                                                                  slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact")
    reader = bot.runtime.reader
    gives_way = reader.before_each

    def end_the_thread() -> None:
        reader.before_each = gives_way  # only once
        raise SystemExit  # what ends a thread for good

    reader.before_each = end_the_thread
    hook = slack.response_url()
    bot.send(slash_command(ids.COMMAND_LOG, "Acme Corp: call back Monday", user_id=REP,
                           team_id=TEAM_ID, response_url=hook))
    until(bot.runtime.reader.problem)
    assert bot.health() == (503, "log-reader is not running")
    assert bot.runtime.supervise() == 1 and bot.runtime.reader.restarts == 1
    assert bot.health() == (200, "ok")
    done = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert "Acme Corp" in block_texts(done.params["blocks"])
    assert bot.runtime.supervise() == 0
