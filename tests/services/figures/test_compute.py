"""compute_figures on the real databases: a team's figures and each rep's, this week and
last, from tasks, moves, revisits, losses, complaints and ownership events; other workspaces
and other teams' people left out."""

from __future__ import annotations

import json

import pytest

from bot.services.context import ServiceContext
from bot.services.figures.chart_posts import trend_points
from bot.services.figures.compute import compute_figures, weekly_trend
from bot.services.figures.payload import team_figures_from_payload, team_figures_to_payload
from handlers.blocks.figure_chart import chart_alt_text
from tests.services.figures.seed import (
    LAST_WEEK,
    NOW,
    REP,
    REP2,
    H,
    customer,
    move,
    seed_week,
    task,
)
from tests.support.statements import statements

WS = "T0EAST"


def _team(services: ServiceContext):  # type: ignore[no-untyped-def]
    return services.directory.teams[0]


def test_a_week_of_the_team_and_each_rep(services: ServiceContext) -> None:
    with services.uow() as uow:
        seed_week(uow, WS)
        seed_week(uow, "T0OTHER")  # another workspace: never counted
        customer(uow, WS, "Stranger", "U0OUT", "qualified", "A")
        task(uow, WS, "U0OUT", NOW - 10 * H, None)
        uow.commit()
    found = compute_figures(services, WS, _team(services), "week", NOW)
    assert found.team_pair is not None
    team, before = found.team_pair.current, found.team_pair.previous
    assert (team.tasks.due, team.tasks.on_time, team.tasks.still_open) == (3, 1, 1)
    assert team.tasks.rate == pytest.approx(1 / 3)
    assert (before.tasks.due, before.tasks.rate) == (2, 1.0)
    assert team.new_a == 1 and team.aging_a == 1 and before.aging_a == 0
    assert (team.conversion.won, team.conversion.lost_qualified) == (1, 1)
    assert (team.churn.lost, team.churn.customers) == (1, 5)
    assert (team.revisits.due, team.revisits.reached, team.revisits.average_score) == (2, 1, 2)
    assert team.revisits.reasons == (("delivery", 1),) and team.loss_reasons == (("price", 1),)
    assert (team.complaints.raised, team.complaints.resolution_rate) == (1, 1.0)
    assert (team.complaints.ack_minutes_median, team.complaints.resolve_hours_p90) == (15, 6)
    assert (team.pool.claims, team.pool.returns, team.pool.returned_unworked) == (1, 1, 1)
    assert team.working_days == (3, 5)
    reps = dict(found.reps)
    assert list(reps) == [REP, REP2]
    assert reps[REP].current.tasks.due == 3 and reps[REP2].current.tasks.due == 0
    assert reps[REP2].current.tasks.rate is None  # not yet recorded
    assert (reps[REP].current.complaints.raised, reps[REP2].current.complaints.raised) == (0, 1)


def test_churn_counts_customers_at_the_start_not_lost_then(services: ServiceContext) -> None:
    with services.uow() as uow:
        seed_week(uow, WS)  # 5 customers at the start, 1 of them lost this week
        gone = customer(uow, WS, "Gone", REP, "lost")
        move(uow, WS, gone, "stage", "inquiry", "lost", LAST_WEEK)  # lost then, still lost
        back = customer(uow, WS, "Back", REP, "lost")
        move(uow, WS, back, "stage", "inquiry", "lost", LAST_WEEK - H)
        move(uow, WS, back, "stage", "lost", "inquiry", LAST_WEEK)
        move(uow, WS, back, "stage", "inquiry", "lost", NOW - H)  # a customer again, lost again
        fresh = customer(uow, WS, "Fresh", REP, "lost", made=NOW - 5 * H)
        move(uow, WS, fresh, "stage", "inquiry", "lost", NOW - 2 * H)  # not one at the start
        uow.commit()
    found = compute_figures(services, WS, _team(services), "week", NOW)
    assert found.team_pair is not None
    now, before = found.team_pair.current.churn, found.team_pair.previous.churn
    assert (now.lost, now.customers) == (2, 6)
    assert (before.lost, before.customers) == (2, 7)  # Gone and Back lost last week


