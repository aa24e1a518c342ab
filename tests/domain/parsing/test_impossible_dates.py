"""A day no month has (April 31, 2/30, 4月31日, 13月5日) is no due date, never a wrong one;
29 February without a year is the next one."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.parsing import find_due, parse_log

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=SHANGHAI)  # 2027 is no leap year, 2028 is


@pytest.mark.parametrize("text", [
    "send the quote by April 31",
    "send the quote by 31 April",
    "send the quote by Feb 30th",
    "send the quote by the 31st of June",
    "quote by 2/30",
    "quote by 30/2",
    "华为: 13月45日前发方案",
    "华为: 2027年2月29日签约",
    "华为: 4月31号回访",
])
def test_a_day_no_month_has_is_no_due_date(text: str) -> None:
    assert find_due(text, now=NOW, tz=SHANGHAI) is None
    assert parse_log(f"Acme: {text}", now=NOW, tz=SHANGHAI).due is None


@pytest.mark.parametrize(("text", "due"), [
    ("send the quote by Feb 29", "2028-02-29"),
    ("华为: 2月29日前发方案", "2028-02-29"),
    ("华为: 2028年2月29日签约", "2028-02-29"),
    ("send the quote by April 30", "2027-04-30"),
    ("quote by 12/25", "2026-12-25"),
    ("华为: 12月25号前发方案", "2026-12-25"),
])
def test_a_real_day_is_still_read(text: str, due: str) -> None:
    reading = find_due(text, now=NOW, tz=SHANGHAI)
    assert reading is not None and reading.due.date().isoformat() == due
