"""Every promise a task, and a past time as when the contact happened (RULES.md)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.parsing import ParsedLog, parse_log, warm_up

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
MONDAY_SH = datetime(2025, 12, 1, 10, 0, tzinfo=SH)
# Monday 2025-03-10 in New York: the clocks went forward on Sunday the 9th.
MONDAY_NY = datetime(2025, 3, 10, 10, 0, tzinfo=NY)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    warm_up()


def _tasks(parsed: ParsedLog) -> list[tuple[str, str | None]]:
    return [(step, due.due.isoformat() if due else None) for step, due in parsed.tasks]


def test_two_english_promises_are_two_tasks_the_first_being_next_step() -> None:
    parsed = parse_log("Initech: send contract by Wednesday 5pm, then call back on Dec 15",
                       now=MONDAY_SH, tz=SH)
    assert _tasks(parsed) == [("send contract by Wednesday 5pm", "2025-12-03T17:00:00+08:00"),
                              ("call back on Dec 15", "2025-12-15T00:00:00+08:00")]
    assert parsed.tasks[0] == (parsed.next_step, parsed.due)
    assert parsed.alternatives == ()  # Dec 15 is the second promise's, not another reading


def test_two_chinese_promises_are_two_tasks() -> None:
    parsed = parse_log("华为: 周五前发方案, 下周一下午三点再电话确认", now=MONDAY_SH, tz=SH)
    assert sorted(_tasks(parsed), key=lambda t: t[1] or "") == [
        ("周五前发方案", "2025-12-05T00:00:00+08:00"),
        ("下周一下午三点再电话确认", "2025-12-08T15:00:00+08:00")]
    assert parsed.tasks[0] == (parsed.next_step, parsed.due)


def test_one_promise_is_one_task_and_none_is_none() -> None:
    one = parse_log("called Acme, send the quote Friday", now=MONDAY_NY, tz=NY)
    assert _tasks(one) == [("send the quote Friday", "2025-03-14T00:00:00-04:00")]
    assert parse_log("called Acme, all good", now=MONDAY_NY, tz=NY).tasks == ()


def test_a_time_without_anything_to_do_is_no_second_task() -> None:
    parsed = parse_log("Acme: send the quote Friday at 5pm, their budget starts next month",
                       now=MONDAY_NY, tz=NY)
    assert [step for step, _ in parsed.tasks] == ["send the quote Friday at 5pm"]


def test_a_past_time_is_when_it_happened_and_a_future_one_stays_due() -> None:
    parsed = parse_log("visited Globex yesterday afternoon, send quote Friday",
                       now=MONDAY_NY, tz=NY)
    assert parsed.happened_at is not None
    assert parsed.happened_at.astimezone(NY).date().isoformat() == "2025-03-09"  # DST day
    assert parsed.due is not None and parsed.due.due.date().isoformat() == "2025-03-14"


def test_a_chinese_past_weekday_is_when_it_happened() -> None:
    parsed = parse_log("上周五拜访了华为, 下周二再跟进", now=MONDAY_SH, tz=SH)
    assert parsed.happened_at == datetime(2025, 11, 28, 0, 0, tzinfo=SH)
    assert parsed.due is not None and parsed.due.due == datetime(2025, 12, 9, 0, 0, tzinfo=SH)


def test_a_log_without_a_past_time_happened_when_logged() -> None:
    assert parse_log("called Acme, send quote Friday", now=MONDAY_NY, tz=NY).happened_at is None
    assert parse_log("今天拜访了华为", now=MONDAY_SH, tz=SH).happened_at is None
