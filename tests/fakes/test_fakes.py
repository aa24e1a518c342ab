"""Tests of the Slack test doubles, driven by the real slack_sdk and slack_bolt clients."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_bolt import App
from slack_bolt.app.app import SlackAppDevelopmentServer
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from tests.fakes import (
    TEAM_ID,
    TEST_SIGNING_SECRET,
    FakeSlack,
    SignedRequest,
    block_actions,
    compute_signature,
    dm_message,
    issue_trigger_id,
    load_fixture,
    message_action,
    replay_fixture,
    slash_command,
    view_submission,
)

USER = "U0SALES1"
TOKEN = "xoxb-test-token"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(tokens={TOKEN}) as running:
        yield running


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(
        token=TOKEN,
        base_url=fake.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def test_rate_limited_call_is_retried_after_retry_after(fake: FakeSlack, client: WebClient) -> None:
    fake.rate_limit("chat.postMessage", times=1, retry_after=1)
    started = time.monotonic()
    resp = client.chat_postMessage(channel="C111", text="hello")
    assert resp["ok"] and time.monotonic() - started >= 1.0
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert fake.calls_to("chat.postMessage")[0].response["error"] == "ratelimited"


def test_users_info_returns_configured_time_zone(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user(USER, tz="Europe/Berlin", name="Anna Schmidt")
    user = client.users_info(user=USER)["user"]
    assert (user["tz"], user["real_name"]) == ("Europe/Berlin", "Anna Schmidt")
    assert user["tz_offset"] in (3600, 7200) and "locale" not in user
    assert client.users_info(user=USER, include_locale=True)["user"]["locale"] == "en-US"
    with pytest.raises(SlackApiError) as err:
        client.users_info(user="U0NOBODY")
    assert err.value.response["error"] == "user_not_found"


def test_response_url_refuses_sixth_use(fake: FakeSlack) -> None:
    url = fake.response_url()
    hook = WebhookClient(url)
    answers = [hook.send(text=f"try {n}", replace_original=True) for n in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [404]
    assert answers[-1].body == "used_url"
    assert fake.response_posts(url)[0].params == {"text": "try 0", "replace_original": True}


def test_signer_reproduces_slacks_published_vector() -> None:
    vector = load_fixture("signing/slack_docs_signature_example.json")
    body = vector["raw_body"].encode()
    ts = vector["headers"]["X-Slack-Request-Timestamp"]
    assert compute_signature(vector["signing_secret"], ts, body) == vector["expected_signature"]
    replayed = replay_fixture(
        "signing/slack_docs_signature_example.json",
        signing_secret=vector["signing_secret"],
        timestamp=int(ts),
    )
    assert replayed.body == body
    assert replayed.headers["X-Slack-Signature"] == vector["expected_signature"]


def _all_builders(fake: FakeSlack) -> list[SignedRequest]:
    url = fake.response_url()
    who: dict[str, Any] = {"user_id": USER, "team_id": TEAM_ID}
    return [
        slash_command("/followup", "call Acme tomorrow 3pm", response_url=url, **who),
        dm_message("called Bob at Acme, follow up Friday", **who),
        dm_message("retry", event_id="Ev1", retry_num=1, retry_reason="http_timeout", **who),
        block_actions("done", "task-1", response_url=url, **who),
        view_submission("log_call", {"notes": {"notes_input": "demo went well"}}, **who),
        message_action("log_from_message", response_url=url, **who),
        replay_fixture("events/message_im_docs.json"),
        replay_fixture("slash-commands/hello_world_enterprise_bolt_python.json"),
        replay_fixture("interactivity/view_submission_bolt_python.json"),
        replay_fixture("socket-mode/envelope_interactive_shortcut.json"),
    ]


def test_sdk_verifier_accepts_signed_requests(fake: FakeSlack) -> None:
    verifier = SignatureVerifier(TEST_SIGNING_SECRET)
    for request in _all_builders(fake):
        assert verifier.is_valid_request(request.body, request.headers), request.payload


def test_sdk_verifier_rejects_stale_timestamp() -> None:
    stale = slash_command(
        "/followup", "", user_id=USER, team_id=TEAM_ID, timestamp=int(time.time()) - 301
    )
    assert not SignatureVerifier(TEST_SIGNING_SECRET).is_valid_request(stale.body, stale.headers)


def test_bodies_go_on_the_wire_as_slack_sends_them(fake: FakeSlack) -> None:
    command = slash_command("/followup", "x y", user_id=USER, team_id=TEAM_ID, channel_id="DU1")
    fields = {k: v[0] for k, v in parse_qs(command.body.decode(), keep_blank_values=True).items()}
    assert fields["command"] == "/followup" and fields["channel_name"] == "directmessage"
    click = block_actions("done", "task-1", user_id=USER, team_id=TEAM_ID, response_url="u")
    payload = json.loads(parse_qs(click.body.decode())["payload"][0])
    assert payload["actions"][0]["action_id"] == "done" and payload["user"]["id"] == USER
    dm = dm_message("hi", user_id=USER, team_id=TEAM_ID, retry_num=2)
    assert json.loads(dm.body)["event"]["channel"] == f"D{USER}"
    assert (
        dm.headers["X-Slack-Retry-Num"] == "2" and dm.headers["Content-Type"] == "application/json"
    )


def test_dm_channel_and_message_transcript(fake: FakeSlack, client: WebClient) -> None:
    channel = client.conversations_open(users=USER)["channel"]["id"]
    assert channel == fake.dm_channel(USER) == f"D{USER}"
    first = client.chat_postMessage(channel=channel, text="one", blocks=[{"type": "divider"}])
    second = client.chat_postMessage(channel=USER, text="two", thread_ts=first["ts"])
    assert float(second["ts"]) > float(first["ts"]) and second["channel"] == channel
    sent = fake.messages_to(USER)
    assert [m.text for m in sent] == ["one", "two"] and sent[0].blocks == [{"type": "divider"}]
    assert sent[1].params["thread_ts"] == first["ts"]
    client.chat_update(channel=channel, ts=first["ts"], text="one (done)")
    client.chat_delete(channel=channel, ts=second["ts"])
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_delete(channel=channel, ts=second["ts"])
    assert client.reactions_add(channel=channel, timestamp=first["ts"], name="white_check_mark")[
        "ok"
    ]


def test_auth_unknown_method_and_bad_token(fake: FakeSlack, client: WebClient) -> None:
    assert client.auth_test()["user_id"] == fake.user_id
    assert fake.calls[0].token == TOKEN
    with pytest.raises(SlackApiError, match="unknown_method"):
        client.api_call("no.suchMethod")
    with pytest.raises(SlackApiError, match="invalid_auth"):
        WebClient(token="xoxb-wrong", base_url=fake.api_url).auth_test()


def test_fail_and_delay_injection(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("chat.postEphemeral", error="internal_error", status=500)
    with pytest.raises(SlackApiError) as err:
        client.chat_postEphemeral(channel="C1", user=USER, text="x")
    assert err.value.response.status_code == 500
    assert client.chat_postEphemeral(channel="C1", user=USER, text="x")["ok"]
    fake.delay("auth.test", 0.3)
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started >= 0.3


def test_views_trigger_ids_expire_and_are_single_use(client: WebClient) -> None:
    view = {
        "type": "modal",
        "callback_id": "log_call",
        "title": {"type": "plain_text", "text": "Log"},
    }
    with FakeSlack(trigger_ttl=0.0) as strict:
        quick = WebClient(base_url=strict.api_url, token=TOKEN)
        with pytest.raises(SlackApiError, match="expired_trigger_id"):
            quick.views_open(trigger_id=issue_trigger_id(), view=view)
    trigger = issue_trigger_id()
    opened = client.views_open(trigger_id=trigger, view=view)["view"]
    assert opened["callback_id"] == "log_call" and opened["id"].startswith("V")
    with pytest.raises(SlackApiError, match="exchanged_trigger_id"):
        client.views_push(trigger_id=trigger, view=view)
    assert client.views_update(view_id=opened["id"], view=view)["view"]["id"] == opened["id"]
    home = {"type": "home", "blocks": []}
    assert client.views_publish(user_id=USER, view=home)["view"]["type"] == "home"


def test_wait_for_sees_a_call_made_later(fake: FakeSlack, client: WebClient) -> None:
    timer = threading.Timer(0.2, lambda: client.chat_postMessage(channel=USER, text="later"))
    timer.start()
    call = fake.wait_for(lambda c: c.method == "chat.postMessage" and c.text == "later")
    assert call.ok
    timer.join()
    fake.reset()
    assert fake.calls == []
    with pytest.raises(AssertionError):
        fake.wait_for("chat.postMessage", timeout=0.1)


def test_bolt_app_round_trip_over_http(fake: FakeSlack) -> None:
    app = App(
        token=TOKEN, signing_secret=TEST_SIGNING_SECRET, client=WebClient(TOKEN, fake.api_url)
    )

    @app.command("/followup")
    def on_command(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        ack()
        respond(text=f"noted: {command['text']}")

    @app.event("message")
    def on_dm(event: dict[str, Any], say: Any) -> None:
        say(text=f"echo {event['text']}")

    @app.view("log_call")
    def on_submit(ack: Any, view: dict[str, Any]) -> None:
        ack(
            response_action="errors",
            errors={"notes": view["state"]["values"]["notes"]["n"]["value"]},
        )

    server = SlackAppDevelopmentServer(port=0, path="/slack/events", app=app)
    threading.Thread(target=server.start, daemon=True).start()
    base = f"http://127.0.0.1:{server._server.server_address[1]}"
    try:
        url = fake.response_url()
        cmd = slash_command("/followup", "Acme", user_id=USER, team_id=TEAM_ID, response_url=url)
        assert cmd.send(base)[0] == 200
        assert fake.wait_for("response_url").params["text"] == "noted: Acme"
        assert dm_message("hi", user_id=USER, team_id=TEAM_ID).send(base)[0] == 200
        assert fake.wait_for("chat.postMessage").params["channel"] == f"D{USER}"
        submit = view_submission("log_call", {"notes": {"n": "bad"}}, user_id=USER, team_id=TEAM_ID)
        status, _, body = submit.send(base)
        assert (status, json.loads(body)["errors"]) == (200, {"notes": "bad"})
        forged = slash_command("/followup", "x", user_id=USER, team_id=TEAM_ID, signing_secret="no")
        assert forged.send(base)[0] == 401
    finally:
        server._server.shutdown()


def test_concurrent_posts_get_unique_increasing_ts(fake: FakeSlack, client: WebClient) -> None:
    threads = [
        threading.Thread(target=client.chat_postMessage, kwargs={"channel": "C1", "text": str(n)})
        for n in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stamps = [c.response["ts"] for c in fake.messages_to("C1")]
    assert len(set(stamps)) == 20 and stamps == sorted(stamps, key=float)
