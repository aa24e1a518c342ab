"""Complaint rules: escalation order, paging hours, SLA clocks on the team calendar, text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.complaint_text import complaint_body, suggest
from bot.domain.complaints import (
    ComplaintPolicy,
    WorkingHours,
    escalation_targets,
    median,
    page_at,
    sla_clocks,
)
from bot.domain.workdays import WorkCalendar


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("owner", "backup", "lead", "repeat", "expected"), [
    ("UA", "UB", "UL", 0, ["UA", "UB", "UL"]),
    ("UA", "UB", "UL", 1, ["UA", "UB", "UL", "UA", "UB", "UL"]),
    ("UA", None, "UL", 1, ["UA", "UL", "UA", "UL"]),
    ("UL", "UB", "UL", 0, ["UL", "UB", "UL"]),
    ("UA", "UL", "UL", 0, ["UA", "UL"]),        # backup is the lead: paged once per pass
    ("UA", None, None, 2, ["UA"]),             # nobody else: never paged twice in a row
])
def test_escalation_runs_owner_backup_lead_then_repeats(
        owner: str, backup: str | None, lead: str | None, repeat: int,
        expected: list[str]) -> None:
    assert escalation_targets(owner, backup, lead, repeat) == expected


@pytest.mark.parametrize(("priority", "minutes"), [("high", 15), ("medium", 30), ("low", 30),
                                                   ("unknown", 30)])
def test_ack_time_defaults_per_priority(priority: str, minutes: int) -> None:
    assert ComplaintPolicy().ack_time(priority) == timedelta(minutes=minutes)


def test_ack_time_may_be_one_minute() -> None:
    policy = ComplaintPolicy(ack_minutes={"high": 1, "medium": 1, "low": 1})
    assert policy.ack_time("high") == timedelta(minutes=1)


SHANGHAI = WorkingHours(WorkCalendar(country="CN"), "Asia/Shanghai")


@pytest.mark.parametrize(("priority", "due", "expected"), [
    # Friday 2026-11-20 20:00 Shanghai (12:00 UTC): after hours
    ("high", utc(2026, 11, 20, 12), utc(2026, 11, 20, 12)),
    ("medium", utc(2026, 11, 20, 12), utc(2026, 11, 20, 12)),
    ("low", utc(2026, 11, 20, 12), utc(2026, 11, 23, 1)),    # Monday 09:00 Shanghai
    ("low", utc(2026, 11, 23, 0, 30), utc(2026, 11, 23, 1)),  # Monday 08:30 -> 09:00
    ("low", utc(2026, 11, 23, 3), utc(2026, 11, 23, 3)),      # within hours: at once
    ("low", utc(2026, 11, 23, 10), utc(2026, 11, 24, 1)),     # 18:00 is closing time
    ("low", utc(2026, 9, 30, 12), utc(2026, 10, 8, 1)),       # National Day week off
])
def test_low_priority_never_pages_outside_working_hours(priority: str, due: datetime,
                                                        expected: datetime) -> None:
    assert page_at(priority, due, SHANGHAI) == expected


def test_working_hours_follow_the_local_zone_across_dst() -> None:
    hours = WorkingHours(WorkCalendar(), "Europe/Berlin")
    # Monday 2026-10-26 09:00 is 08:00 UTC after clocks went back on Sunday
    assert hours.next_start(utc(2026, 10, 24, 12)) == utc(2026, 10, 26, 8)
    assert not hours.contains(utc(2026, 10, 26, 7, 30))


POLICY = ComplaintPolicy()
CAL = WorkCalendar()


@pytest.mark.parametrize(("priority", "raised", "solve_due"), [
    ("high", utc(2026, 11, 19, 10), utc(2026, 11, 23, 10)),     # Thu + 2 -> Mon
    ("medium", utc(2026, 11, 19, 10), utc(2026, 11, 24, 10)),   # Thu + 3 -> Tue
    ("low", utc(2026, 11, 19, 10), utc(2026, 11, 26, 10)),      # a working week
    ("medium", utc(2026, 11, 21, 10), utc(2026, 11, 25, 10)),   # raised Saturday
])
def test_solution_is_due_in_working_days(priority: str, raised: datetime,
                                         solve_due: datetime) -> None:
    answer, solve = sla_clocks(POLICY, priority, raised, CAL, "UTC")
    assert answer.due_at == raised + timedelta(hours=24)
    assert answer.warn_at == raised + timedelta(hours=24 * 0.8)
    assert solve.due_at == solve_due


def test_solution_clock_skips_public_holidays() -> None:
    _, solve = sla_clocks(POLICY, "medium", utc(2026, 11, 25, 15), WorkCalendar(country="US"),
                          "America/New_York")
    # Wed 10:00 New York; Thanksgiving Thursday off -> Fri, Mon, Tue 10:00 EST
    assert solve.due_at == utc(2026, 12, 1, 15)


def test_solution_warning_at_80_percent_of_working_time_never_on_a_weekend() -> None:
    _, solve = sla_clocks(POLICY, "medium", utc(2026, 11, 19, 10), CAL, "UTC")
    # budget Thu 10:00 -> Tue 10:00 = 3 working days (72 h); 20% = 14.4 h back from Tue 10:00
    # crosses Monday midnight: 10 h on Tuesday, 4.4 h of Monday -> Mon 19:36
    assert solve.warn_at == utc(2026, 11, 23, 19, 36)


def test_solution_clock_keeps_local_time_across_dst() -> None:
    _, solve = sla_clocks(POLICY, "medium", utc(2026, 10, 23, 8), CAL, "Europe/Berlin")
    # Friday 10:00 CEST + 3 working days -> Wednesday 10:00 CET
    assert solve.due_at == utc(2026, 10, 28, 9)


@pytest.mark.parametrize(("text", "body"), [
    ("投诉:联想说交货太慢", "联想说交货太慢"),
    ("投诉：联想说交货太慢", "联想说交货太慢"),
    ("complaint: Acme says the delivery was late", "Acme says the delivery was late"),
    ("Complaint - Acme unhappy", "Acme unhappy"),
    ("called Acme about the complaint: fine", None),
    ("complaint", None),
    ("Acme: wants a quote", None),
])
def test_a_dm_that_says_it_is_a_complaint(text: str, body: str | None) -> None:
    assert complaint_body(text) == body


@pytest.mark.parametrize(("text", "category", "priority"), [
    ("Acme says the delivery was late again", "service", "medium"),
    ("联想说交货太慢", "service", "medium"),
    ("the printer is broken, quality is poor, they want to cancel the contract",
     "product", "high"),
    ("华为说产品质量有问题,要求马上处理", "product", "high"),
    ("sales rep was rude on the phone", "experience", "medium"),
    ("客户说销售态度不好,有点失望", "experience", "low"),
    ("minor suggestion about the invoice layout", "service", "low"),
    ("they are unhappy", "service", "medium"),
    ("they translate manuals themselves", "service", "medium"),  # "late" inside a word
])
def test_category_and_priority_are_suggested(text: str, category: str, priority: str) -> None:
    found = suggest(text)
    assert (found.category, found.priority) == (category, priority)


def test_median() -> None:
    assert median([]) is None
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5
