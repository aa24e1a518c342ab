"""Table-driven checks of every time rule in RULES.md, both languages, several zones."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.parsing import find_due, parse_log, warm_up

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
# Tuesday 2025-03-04 10:00 in Shanghai (= Monday 21:00 in New York)
NOW_SH = datetime(2025, 3, 4, 10, 0, tzinfo=SH)
# Tuesday 2025-03-04 10:00 in New York
NOW_NY = datetime(2025, 3, 4, 10, 0, tzinfo=NY)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    warm_up()


def due(text: str, now: datetime = NOW_NY, tz: ZoneInfo = NY, country: str | None = None) -> str:
    reading = find_due(text, now=now, tz=tz, country=country)
    assert reading is not None, text
    return reading.due.isoformat() + ("" if reading.precision == "time" else " day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2025-03-04T00:00:00-05:00 day"),
        ("tonight", "2025-03-04T18:00:00-05:00"),
        ("tomorrow", "2025-03-05T00:00:00-05:00 day"),
        ("the day after tomorrow", "2025-03-06T00:00:00-05:00 day"),
        ("next Monday", "2025-03-10T00:00:00-04:00 day"),
        ("this Friday", "2025-03-07T00:00:00-05:00 day"),
        ("next week", "2025-03-10T00:00:00-04:00 day"),
        ("in 3 days", "2025-03-07T00:00:00-05:00 day"),
        ("in two weeks", "2025-03-18T00:00:00-04:00 day"),
        ("next month", "2025-04-01T00:00:00-04:00 day"),
        ("tomorrow morning", "2025-03-05T09:00:00-05:00"),
        ("after lunch", "2025-03-04T13:00:00-05:00"),
        ("EOD", "2025-03-04T17:00:00-05:00"),
        ("first thing tomorrow", "2025-03-05T09:00:00-05:00"),
        ("3pm", "2025-03-04T15:00:00-05:00"),
        ("15:00", "2025-03-04T15:00:00-05:00"),
        ("3:30 pm", "2025-03-04T15:30:00-05:00"),
        ("9 o'clock", "2025-03-05T09:00:00-05:00"),
        ("March 25", "2025-03-25T00:00:00-04:00 day"),
        ("3/25", "2025-03-25T00:00:00-04:00 day"),
        ("the 20th", "2025-03-20T00:00:00-04:00 day"),
        ("Jan 5", "2026-01-05T00:00:00-05:00 day"),
        ("in 3 business days", "2025-03-07T00:00:00-05:00 day"),
        ("3 working days", "2025-03-07T00:00:00-05:00 day"),
        ("end of month", "2025-03-31T00:00:00-04:00 day"),
        ("by Friday 3pm", "2025-03-07T15:00:00-05:00"),
    ],
)
def test_english_phrases(text: str, expected: str) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天", "2025-03-04T00:00:00+08:00 day"),
        ("明天", "2025-03-05T00:00:00+08:00 day"),
        ("后天", "2025-03-06T00:00:00+08:00 day"),
        ("大后天", "2025-03-07T00:00:00+08:00 day"),
        ("今晚", "2025-03-04T18:00:00+08:00"),
        ("明早", "2025-03-05T09:00:00+08:00"),
        ("明天下午3点", "2025-03-05T15:00:00+08:00"),
        ("下周三下午两点", "2025-03-12T14:00:00+08:00"),
        ("明天上午10点", "2025-03-05T10:00:00+08:00"),
        ("十点半", "2025-03-04T10:30:00+08:00"),
        ("下午三点一刻", "2025-03-04T15:15:00+08:00"),
        ("晚上8点半", "2025-03-04T20:30:00+08:00"),
        ("周五", "2025-03-07T00:00:00+08:00 day"),
        ("星期二", "2025-03-11T00:00:00+08:00 day"),
        ("礼拜天", "2025-03-09T00:00:00+08:00 day"),
        ("这周五", "2025-03-07T00:00:00+08:00 day"),
        ("本周三", "2025-03-05T00:00:00+08:00 day"),
        ("下下周一", "2025-03-17T00:00:00+08:00 day"),
        ("下周", "2025-03-10T00:00:00+08:00 day"),
        ("三天后", "2025-03-07T00:00:00+08:00 day"),
        ("两周后", "2025-03-18T00:00:00+08:00 day"),
        ("半年后", "2025-09-04T00:00:00+08:00 day"),
        ("3月25日", "2025-03-25T00:00:00+08:00 day"),
        ("1月5号", "2026-01-05T00:00:00+08:00 day"),
        ("20号", "2025-03-20T00:00:00+08:00 day"),
        ("月底", "2025-03-31T00:00:00+08:00 day"),
        ("下个月初", "2025-04-01T00:00:00+08:00 day"),
        ("三个工作日", "2025-03-07T00:00:00+08:00 day"),
    ],
)
def test_chinese_phrases(text: str, expected: str) -> None:
    assert due(text, NOW_SH, SH) == expected


def test_next_weekday_on_that_weekday_is_seven_days_later() -> None:
    assert due("next Tuesday") == "2025-03-11T00:00:00-04:00 day"


def test_bare_weekday_is_the_next_one_to_come() -> None:
    assert due("Tuesday") == "2025-03-11T00:00:00-04:00 day"
    assert due("Thursday") == "2025-03-06T00:00:00-05:00 day"


def test_next_friday_offers_the_coming_friday() -> None:
    log = parse_log("call Acme next Friday", now=NOW_NY, tz=NY)
    assert log.due is not None and log.due.due.date().isoformat() == "2025-03-14"
    assert [a.due.date().isoformat() for a in log.alternatives] == ["2025-03-07"]


def test_bare_hour_takes_business_hours_and_offers_the_other() -> None:
    log = parse_log("Initech: no answer, try again next Tuesday at 9", now=NOW_NY, tz=NY)
    assert log.due is not None and log.due.due.hour == 9
    assert 21 in [a.due.hour for a in log.alternatives]


def test_business_days_skip_public_holidays() -> None:
    # 2025-10-01..08 is China's National Day holiday
    monday = datetime(2025, 9, 29, 10, 0, tzinfo=SH)
    assert due("三个工作日内答复", monday, SH, "CN") == "2025-10-10T00:00:00+08:00 day"
    assert due("三个工作日内答复", monday, SH, None) == "2025-10-02T00:00:00+08:00 day"


def test_date_line_crossing_resolves_in_the_reps_zone() -> None:
    # 10:00 UTC Monday is already Tuesday 00:00 in Kiritimati (UTC+14)
    now = datetime(2025, 3, 3, 10, 0, tzinfo=ZoneInfo("UTC"))
    kiri, samoa = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")
    assert due("tomorrow 9am", now, kiri) == "2025-03-05T09:00:00+14:00"
    assert due("tomorrow 9am", now, samoa) == "2025-03-03T09:00:00-11:00"


def test_daylight_saving_change_keeps_wall_clock() -> None:
    saturday = datetime(2025, 3, 8, 12, 0, tzinfo=NY)  # DST starts Sunday 2025-03-09
    assert due("tomorrow at 9am", saturday, NY) == "2025-03-09T09:00:00-04:00"
    assert due("明天上午9点", saturday, NY) == "2025-03-09T09:00:00-04:00"
    assert due("in 24 hours", saturday, NY) == "2025-03-09T13:00:00-04:00"


def test_clock_time_already_passed_rolls_to_tomorrow() -> None:
    late = datetime(2025, 3, 4, 16, 0, tzinfo=SH)
    assert due("三点", late, SH) == "2025-03-05T15:00:00+08:00"


@pytest.mark.parametrize(
    "text",
    [
        "Acme wants 20 seats", "500 reams", "1000套", "5万", "$4", "20%", "version 2.5",
        "call 650-650-6500", "room 301", "the 2027 budget", "1 adult", "有一点问题",
        "+86 138 0013 8000",
    ],
)
def test_traps_are_not_dates(text: str) -> None:
    assert find_due(text, now=NOW_NY, tz=NY) is None


def test_quantity_beside_a_real_date() -> None:
    assert due("Acme wants 30 units, call back tomorrow") == "2025-03-05T00:00:00-05:00 day"
    assert due("要1000套,下周一给报价", NOW_SH, SH) == "2025-03-10T00:00:00+08:00 day"
