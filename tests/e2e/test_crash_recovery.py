"""kill -9 while reminders are going out: after a restart every claimed message is sent
once its claim has run out (claims last 30 s and only a living process renews them).

Waiting out the 30 s in real time made this the suite's slowest test; the dead process's
leases are moved into the past instead (what 30 s of nobody renewing them does), and the
domain test holds LEASE itself at 30 s or less."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from store.engine import make_engine, make_session_factory
from store.models import Notification
from tests.e2e.processes import REP, BotProcess, queue_reminder
from tests.fakes import FakeSlack

MESSAGES = 8  # fewer than the sender claims at once (16): the dead process held them all
# From the claims running out to the last message sent: the keeper looks every 5 s, and one
# person's DMs go out at Slack's pace of about one a second.
WITHIN = 20.0


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user(REP, tz="Europe/Berlin")
        yield fake


def _queue_reminders(db_url: str) -> None:
    engine = make_engine(db_url)
    due = datetime.now(UTC)
    with make_session_factory(engine)() as session:
        for i in range(MESSAGES):
            queue_reminder(session, f"task {i}", due)
        session.commit()
    engine.dispose()


def _leased(db_url: str) -> int:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        count = session.scalar(select(func.count()).select_from(Notification).where(
            Notification.status == "pending", Notification.lease_until.is_not(None)))
    engine.dispose()
    return int(count or 0)


def _let_the_leases_run_out(db_url: str) -> None:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        session.execute(update(Notification).where(Notification.lease_until.is_not(None))
                        .values(lease_until=datetime.now(UTC) - timedelta(seconds=1)))
        session.commit()
    engine.dispose()


def _titles(slack: FakeSlack) -> list[str]:
    return [str(c.text) for c in slack.calls_to("chat.postMessage")
            if c.params.get("channel") == REP]


def test_messages_claimed_by_a_killed_bot_are_sent_once_their_claims_run_out(
        db_url: str, slack: FakeSlack, tmp_path: Path) -> None:
    slack.delay("chat.postMessage", 5.0)  # Slack stalls: the bot sits in its first send
    first = BotProcess(db_url, slack, tmp_path)
    try:
        first.wait_healthy()
        _queue_reminders(db_url)
        in_hand = slack.wait_for(lambda c: c.method == "chat.postMessage", timeout=30).text
        # All claimed (the sender claims 16 at a time), one in Slack's hands.
        deadline = time.monotonic() + 10
        while _leased(db_url) < MESSAGES and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _leased(db_url) == MESSAGES
    finally:
        first.kill()
    slack.delay("chat.postMessage", 0)
    second = BotProcess(db_url, slack, tmp_path)
    try:
        second.wait_healthy()
        # Nothing of the dead process's is taken while its claims last.
        time.sleep(1.0)
        assert set(_titles(slack)) == {in_hand}
        _let_the_leases_run_out(db_url)
        restarted_at = time.monotonic()
        slack.wait_for(lambda _: len(set(_titles(slack))) == MESSAGES, timeout=WITHIN + 30)
        last = max(c.at for c in slack.calls_to("chat.postMessage"))
    finally:
        second.stop()
    assert last - restarted_at < WITHIN
    titles = _titles(slack)
    # Only the message Slack had accepted when the bot died may be said twice (the window).
    assert len(set(titles)) == MESSAGES
    assert all(titles.count(t) == 1 for t in set(titles) if t != in_hand)
