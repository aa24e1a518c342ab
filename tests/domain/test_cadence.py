"""Cadence rules with time passed in: every row of the table, its boundaries, working days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.cadence import (
    NO_NEED,
    STAGE_EVENT,
    TIER,
    WIN_BACK,
    CadenceTable,
    Facts,
    TierRule,
    due_now,
    is_stalled,
    next_check,
    no_need_keys,
    over_contact,
)
from bot.domain.cadence_text import task_title
from bot.domain.customer_file import tag_key
from bot.domain.workdays import WorkCalendar

ZONE = ZoneInfo("Asia/Shanghai")
WEEK = WorkCalendar()
TABLE = CadenceTable()
MON = date(2026, 11, 23)
CREATED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


def local(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


def facts(tier: str | None = "A", last: datetime | None = None, stage: str | None = None,
          since: datetime | None = None) -> Facts:
    return Facts(customer_id=7, tier=tier, stage=stage, stage_since=since, last_contact=last,
                 created_at=CREATED)


@pytest.mark.parametrize(("tier", "days"), [("A", 7), ("B", 14), ("C", 30), (None, 30)])
def test_each_tier_is_due_its_interval_after_the_last_contact(tier: str | None,
                                                              days: int) -> None:
    contacted = date(2026, 10, 5)  # a Monday; +7, +14 and +30 are all working days
    f = facts(tier, local(contacted))
    due_day = contacted + timedelta(days=days)
    assert due_now(f, TABLE, ZONE, WEEK, due_day - timedelta(days=1)) is None
    period = due_now(f, TABLE, ZONE, WEEK, due_day)
    assert period is not None and period.kind == TIER and period.days == days
    assert period.day == period.due_day == due_day
    assert period.key == f"cadence:7:{due_day.isoformat()}"


def test_a_tier_a_customer_is_not_due_the_day_before_and_is_due_on_the_day() -> None:
    f = facts("A", local(MON))
    assert due_now(f, TABLE, ZONE, WEEK, MON + timedelta(days=6)) is None
    due = due_now(f, TABLE, ZONE, WEEK, MON + timedelta(days=7))
    assert due is not None and due.day == due.due_day == MON + timedelta(days=7)
    # The sweep looks at it at local midnight of that day, not before.
    assert next_check(f, TABLE, ZONE, WEEK, MON, include_today=False) == \
        datetime(2026, 11, 30, 0, 0, tzinfo=ZONE)


def test_a_due_day_on_the_weekend_moves_to_monday() -> None:
    f = facts("A", local(date(2026, 11, 21)))  # a Saturday visit
    assert due_now(f, TABLE, ZONE, WEEK, date(2026, 11, 28)) is None  # Saturday: not yet
    due = due_now(f, TABLE, ZONE, WEEK, date(2026, 11, 30))
    assert due is not None and due.day == date(2026, 11, 28) and due.due_day == date(2026, 11, 30)


def test_a_due_day_on_a_public_holiday_moves_to_the_next_working_day() -> None:
    us = WorkCalendar(country="US")
    thanksgiving = date(2026, 11, 26)
    f = facts("A", local(thanksgiving - timedelta(days=7)))
    assert due_now(f, TABLE, ZONE, us, thanksgiving) is None
    due = due_now(f, TABLE, ZONE, us, date(2026, 11, 27))
    assert due is not None and due.day == thanksgiving and due.due_day == date(2026, 11, 27)


def test_custom_working_days_are_respected() -> None:
    six = WorkCalendar(("mon", "tue", "wed", "thu", "fri", "sat"))
    f = facts("A", local(date(2026, 11, 21)))  # Saturday: a working day for this team
    due = due_now(f, TABLE, ZONE, six, date(2026, 11, 28))
    assert due is not None and due.due_day == date(2026, 11, 28)


def test_a_customer_never_contacted_counts_from_its_file() -> None:
    due = due_now(facts("A", None), TABLE, ZONE, WEEK, date(2026, 1, 12))
    assert due is not None and due.day == date(2026, 1, 12)


def test_after_a_long_gap_only_the_latest_period_is_due() -> None:
    f = facts("A", local(date(2026, 11, 2)))
    due = due_now(f, TABLE, ZONE, WEEK, MON)
    assert due is not None and due.day == MON  # 21 days: the third week, not the first


def test_need_just_confirmed_is_due_within_three_days() -> None:
    moved = local(MON, 11)
    f = facts("B", local(MON, 10), stage="qualified", since=moved)
    assert due_now(f, TABLE, ZONE, WEEK, MON + timedelta(days=2)) is None
    due = due_now(f, TABLE, ZONE, WEEK, MON + timedelta(days=3))
    assert due is not None and due.kind == STAGE_EVENT and due.days == 3


def test_proposal_just_sent_is_due_within_two_days() -> None:
    f = facts("C", local(MON, 9), stage="negotiating", since=local(MON, 9))
    due = due_now(f, TABLE, ZONE, WEEK, MON + timedelta(days=2))
    assert due is not None and due.kind == STAGE_EVENT and due.days == 2


def test_a_contact_after_the_stage_event_hands_back_to_the_tier() -> None:
    f = facts("B", local(MON + timedelta(days=1)), stage="qualified", since=local(MON))
    assert due_now(f, TABLE, ZONE, WEEK, MON + timedelta(days=3)) is None
    due = due_now(f, TABLE, ZONE, WEEK, MON + timedelta(days=15))
    assert due is not None and due.kind == TIER


def test_lost_gets_one_win_back_contact_and_nothing_regular() -> None:
    lost_at = local(date(2026, 8, 3))
    f = facts("A", local(date(2026, 8, 3)), stage="lost", since=lost_at)
    assert due_now(f, TABLE, ZONE, WEEK, date(2026, 10, 30)) is None  # no weekly contact
    due = due_now(f, TABLE, ZONE, WEEK, date(2026, 11, 2))
    assert due is not None and due.kind == WIN_BACK and due.day == date(2026, 11, 1)
    assert due.due_day == date(2026, 11, 2) and due.key == f"win_back:7:{lost_at.isoformat()}"
    assert next_check(f, TABLE, ZONE, WEEK, date(2026, 11, 2), include_today=False) is None


def test_a_customer_that_came_in_lost_gets_its_win_back_from_its_creation() -> None:
    f = facts("A", None, stage="lost", since=None)  # imported lost: no move recorded
    due = due_now(f, TABLE, ZONE, WEEK, CREATED.astimezone(ZONE).date() + timedelta(days=95))
    assert due is not None and due.kind == WIN_BACK
    assert due.key == f"win_back:7:{CREATED.isoformat()}"


def test_a_row_switched_off_asks_for_nothing() -> None:
    table = CadenceTable(tiers={"A": TierRule(None)}, after_stage={}, win_back=None)
    assert due_now(facts("A", local(date(2026, 1, 1))), table, ZONE, WEEK, MON) is None
    lost = facts("A", None, stage="lost", since=local(date(2026, 1, 1)))
    assert due_now(lost, table, ZONE, WEEK, MON) is None


def test_a_fresh_look_includes_a_period_already_due() -> None:
    f = facts("A", local(date(2026, 11, 2)))
    assert next_check(f, TABLE, ZONE, WEEK, MON, include_today=True) == \
        datetime(2026, 11, 23, 0, 0, tzinfo=ZONE)
    assert next_check(f, TABLE, ZONE, WEEK, MON, include_today=False) == \
        datetime(2026, 11, 30, 0, 0, tzinfo=ZONE)


def test_a_next_step_sooner_than_tier_c_allows_is_flagged() -> None:
    f = facts("C", local(date(2026, 10, 1)))
    soon = over_contact(f, TABLE, ZONE, local(MON), local(date(2026, 10, 1)),
                        local(MON + timedelta(days=5)))
    assert soon is not None and soon.kind == "next_step" and soon.gap_days == 5
    assert soon.min_days == 30 and soon.earliest == MON + timedelta(days=30)
    assert over_contact(f, TABLE, ZONE, local(MON), local(date(2026, 10, 1)),
                        local(MON + timedelta(days=30))) is None


def test_a_contact_within_tier_c_gap_is_flagged_and_tier_a_never() -> None:
    f = facts("C", local(MON - timedelta(days=6)))
    soon = over_contact(f, TABLE, ZONE, local(MON), local(MON - timedelta(days=6)), None)
    assert soon is not None and soon.kind == "contact" and soon.gap_days == 6
    assert over_contact(facts("A"), TABLE, ZONE, local(MON), local(MON - timedelta(days=1)),
                        local(MON + timedelta(days=1))) is None


def test_a_stage_event_overrides_the_minimum_gap() -> None:
    f = facts("C", local(MON, 9), stage="qualified", since=local(MON, 10))
    assert over_contact(f, TABLE, ZONE, local(MON, 9), local(MON - timedelta(days=3)),
                        local(MON + timedelta(days=2))) is None


def test_the_task_says_why() -> None:
    f = facts("A", local(date(2026, 11, 15)))
    period = due_now(f, TABLE, ZONE, WEEK, MON)
    assert period is not None
    assert task_title(period, "Acme", "A", None, f.last_contact, MON, ZONE, "en") == \
        "Weekly contact for tier A customer Acme — last contact 8 days ago"
    assert task_title(period, "华为", "A", None, f.last_contact, MON, ZONE, "zh") == \
        "每周联系 A 类客户 华为 — 上次联系 8 天前"


def _no_need(tier: str | None = "A", last: datetime | None = None) -> Facts:
    return Facts(customer_id=7, tier=tier, stage=None, stage_since=None, last_contact=last,
                 created_at=CREATED, no_need=True)


def test_a_no_need_for_now_customer_is_contacted_monthly_whatever_its_tier() -> None:
    f = _no_need("A", local(date(2026, 10, 5)))
    assert due_now(f, TABLE, ZONE, WEEK, date(2026, 10, 12)) is None  # not tier A's week
    assert due_now(f, TABLE, ZONE, WEEK, date(2026, 11, 3)) is None
    due = due_now(f, TABLE, ZONE, WEEK, date(2026, 11, 4))
    assert due is not None and due.days == 30 and due.day == date(2026, 11, 4)
    assert is_stalled(local(MON - timedelta(days=20)), "A", local(MON), TABLE, no_need=True) \
        is False
    assert is_stalled(local(MON - timedelta(days=20)), "A", local(MON), TABLE) is True


def test_contacting_a_no_need_for_now_customer_sooner_than_monthly_is_flagged() -> None:
    f = _no_need("A", local(MON - timedelta(days=10)))
    soon = over_contact(f, TABLE, ZONE, local(MON), local(MON - timedelta(days=10)), None)
    assert soon is not None and soon.tier == NO_NEED and soon.min_days == 30
    assert over_contact(facts("A"), TABLE, ZONE, local(MON), local(MON - timedelta(days=10)),
                        None) is None


def test_no_need_tags_are_matched_whatever_their_spelling() -> None:
    assert no_need_keys(TABLE) == sorted({tag_key("No need for now"), tag_key("暂无需求")})
    assert tag_key("NO NEED FOR NOW") in no_need_keys(TABLE)
