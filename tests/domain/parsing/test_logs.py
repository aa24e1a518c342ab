"""Reps' own messages, end to end: customer, contact, channel, next step, due."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.parsing import parse_log, warm_up

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
NOW = datetime(2025, 3, 4, 2, 0, tzinfo=ZoneInfo("UTC"))  # Mon 21:00 NY, Tue 10:00 Shanghai


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    warm_up()


@pytest.mark.parametrize(
    ("text", "tz", "customer", "contact", "channel", "next_step", "due"),
    [
        ("Called Acme Corp, Li wants a quote for 20 seats. Send quote by Friday 3pm", NY,
         "Acme Corp", "Li", "call", "Send quote by Friday 3pm", "2025-03-07T15:00:00-05:00"),
        ("Initech: no answer, try again next Tuesday at 9", NY,
         "Initech", None, "call", "try again next Tuesday at 9", "2025-03-11T09:00:00-04:00"),
        ("Acme wants 30 units, call back tomorrow", NY,
         "Acme", None, None, "call back tomorrow", "2025-03-04T00:00:00-05:00"),
        ("拜访了华为的王总,需求明确,下周三下午两点再回访", SH,
         "华为", "王总", "visit", "下周三下午两点再回访", "2025-03-12T14:00:00+08:00"),
        ("顺丰要安全问卷,三个工作日内答复", SH,
         "顺丰", None, None, "三个工作日内答复", "2025-03-07T00:00:00+08:00"),
        ("Called Tencent Cloud team, 需要报价, follow up 明天上午10点", SH,
         "Tencent Cloud", None, "call", "follow up 明天上午10点", "2025-03-05T10:00:00+08:00"),
        ("Met with Sarah from Globex, wants pricing by EOD", NY,
         "Globex", "Sarah", "meeting", "wants pricing by EOD", "2025-03-04T17:00:00-05:00"),
        ("客户:腾讯, 给李经理打电话, 月底前签合同", SH,
         "腾讯", "李经理", "call", "月底前签合同", "2025-03-31T00:00:00+08:00"),
        ("Emailed Umbrella re the 2027 budget, ring them next Friday", NY,
         "Umbrella", None, "email", "ring them next Friday", "2025-03-14T00:00:00-04:00"),
    ],
)
def test_realistic_logs(
    text: str, tz: ZoneInfo, customer: str, contact: str | None, channel: str | None,
    next_step: str, due: str,
) -> None:
    log = parse_log(text, now=NOW, tz=tz)
    assert (log.customer, log.contact, log.channel, log.next_step) == (
        customer, contact, channel, next_step)
    assert log.due is not None and log.due.due.isoformat() == due
    assert 0 < log.confidence <= 1


def test_known_customer_preferred_case_and_accent_insensitive() -> None:
    log = parse_log("called nestle, wants samples next week", now=NOW, tz=NY,
                    known_customers=["Nestlé S.A.", "Nespresso"])
    assert log.customer == "Nestlé S.A."


def test_past_only_time_gives_no_due() -> None:
    log = parse_log("Visited Hooli yesterday, all good", now=NOW, tz=NY)
    assert log.due is None and log.next_step is None


def test_to_json_matches_the_cli_contract() -> None:
    data = parse_log("Initech: try again next Tuesday at 9", now=NOW, tz=NY).to_json()
    assert list(data) == ["customer", "contact", "channel", "summary", "next_step", "due",
                          "due_precision", "confidence", "alternatives"]
    assert data["due_precision"] == "time"
    assert isinstance(data["alternatives"], list) and data["alternatives"]
