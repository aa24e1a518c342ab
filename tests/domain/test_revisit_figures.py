"""The after-sale figures over plain values."""

from __future__ import annotations

from datetime import date

from bot.domain.revisit_figures import (
    RevisitFact,
    figures_by,
    loss_reasons,
    month_of,
    revisit_figures,
    week_of,
)

DUE = date(2026, 11, 23)
FACTS = [
    RevisitFact("U1", DUE, DUE, True, 5),
    RevisitFact("U1", DUE, date(2026, 11, 25), True, 2, "delivery"),
    RevisitFact("U2", DUE, DUE, True, 4),
    RevisitFact("U2", DUE, DUE, False),
    RevisitFact("U2", date(2026, 12, 1), None),
    RevisitFact("U1", date(2026, 12, 2), date(2026, 12, 2), True, 3, "delivery"),
    RevisitFact("U1", date(2026, 12, 2), date(2026, 12, 2), True, None),
]


def test_rates_over_the_team() -> None:
    f = revisit_figures(FACTS)
    assert (f.due, f.reached, f.rated, f.satisfied, f.done_on_time) == (7, 5, 4, 2, 5)
    assert f.reach_rate == 5 / 7 and f.satisfaction_rate == 0.5
    assert f.average_score == 14 / 4 and f.on_time_rate == 5 / 7
    assert f.reasons == (("delivery", 2),)


def test_nothing_due_gives_no_rate_rather_than_a_division_by_zero() -> None:
    f = revisit_figures([])
    assert (f.reach_rate, f.satisfaction_rate, f.average_score) == (None, None, None)


def test_per_rep_per_week_and_per_month() -> None:
    by_rep = figures_by(FACTS, lambda f: f.owner)
    assert (by_rep["U1"].rated, by_rep["U2"].reached) == (3, 1)
    by_week = figures_by(FACTS, lambda f: week_of(f.due_day))
    assert sorted(by_week) == [date(2026, 11, 23), date(2026, 11, 30)]
    by_month = figures_by(FACTS, lambda f: month_of(f.due_day))
    assert by_month[date(2026, 12, 1)].due == 3


def test_loss_reasons_commonest_first() -> None:
    assert loss_reasons(["price", "competitor", "price"]) == (("price", 2), ("competitor", 1))
