"""FakeSlack at Slack's pace: refusing past the per-channel and tier limits, as Slack does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakes import FakeSlack
from tests.fakes._limits import SlackPace

TOKEN = "xoxb-test-token"


@pytest.fixture
def client() -> Iterator[tuple[FakeSlack, WebClient]]:
    with FakeSlack(pace=SlackPace(latency=0.0, per_channel=1.0, channel_burst=2)) as fake:
        yield fake, WebClient(token=TOKEN, base_url=fake.api_url, retry_handlers=[])


def _statuses(client: WebClient, times: int, **args: str) -> list[int]:
    out = []
    for _ in range(times):
        try:
            out.append(client.chat_postMessage(text="hi", **args).status_code)
        except SlackApiError as refused:
            out.append(refused.response.status_code)
            assert int(refused.response.headers["Retry-After"]) >= 1
            assert refused.response["error"] == "ratelimited"
    return out


def test_a_channel_takes_its_burst_then_answers_429(client: tuple[FakeSlack, WebClient]) -> None:
    fake, web = client
    assert _statuses(web, 3, channel="C1") == [200, 200, 429]
    assert _statuses(web, 2, channel="C2") == [200, 200]  # another channel has its own
    assert fake.refused_429s() == {("chat.postMessage", "C1"): 1}


def test_a_tier_limit_counts_the_whole_workspace(client: tuple[FakeSlack, WebClient]) -> None:
    fake, web = client
    answers = []
    for i in range(4):  # users.list is tier 2: a burst of 3
        try:
            answers.append(web.users_list(cursor=str(i)).status_code)
        except SlackApiError as refused:
            answers.append(refused.response.status_code)
    assert answers == [200, 200, 200, 429]


def test_without_pace_the_fake_never_refuses() -> None:
    with FakeSlack() as fake:
        web = WebClient(token=TOKEN, base_url=fake.api_url, retry_handlers=[])
        assert _statuses(web, 10, channel="C1") == [200] * 10
        assert fake.refused_429s() == {}
