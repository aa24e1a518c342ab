"""More care-date rules with the day passed in: the first look of a date just entered, a day
typed in the form or a CSV cell, the task's words, and a log's key date taking the place of
a one-off promise."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.care_dates import (
    BIRTHDAY,
    NAMED,
    RENEWAL,
    CareDate,
    CarePolicy,
    next_check,
    read_care_day,
)
from bot.domain.care_text import read_care_dates, without_care_promises
from bot.domain.care_titles import care_task_title
from bot.domain.parsing import parse_log
from bot.domain.workdays import WorkCalendar

POLICY = CarePolicy()
CAL = WorkCalendar()
ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 23 November, 09:00 in Shanghai


def test_a_date_entered_inside_its_reminder_window_is_looked_at_today() -> None:
    soon = CareDate(1, BIRTHDAY, 11, 25)  # in two days: its 3-days-ahead reminder is due
    today = date(2026, 11, 23)
    assert next_check(soon, today, POLICY, CAL) == date(2027, 11, 22)
    assert next_check(soon, today, POLICY, CAL, include_today=True) == today
    later = CareDate(2, BIRTHDAY, 12, 25)
    assert next_check(later, today, POLICY, CAL, include_today=True) == date(2026, 12, 22)


def test_29_february_without_a_leap_year_is_looked_at_for_28_february() -> None:
    leap = CareDate(1, BIRTHDAY, 2, 29)
    # 2027 has no 29 February: 28 February (a Sunday) less 3 days is Thursday 25 February.
    assert next_check(leap, date(2026, 11, 23), POLICY, CAL) == date(2027, 2, 25)
    # 2028 has one: 29 February (a Tuesday) less 3 days is Saturday 26 -> Friday 25.
    assert next_check(leap, date(2027, 3, 1), POLICY, CAL) == date(2028, 2, 25)


def test_a_renewal_with_a_year_is_first_looked_at_for_that_year() -> None:
    renewal = CareDate(1, RENEWAL, 6, 30, 2028)
    # 30 June 2028 less 30 days is 31 May 2028 (a Wednesday).
    assert next_check(renewal, date(2026, 11, 23), POLICY, CAL) == date(2028, 5, 31)


@pytest.mark.parametrize(("typed", "expected"), [
    ("2027-06-30", (6, 30, 2027)), ("03-05", (3, 5, None)), ("--03-05", (3, 5, None)),
    (" 3-5 ", (3, 5, None)), ("2000-02-29", (2, 29, 2000)), ("02-29", (2, 29, None)),
])
def test_a_typed_day_is_read(typed: str, expected: tuple[int, int, int | None]) -> None:
    assert read_care_day(typed) == expected


@pytest.mark.parametrize("typed", ["2026-02-29", "02-30", "13-01", "31/12", "next week", ""])
def test_a_day_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        read_care_day(typed)


@pytest.mark.parametrize(("kind", "label", "lang", "title"), [
    (BIRTHDAY, "Mr Li", "en", "Birthday of Mr Li (Acme) on 5 Mar — in 3 days"),
    (BIRTHDAY, "", "en", "Birthday of the contact at Acme on 5 Mar — in 3 days"),
    (BIRTHDAY, "王总", "zh", "王总(华为)生日 3月5日 — 还有 3 天"),
    (RENEWAL, "", "en", "Contract renewal of Acme due 5 Mar 2027 — in 3 days"),
    (RENEWAL, "", "zh", "华为 合同续约 2027年3月5日 — 还有 3 天"),
    (NAMED, "Spring visit", "en", "Spring visit of Acme on 5 Mar — in 3 days"),
])
def test_the_task_says_whose_date_which_day_and_how_far_ahead(kind: str, label: str,
                                                             lang: str, title: str) -> None:
    name = "华为" if lang == "zh" else "Acme"
    assert care_task_title(kind, label, name, date(2027, 3, 5), 3, lang) == title


@pytest.mark.parametrize("text", [
    "拜访了华为，王总生日是3月5号",
    "Acme: Mr Li's birthday is 28 November",
    "华为合同2027年1月10日到期",
])
def test_a_log_that_only_tells_a_key_date_makes_no_promise(text: str) -> None:
    parsed = parse_log(text, now=NOW, tz=ZONE)
    assert parsed.tasks  # the time reading alone would make it a task
    kept = without_care_promises(parsed, read_care_dates(text, NOW, ZONE), ZONE)
    assert (kept.tasks, kept.next_step, kept.due) == ((), None, None)


def test_a_real_promise_beside_a_key_date_is_kept() -> None:
    text = "Acme: Mr Li's birthday is 28 November. Send the quote by Friday"
    parsed = parse_log(text, now=NOW, tz=ZONE)
    kept = without_care_promises(parsed, read_care_dates(text, NOW, ZONE), ZONE)
    assert [step for step, _ in kept.tasks] == ["Send the quote by Friday"]
    assert kept.next_step == "Send the quote by Friday" and kept.due is not None
    assert kept.due.due.astimezone(ZONE).date() == date(2026, 11, 27)


def test_a_log_without_a_key_date_is_left_as_it_was() -> None:
    parsed = parse_log("Acme: send the quote by Friday", now=NOW, tz=ZONE)
    assert without_care_promises(parsed, [], ZONE) is parsed