def test_a_deals_older_than_their_week_at_the_previous_periods_end_are_replayed(
        services: ServiceContext) -> None:
    with services.uow() as uow:
        signed = customer(uow, WS, "Signed", REP, "won", "A")  # A for weeks, won this week
        move(uow, WS, signed, "likelihood", "B", "A", LAST_WEEK - 10 * 24 * H)
        move(uow, WS, signed, "stage", "negotiating", "won", NOW - H)
        cooled = customer(uow, WS, "Cooled", REP2, "negotiating", "B")  # made A long ago
        move(uow, WS, cooled, "likelihood", "A", "B", NOW - 2 * H)
        fresh = customer(uow, WS, "Fresh", REP, "qualified", "A")  # A this week only
        move(uow, WS, fresh, "likelihood", "C", "A", NOW - 3 * H)
        gone = customer(uow, WS, "Gone", REP, "lost", "A")  # lost before the cut
        move(uow, WS, gone, "stage", "qualified", "lost", LAST_WEEK)
        uow.commit()
    found = compute_figures(services, WS, _team(services), "week", NOW)
    assert found.team_pair is not None
    assert (found.team_pair.current.aging_a, found.team_pair.previous.aging_a) == (0, 2)
    reps = dict(found.reps)
    assert (reps[REP].previous.aging_a, reps[REP2].previous.aging_a) == (1, 1)


def test_a_month_and_the_eight_week_trend(services: ServiceContext) -> None:
    with services.uow() as uow:
        seed_week(uow, WS)
        uow.commit()
    month = compute_figures(services, WS, _team(services), "month", NOW, reps=[REP],
                            with_team=False)
    assert month.team_pair is None and [r for r, _ in month.reps] == [REP]
    assert month.reps[0][1].current.tasks.due == 5  # last week's two are this month too
    trend = weekly_trend(services, WS, _team(services), NOW)
    assert len(trend) == 8 and [w.tasks.due for w in trend[-2:]] == [2, 3]
    assert all(w.tasks.due == 0 for w in trend[:-2])


def test_the_trend_replays_open_and_aging_a_deals_at_each_weeks_end(
        services: ServiceContext) -> None:
    with services.uow() as uow:
        seed_week(uow, WS)  # Old A: A for 9 days now; New A: A since 2 hours ago
        signed = customer(uow, WS, "Signed", REP2, "won", "A")
        move(uow, WS, signed, "likelihood", "B", "A", NOW - 21 * 24 * H)  # three weeks ago
        move(uow, WS, signed, "stage", "negotiating", "won", LAST_WEEK)  # won last week
        uow.commit()
    team = _team(services)
    with statements(services) as two_weeks:
        weekly_trend(services, WS, team, NOW, weeks=2)
    with statements(services) as seen:
        trend = weekly_trend(services, WS, team, NOW)
    assert len(seen) == len(two_weeks)  # one read for every week, not one a week
    # Weeks from Monday 5 Oct to this one (so far); Signed was A from 4 Nov to 18 Nov.
    assert [w.open_a for w in trend] == [0, 0, 0, 0, 1, 1, 1, 2]
    assert [w.aging_a for w in trend] == [0, 0, 0, 0, 0, 1, 0, 1]
    alt = chart_alt_text({"pipeline": [], "trend": [vars(p) for p in trend_points(trend)]},
                         "en")
    assert "Open A deals: 0, 0, 0, 0, 1, 1, 1, 2" in alt
    assert "A deals older than their week: 0, 0, 0, 0, 0, 1, 0, 1" in alt
    found = compute_figures(services, WS, team, "week", NOW)
    assert found.team_pair is not None  # /stats reads the same cuts: last week's end, now
    assert (found.team_pair.previous.aging_a, found.team_pair.current.aging_a) == (0, 1)
    assert (found.team_pair.previous.open_a, found.team_pair.current.open_a) == (1, 2)


def test_figures_travel_as_a_payload_unchanged(services: ServiceContext) -> None:
    with services.uow() as uow:
        seed_week(uow, WS)
        uow.commit()
    found = compute_figures(services, WS, _team(services), "week", NOW)
    assert team_figures_from_payload(json.loads(json.dumps(
        team_figures_to_payload(found)))) == found
