"""A period under way named as a deadline means its last working day (RULES.md)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.parsing import find_due, parse_log, warm_up

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
TUESDAY_SH = datetime(2025, 3, 4, 10, 0, tzinfo=SH)
TUESDAY_NY = datetime(2025, 3, 4, 10, 0, tzinfo=NY)  # EST; 2025-03-09 starts EDT


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    warm_up()


def _due(text: str, now: datetime, tz: ZoneInfo, country: str | None = None) -> str:
    reading = parse_log(text, now=now, tz=tz, country=country).due
    assert reading is not None, text
    return reading.due.isoformat() + ("" if reading.precision == "time" else " day")


@pytest.mark.parametrize(("text", "expected"), [
    ("send the quote this week", "2025-03-07T00:00:00-05:00 day"),
    ("finish the pilot this month", "2025-03-31T00:00:00-04:00 day"),  # across DST
    ("sign within this month", "2025-03-31T00:00:00-04:00 day"),
    ("renew this year", "2025-12-31T00:00:00-05:00 day"),
    ("deliver by end of quarter", "2025-03-31T00:00:00-04:00 day"),
    ("close it this quarter", "2025-03-31T00:00:00-04:00 day"),
])
def test_english_period_deadlines_are_the_periods_last_working_day(text: str,
                                                                    expected: str) -> None:
    assert _due(text, TUESDAY_NY, NY, "US") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("这周发方案", "2025-03-07T00:00:00+08:00 day"),
    ("本月内签合同", "2025-03-31T00:00:00+08:00 day"),
    ("这个月给报价", "2025-03-31T00:00:00+08:00 day"),
    ("今年完成续约", "2025-12-31T00:00:00+08:00 day"),
    ("本季度内交付", "2025-03-31T00:00:00+08:00 day"),
    ("季度末回款", "2025-03-31T00:00:00+08:00 day"),
])
def test_chinese_period_deadlines_are_the_periods_last_working_day(text: str,
                                                                    expected: str) -> None:
    assert _due(text, TUESDAY_SH, SH, "CN") == expected


def test_a_week_ending_in_holidays_ends_on_its_last_working_day() -> None:
    # National Day 2025: 1-8 October off, so the week of 29 September ends on the 30th.
    monday = datetime(2025, 9, 29, 10, 0, tzinfo=SH)
    assert _due("这周发方案", monday, SH, "CN") == "2025-09-30T00:00:00+08:00 day"
    assert _due("这周发方案", monday, SH, None) == "2025-10-03T00:00:00+08:00 day"


def test_a_make_up_sunday_is_the_weeks_last_working_day() -> None:
    # 调休: Sunday 2025-01-26 is worked before the Spring Festival.
    wednesday = datetime(2025, 1, 22, 10, 0, tzinfo=SH)
    assert _due("这周发方案", wednesday, SH, "CN") == "2025-01-26T00:00:00+08:00 day"
    assert _due("send it this week", wednesday, SH, "CN") == "2025-01-26T00:00:00+08:00 day"


def test_a_week_whose_working_days_are_over_is_due_today() -> None:
    saturday = datetime(2025, 3, 8, 10, 0, tzinfo=SH)
    assert _due("这周发方案", saturday, SH, "CN") == "2025-03-08T00:00:00+08:00 day"


def test_next_and_past_periods_keep_their_own_readings() -> None:
    assert _due("下个月签", TUESDAY_SH, SH, "CN") == "2025-04-01T00:00:00+08:00 day"
    past = find_due("上周拜访了", now=TUESDAY_SH, tz=SH, country="CN")
    assert past is not None and past.due.date().isoformat() == "2025-02-24"


def test_working_days_count_make_up_days() -> None:
    friday = datetime(2025, 1, 24, 10, 0, tzinfo=SH)
    assert _due("一个工作日内答复", friday, SH, "CN") == "2025-01-26T00:00:00+08:00 day"
    assert _due("reply in 1 business day", friday, SH, "CN") == "2025-01-26T00:00:00+08:00 day"
    assert _due("三个工作日内答复", friday, SH, "CN") == "2025-02-05T00:00:00+08:00 day"


@pytest.mark.parametrize("text", [
    "华为: 十二月二十五日前发报价", "华为: 12月25日前发报价", "华为: 12月25日之前发报价",
    "华为: 12月25号以前发报价",
])
def test_a_chinese_date_before_marker_is_that_day_not_days_ago(text: str) -> None:
    assert _due(text, datetime(2026, 12, 3, 10, 0, tzinfo=SH), SH, "CN") == (
        "2026-12-25T00:00:00+08:00 day")


def test_days_ago_without_a_month_stays_in_the_past() -> None:
    parsed = parse_log("华为: 二十五日前见过王总", now=datetime(2026, 12, 3, 10, 0, tzinfo=SH),
                       tz=SH, country="CN")
    assert parsed.due is None
