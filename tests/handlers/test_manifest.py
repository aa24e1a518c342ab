"""manifest.yml is valid for Slack and matches what the bot registers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient

from bot.config import Settings
from bot.services.context import ServiceContext
from bot.teamconfig import parse_directory
from handlers import ids
from handlers.register import register
from tests.fakes import (
    FIXTURES_DIR,
    TEAM_ID,
    FakeSlack,
    SignedRequest,
    block_actions,
    slash_command,
    view_submission,
)

ROOT = Path(__file__).resolve().parents[2]
T = TEAM_ID  # the workspace the fake Slack's token belongs to
SCHEMAS = FIXTURES_DIR / "manifest-schema"


def _manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / "manifest.schema.1.0.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def test_manifest_is_valid_against_slacks_schema() -> None:
    errors = sorted(_validator().iter_errors(_manifest()), key=str)
    assert errors == []


def test_the_schema_check_catches_a_broken_manifest() -> None:
    invalid = json.loads((SCHEMAS / "examples" / "v1.manifest.invalid.json").read_text())
    assert list(_validator().iter_errors(invalid))
    broken = _manifest()
    broken["features"]["slash_commands"][0].pop("description")
    assert list(_validator().iter_errors(broken))


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as slack:
        yield slack


def _app(fake: FakeSlack) -> App:
    app = App(client=WebClient(token="xoxb-test", base_url=fake.api_url), signing_secret="s",
              token_verification_enabled=False,
              request_verification_enabled=False, process_before_response=True,
              raise_error_for_unhandled_request=False)
    services = ServiceContext(uow=lambda: None, directory=parse_directory(""))  # type: ignore
    register(app, services, clock=lambda: None)  # type: ignore[arg-type,return-value]
    return app


def _dispatch(app: App, request: SignedRequest) -> int:
    return app.dispatch(BoltRequest(body=request.body.decode(), headers=request.headers)).status


def test_manifest_commands_are_exactly_the_registered_ones(fake: FakeSlack) -> None:
    commands = [c["command"] for c in _manifest()["features"]["slash_commands"]]
    assert sorted(commands) == sorted(ids.COMMANDS)
    app = _app(fake)
    for command in commands:
        assert _dispatch(app, slash_command(command, "help", user_id="U1", team_id=T)) == 200
    assert _dispatch(app, slash_command("/unknown", "help", user_id="U1", team_id=T)) == 404


def test_every_action_and_view_id_has_a_listener(fake: FakeSlack) -> None:
    app = _app(fake)
    for action_id in ids.ACTIONS:
        request = block_actions(action_id, "not-a-number", user_id="U1", team_id=T,
                                response_url="http://127.0.0.1:9/hook")
        assert _dispatch(app, request) == 200, action_id
    assert _dispatch(app, block_actions("nope", "1", user_id="U1", team_id=T,
                                        response_url="http://127.0.0.1:9/hook")) == 404
    for callback_id in ids.VIEWS:
        assert _dispatch(app, view_submission(callback_id, {}, user_id="U1", team_id=T)) == 200


def test_manifest_escapes_mentions_and_asks_least_privilege() -> None:
    manifest = _manifest()
    assert all(c["should_escape"] for c in manifest["features"]["slash_commands"])
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands", "chat:write", "im:history", "users:read", "channels:history",
        "groups:history", "reactions:write"}
    settings = manifest["settings"]
    assert settings["interactivity"]["is_enabled"] and settings["socket_mode_enabled"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "message.im", "message.channels", "message.groups", "app_home_opened"}
    assert manifest["features"]["app_home"]["home_tab_enabled"]
    assert manifest["features"]["app_home"]["messages_tab_enabled"]


def test_every_id_is_unique() -> None:
    every = list(ids.COMMANDS) + list(ids.ACTIONS) + list(ids.VIEWS)
    assert len(every) == len(set(every))


def test_settings_repr_hides_secrets() -> None:
    settings = Settings(slack_bot_token="xoxb-very-secret", slack_signing_secret="sign-secret")
    assert "very-secret" not in repr(settings) and "sign-secret" not in repr(settings)
