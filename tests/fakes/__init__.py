"""Slack test doubles: a fake Web API server and builders of signed Slack requests."""

from tests.fakes._fixtures import APP_ID, BOT_ID, BOT_USER_ID, FIXTURES_DIR, TEAM_ID, load_fixture
from tests.fakes.signing import (
    TEST_SIGNING_SECRET,
    SignedRequest,
    block_actions,
    channel_message,
    compute_signature,
    dm_message,
    dm_message_event,
    event,
    issue_trigger_id,
    message_action,
    replay_fixture,
    sign,
    slash_command,
    view_submission,
)
from tests.fakes.slack_api import Call, FakeSlack

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "FIXTURES_DIR",
    "TEAM_ID",
    "TEST_SIGNING_SECRET",
    "Call",
    "FakeSlack",
    "SignedRequest",
    "block_actions",
    "channel_message",
    "compute_signature",
    "dm_message",
    "dm_message_event",
    "event",
    "issue_trigger_id",
    "load_fixture",
    "message_action",
    "replay_fixture",
    "sign",
    "slash_command",
    "view_submission",
]
