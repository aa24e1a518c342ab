"""`python -m bot socket` as a real process, connected to a fake Socket Mode server.

Slack's envelopes (slash command, event, button click) reach the same handlers as over
HTTP; each is acknowledged with its envelope id, and a redelivered event is not stored twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from handlers import ids
from store.engine import make_engine, make_session_factory
from store.models import Customer, FollowUp
from tests.e2e.harness import buttons
from tests.e2e.processes import REP, BotProcess
from tests.fakes import TEAM_ID, FakeSlack, block_actions, dm_message, slash_command
from tests.fakes.socket_mode import FakeSocketMode

APP_TOKEN = "xapp-1-A0000-0000-never-log-this-app-token"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user(REP, tz="Europe/Berlin")
        yield fake


def _count(db_url: str, model: type[FollowUp] | type[Customer]) -> int:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        engine.dispose()


def test_socket_mode_serves_commands_events_and_clicks(tmp_path: Path, slack: FakeSlack) -> None:
    db_url = f"sqlite:///{tmp_path / 'crm.db'}"
    with FakeSocketMode(slack) as socket_mode:
        bot = BotProcess(db_url, slack, tmp_path, ("socket",),
                         extra_env={"SLACK_APP_TOKEN": APP_TOKEN})
        try:
            socket_mode.wait_connected()
            hook = slack.response_url()
            command = slash_command(ids.COMMAND_LOG, "Acme Corp: called Li, send quote by "
                                    "Friday 3pm", user_id=REP, team_id=TEAM_ID,
                                    response_url=hook)
            ack = socket_mode.wait_ack(socket_mode.push("slash_commands", command.payload))
            assert "Saved" in ack["payload"]["text"]
            answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook,
                                    timeout=20).params
            assert "Which customer" in answer["text"]

            click_hook = slack.response_url()
            click = block_actions(ids.LOG_CREATE_CUSTOMER,
                                  buttons(answer["blocks"])[ids.LOG_CREATE_CUSTOMER],
                                  user_id=REP, team_id=TEAM_ID, response_url=click_hook)
            socket_mode.wait_ack(socket_mode.push("interactive", click.payload))
            confirmed = slack.wait_for(lambda c: c.method == "response_url"
                                       and c.url == click_hook, timeout=20).params
            assert "Acme Corp" in str(confirmed["blocks"])

            dm = dm_message("Called Beta Ltd, send the contract tomorrow 10am", user_id=REP,
                            team_id=TEAM_ID, event_id="Ev0SOCKET1")
            first = socket_mode.push("events_api", dm.payload)
            socket_mode.wait_ack(first)
            # Slack redelivers an envelope it thinks was not acknowledged, with a new id.
            socket_mode.wait_ack(socket_mode.push("events_api", dm.payload, retry_attempt=1))
            slack.wait_for(lambda c: c.method == "chat.postMessage"
                           and c.params.get("channel", "").startswith("D"), timeout=20)
        finally:
            output = bot.stop()
    assert bot.proc.returncode == 0, f"the process must stop cleanly on Ctrl-C:\n{output[-8000:]}"
    assert _count(db_url, Customer) == 1
    assert _count(db_url, FollowUp) == 2  # the /log and one DM, not two
    assert APP_TOKEN not in output and "xapp-" not in output
