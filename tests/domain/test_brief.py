"""The brief before a contact: which words count as an objection, and which is the last
objection or dissatisfaction when a log and a revisit's score both have one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.brief import Brief, Concern, last_concern, reads_as_objection

T = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", [
    "Acme: called Li, worried about the price", "they said it is too expensive",
    "Li has concerns about delivery", "not convinced yet, a competitor has a cheaper offer",
    "华为嫌贵", "王总对交期有顾虑", "客户还在犹豫", "预算不够", "对售后不满意",
])
def test_objections_are_read(text: str) -> None:
    assert reads_as_objection(text)


@pytest.mark.parametrize("text", [
    "Acme: called Li, wants a quote for 20 seats", "拜访了华为，很满意，下周签约",
    "sent the price list", "王总生日是3月5号",
])
def test_ordinary_logs_are_not_objections(text: str) -> None:
    assert not reads_as_objection(text)


def test_the_newest_objecting_log_is_the_concern() -> None:
    logs = [(T, "signed the order"), (T - timedelta(days=2), "worried about the price"),
            (T - timedelta(days=9), "太贵了")]
    assert last_concern(logs, None) == Concern(T - timedelta(days=2), "worried about the price")
    assert last_concern([(T, "signed the order")], None) is None


def test_a_low_score_newer_than_the_objection_is_the_concern_and_older_is_not() -> None:
    logs = [(T - timedelta(days=2), "worried about the price")]
    newer = Concern(T, "delivery", 2)
    older = Concern(T - timedelta(days=5), "delivery", 2)
    assert last_concern(logs, newer) == newer
    assert last_concern(logs, older) == Concern(T - timedelta(days=2),
                                                "worried about the price")
    assert last_concern([], older) == older


def test_a_brief_is_never_more_than_five_lines() -> None:
    assert Brief().lines() == 1  # "no contact logged yet"
    full = Brief(last_contact_at=T, last_contact="called", needs="20 seats", concern="price",
                 open_complaints=2, complaint="late", next_revisit="3d",
                 next_revisit_day=T.date())
    assert full.lines() == 5
