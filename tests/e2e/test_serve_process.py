"""`python -m bot serve` as a real process: health, Slack traffic, secrets, two copies at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handlers import ids
from store.engine import make_engine, make_session_factory
from tests.e2e.processes import BOT_TOKEN, REP, BotProcess, queue_reminder
from tests.fakes import TEAM_ID, TEST_SIGNING_SECRET, FakeSlack, slash_command
from tests.support import databases


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user(REP, tz="Europe/Berlin")
        yield fake


def test_serve_answers_slack_and_never_logs_secrets(tmp_path: Path, slack: FakeSlack) -> None:
    bot = BotProcess(f"sqlite:///{tmp_path / 'crm.db'}", slack, tmp_path)
    try:
        bot.wait_healthy()
        hook = slack.response_url()
        status, _, body = slash_command(ids.COMMAND_LOG, "Acme Corp: called Li, send quote "
                                        "by Friday 3pm", user_id=REP, team_id=TEAM_ID,
                                        response_url=hook).send(bot.url)
        assert status == 200 and b"Saved" in body
        answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
        assert "Which customer" in answer.params["text"]
        forged = slash_command(ids.COMMAND_LOG, "x", user_id=REP, team_id=TEAM_ID,
                               signing_secret="wrong")
        assert forged.send(bot.url)[0] == 401
        slack.fail("users.info", error="invalid_auth", status=200, times=10)
        status, _, _ = slash_command(ids.COMMAND_TASKS, "", user_id="U0OTHER",
                                     team_id=TEAM_ID).send(bot.url)
        assert status == 200
        time.sleep(1.0)  # let the failing profile look-up be attempted and logged
    finally:
        output = bot.stop()
    assert "serving Slack on" in output
    assert BOT_TOKEN not in output and TEST_SIGNING_SECRET not in output
    assert "xoxb-" not in output


def test_two_copies_on_postgresql_send_each_reminder_once(tmp_path: Path, slack: FakeSlack,
                                                          _postgres) -> None:
    if isinstance(_postgres, str):
        databases.unavailable(_postgres)
    for _ in databases.empty_postgres(_postgres.url):
        pass
    bots = [BotProcess(_postgres.url, slack, tmp_path) for _ in range(2)]
    try:
        for bot in bots:
            bot.wait_healthy()
        engine = make_engine(_postgres.url)
        due = datetime.now(UTC) + timedelta(seconds=2)
        with make_session_factory(engine)() as session:
            # To 60 people: one person's 60 reminders would be paced at Slack's one message
            # a second per channel.
            for i in range(60):
                queue_reminder(session, f"task {i}", due, owner=f"{REP}{i:02d}")
            session.commit()
        engine.dispose()
        slack.wait_for(lambda c: len([x for x in slack.calls_to("chat.postMessage")]) >= 60,
                       timeout=30)
        time.sleep(1.5)  # several more sweeps by both copies
    finally:
        for bot in bots:
            bot.stop()
    titles = sorted(c.text for c in slack.calls_to("chat.postMessage")
                    if str(c.params["channel"]).startswith(REP))
    assert len(titles) == 60 and len(set(titles)) == 60


def test_serve_without_background_and_a_worker_process_share_the_work(
        tmp_path: Path, slack: FakeSlack, _postgres) -> None:
    if isinstance(_postgres, str):
        databases.unavailable(_postgres)
    for _ in databases.empty_postgres(_postgres.url):
        pass
    web = BotProcess(_postgres.url, slack, tmp_path, ("serve", "--no-background", "--host",
                                                      "127.0.0.1", "--port", "{port}"))
    worker = BotProcess(_postgres.url, slack, tmp_path, ("worker", "--poll", "0.1"))
    try:
        web.wait_healthy()
        hook = slack.response_url()
        status, _, body = slash_command(ids.COMMAND_LOG, "Acme Corp: send quote by Friday 3pm",
                                        user_id=REP, team_id=TEAM_ID,
                                        response_url=hook).send(web.url)
        assert status == 200 and b"Saved" in body
        answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook,
                                timeout=20)
        assert "Which customer" in answer.params["text"]
    finally:
        web_log, worker_log = web.stop(), worker.stop()
    assert "left to `python -m bot worker`" in web_log
    assert "worker running" in worker_log
