"""The pool's figures: claims, returns and reassignments per rep and week; unworked returns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.pool_figures import (
    CLAIM,
    REASSIGN,
    RETURN,
    SHARE,
    WARN,
    OwnershipFact,
    PoolFigures,
    per_rep_and_week,
    totals,
    unworked,
)

SH = ZoneInfo("Asia/Shanghai")
MON = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_a_return_is_unworked_only_without_a_contact_inside_its_term() -> None:
    since, back = MON, MON + timedelta(days=30)
    assert unworked(since, back, [])
    assert unworked(since, back, [since - timedelta(days=1), back])  # before, and at the end
    assert not unworked(since, back, [since + timedelta(days=3)])


def test_figures_count_per_rep_and_local_week() -> None:
    sunday_night = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # Monday 01:00 in Shanghai
    facts = [
        OwnershipFact(CLAIM, MON, to_user="U1"),
        OwnershipFact(CLAIM, MON + timedelta(days=1), to_user="U1"),
        OwnershipFact(RETURN, MON, from_user="U2", unworked=True),
        OwnershipFact(RETURN, MON, from_user="U2"),
        OwnershipFact(REASSIGN, MON, to_user="U1", from_user="U2"),
        OwnershipFact(CLAIM, sunday_night, to_user="U1"),
        OwnershipFact(SHARE, MON, to_user="U3"),  # not a figure
        OwnershipFact(WARN, MON, to_user="U2"),
    ]
    figures = per_rep_and_week(facts, SH)
    week, next_week = date(2026, 11, 23), date(2026, 11, 30)
    assert figures == {
        ("U1", week): PoolFigures(claims=2, reassigned_in=1),
        ("U2", week): PoolFigures(returns=2, returned_unworked=1, reassigned_out=1),
        ("U1", next_week): PoolFigures(claims=1),
    }
    assert totals(figures.values()) == PoolFigures(claims=3, returns=2, returned_unworked=1,
                                                   reassigned_in=1, reassigned_out=1)
