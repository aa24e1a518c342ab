"""Team figure rules with the time passed in: periods in the team's zone (a DST week, a
week that starts on Sunday in UTC), each formula, empty periods, median and percentile."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.figure_periods import (
    MONTH,
    WEEK,
    current_period,
    period_of,
    previous_period,
    recent_weeks,
    week_ending,
    weekly_report_due,
)
from bot.domain.figure_sets import FactSet, Rules, figures_for, split_by_person
from bot.domain.figures import (
    ComplaintFact,
    DealHistory,
    MoveFact,
    TaskFact,
    a_deal_since_at,
    a_deals_at_cuts,
    change,
    churn,
    complaint_times,
    conversion,
    median,
    new_a_deals,
    percentile,
    timeliness,
    value_at,
)
from bot.domain.pool_figures import CLAIM, RETURN, OwnershipFact
from bot.domain.revisit_figures import RevisitFact
from bot.domain.workdays import WorkCalendar

SHANGHAI, BERLIN = ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin")
WED = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)  # Wednesday 12:00 in Shanghai
HOUR = timedelta(hours=1)


def test_a_week_starts_at_monday_midnight_in_the_teams_zone() -> None:
    week = current_period(WEEK, WED, SHANGHAI)
    assert week.start == datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # Mon 00:00 Shanghai
    assert week.end - week.start == timedelta(days=7) and week.cut == WED
    # Sunday 17:00 UTC is already Monday in Shanghai, still Sunday in New York.
    sunday = datetime(2026, 11, 22, 17, 0, tzinfo=UTC)
    assert period_of(WEEK, sunday, SHANGHAI).first_day == date(2026, 11, 23)
    assert period_of(WEEK, sunday, ZoneInfo("America/New_York")).first_day == date(2026, 11, 16)


def test_a_week_across_the_daylight_saving_change_is_167_hours() -> None:
    sunday = datetime(2026, 3, 29, 12, tzinfo=UTC)
    week = period_of(WEEK, sunday, BERLIN, now=sunday + timedelta(days=7))  # a whole week
    assert week.end - week.start == timedelta(hours=167)
    assert week.end.astimezone(BERLIN).hour == 0  # still local midnight after the change
    late = TaskFact("u", datetime(2026, 3, 29, 21, 30, tzinfo=UTC), None)  # Sun 23:30 CEST
    after = TaskFact("u", datetime(2026, 3, 29, 22, 30, tzinfo=UTC), None)  # Mon 00:30
    assert timeliness([late, after], week, HOUR).due == 1


def test_months_and_the_previous_period() -> None:
    month = current_period(MONTH, WED, SHANGHAI)
    assert (month.first_day, month.last_day) == (date(2026, 11, 1), date(2026, 11, 30))
    before = previous_period(month)
    assert (before.first_day, before.last_day, before.cut) == (
        date(2026, 10, 1), date(2026, 10, 31), month.start)
    december = current_period(MONTH, datetime(2026, 12, 31, 15, tzinfo=UTC), SHANGHAI)
    assert december.first_day == date(2026, 12, 1)
    assert previous_period(current_period(MONTH, datetime(2027, 1, 5, tzinfo=UTC), SHANGHAI)
                           ).first_day == date(2026, 12, 1)
    weeks = recent_weeks(WED, SHANGHAI, 8)
    assert len(weeks) == 8 and weeks[-1].cut == WED
    assert all(a.end == b.start for a, b in zip(weeks, weeks[1:], strict=False))


def test_working_days_passed_and_in_the_period() -> None:
    week = current_period(WEEK, WED, SHANGHAI)
    assert week.working_days(WorkCalendar()) == (3, 5)
    golden = current_period(WEEK, datetime(2026, 10, 2, 4, tzinfo=UTC), SHANGHAI)
    assert golden.working_days(WorkCalendar(country="CN"))[1] < 5  # National Day week


def test_timeliness_judges_only_tasks_past_their_grace() -> None:
    week = current_period(WEEK, WED, SHANGHAI)
    tasks = [
        TaskFact("u", WED - 5 * HOUR, WED - 5 * HOUR + timedelta(minutes=30)),  # on time
        TaskFact("u", WED - 5 * HOUR, WED - 2 * HOUR),  # done late
        TaskFact("u", WED - 5 * HOUR, None),  # still open
        TaskFact("u", WED - timedelta(minutes=30), None),  # within its grace: not judged
        TaskFact("u", WED + timedelta(days=2), None),  # not yet due
        TaskFact("u", week.start - HOUR, None),  # last week's
    ]
    found = timeliness(tasks, week, HOUR)
    assert (found.due, found.on_time, found.still_open) == (3, 1, 1)
    assert found.rate == pytest.approx(1 / 3) and found.overdue_rate == pytest.approx(2 / 3)
    assert timeliness([], week, HOUR).rate is None  # not yet recorded, not 0%


def _move(axis: str, old: str | None, new: str, at: datetime, cid: int = 1) -> MoveFact:
    return MoveFact("u", cid, axis, old, new, at)


def test_new_a_conversion_and_churn() -> None:
    week = current_period(WEEK, WED, SHANGHAI)
    moves = [
        _move("likelihood", "B", "A", WED - HOUR), _move("likelihood", "A", "A", WED - HOUR),
        _move("likelihood", None, "A", week.start - HOUR),  # last week
        _move("stage", "negotiating", "won", WED - HOUR, 1),
        _move("stage", "qualified", "lost", WED - HOUR, 2),
        _move("stage", "inquiry", "lost", WED - HOUR, 3),  # never qualified: not conversion
    ]
    assert new_a_deals(moves, week) == 1
    won = conversion(moves, week)
    assert (won.won, won.lost_qualified, won.rate) == (1, 1, 0.5)
    made_now = MoveFact("u", 6, "stage", "inquiry", "lost", WED - HOUR, made=WED - 2 * HOUR)
    lost = churn(3, [*moves, made_now], week)  # 6 was not a customer at the start
    assert (lost.lost, lost.customers, lost.rate) == (2, 3, pytest.approx(2 / 3))
    assert conversion([], week).rate is None and churn(0, [], week).rate is None


def test_complaint_times_are_median_and_90th_percentile_not_means() -> None:
    week = current_period(WEEK, WED, SHANGHAI)
    raised = week.start + HOUR
    rows = [ComplaintFact("u", raised, raised + timedelta(minutes=m),
                          raised + timedelta(hours=h) if h else None)
            for m, h in ((10, 2), (20, 4), (30, 0), (600, 0))]
    found = complaint_times(rows, week)
    assert (found.raised, found.resolved, found.resolution_rate) == (4, 2, 0.5)
    assert (found.ack_minutes_median, found.ack_minutes_p90) == (25, 600)
    assert (found.resolve_hours_median, found.resolve_hours_p90) == (3, 4)
    assert median([]) is None and percentile([], 0.9) is None
    assert percentile(list(range(1, 11)), 0.9) == 9 and median([1, 2, 30]) == 2


def test_a_team_scope_sums_its_reps_and_an_empty_period_is_not_recorded() -> None:
    week = current_period(WEEK, WED, SHANGHAI)
    facts = FactSet(
        tasks=(TaskFact("a", WED - 5 * HOUR, WED - 5 * HOUR), TaskFact("b", WED - 5 * HOUR, None)),
        a_deals=((WED, "a", WED - timedelta(days=8)), (WED, "b", WED - timedelta(days=2))),
        a_cuts=(WED,),
        revisits=(RevisitFact("a", date(2026, 11, 23), date(2026, 11, 23), True, 5),
                  RevisitFact("b", date(2026, 11, 24), None),
                  RevisitFact("b", date(2026, 11, 27), None)),  # due Friday: not yet
        losses=(("a", "price", WED - HOUR), ("b", "price", WED - HOUR),
                ("b", "competitor", WED - HOUR)),
        ownership=(OwnershipFact(CLAIM, WED - HOUR, to_user="a"),
                   OwnershipFact(RETURN, WED - HOUR, from_user="b", unworked=True)))
    rules = Rules(HOUR, WorkCalendar())
    team = figures_for(facts, ("a", "b"), week, rules)
    assert (team.tasks.due, team.tasks.on_time, team.open_a, team.aging_a) == (2, 1, 2, 1)
    assert (team.revisits.due, team.revisits.reach_rate, team.revisits.satisfaction_rate) == (
        2, 0.5, 1.0)
    assert team.loss_reasons == (("price", 2), ("competitor", 1))
    assert (team.pool.claims, team.pool.returns, team.pool.returned_unworked) == (1, 1, 1)
    b = figures_for(facts, ("b",), week, rules)
    own = split_by_person(facts)
    assert all(figures_for(own[p], (p,), week, rules) == figures_for(facts, (p,), week, rules)
               for p in ("a", "b"))  # a rep's own rows give the same figures, faster
    assert (b.tasks.rate, b.pool.claims, b.aging_a) == (0.0, 0, 0)
    before = figures_for(facts, ("a", "b"), previous_period(week), rules)
    assert before.tasks.rate is None and before.revisits.reach_rate is None
    assert before.aging_a is None and before.open_a is None  # its end was not replayed
    assert change(team.tasks.rate, before.tasks.rate) is None
    assert change(0.75, 0.5) == 0.25


def test_the_weekly_report_is_due_from_its_time_until_the_week_ends() -> None:
    nine = time(9, 0)
    monday_9 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 Shanghai
    assert weekly_report_due(monday_9 - timedelta(seconds=1), SHANGHAI, "mon", nine) is None
    assert weekly_report_due(monday_9, SHANGHAI, "mon", nine) == date(2026, 11, 23)
    sunday_late = datetime(2026, 11, 29, 15, 59, tzinfo=UTC)  # Sun 23:59 Shanghai
    assert weekly_report_due(sunday_late, SHANGHAI, "mon", nine) == date(2026, 11, 23)
    assert weekly_report_due(monday_9, SHANGHAI, "tue", nine) is None  # a Tuesday team
    # 09:00 in Shanghai is 02:00 in Berlin: that team's Monday 09:00 has not come yet.
    assert weekly_report_due(monday_9, BERLIN, "mon", nine) is None
    assert weekly_report_due(monday_9 + 7 * HOUR, BERLIN, "mon", nine) == date(2026, 11, 23)


def test_a_report_covers_the_whole_week_that_ended() -> None:
    monday = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # Mon 00:00 Shanghai
    week = week_ending(WEEK, monday, SHANGHAI)
    assert (week.first_day, week.cut, week.end) == (date(2026, 11, 16), monday, monday)
    late = TaskFact("u", monday - timedelta(minutes=10), monday + timedelta(minutes=20))
    assert timeliness([late], week, HOUR).on_time == 1  # judged, though its grace runs on


def test_an_a_deal_is_replayed_to_what_it_was_at_a_past_moment() -> None:
    then = WED - timedelta(days=2)
    made = then - timedelta(days=30)
    signed = DealHistory("u", made, "won", "A", (
        ("likelihood", "B", "A", then - timedelta(days=10)), ("stage", "negotiating", "won", WED)))
    assert value_at(signed, "stage", then) == "negotiating"
    assert value_at(signed, "stage", WED) == "won"
    assert a_deal_since_at(signed, then) == then - timedelta(days=10)
    assert a_deal_since_at(signed, WED) is None  # won: no longer an open deal
    never_moved = DealHistory("u", made, None, "A", ())
    assert a_deal_since_at(never_moved, then) == made  # A from its file's first day
    later = DealHistory("u", made, "qualified", "A", (("likelihood", "C", "A", WED),))
    assert a_deal_since_at(later, then) is None
    unborn = DealHistory("u", WED, "qualified", "A", ())
    assert a_deal_since_at(unborn, then) is None


def test_the_trend_replays_open_and_aging_a_deals_at_each_weeks_end_across_dst() -> None:
    now = datetime(2026, 11, 4, 11, 0, tzinfo=UTC)  # Wednesday 12:00 in Berlin (CET)
    weeks = recent_weeks(now, BERLIN, 8)  # Mondays 14 Sep ... 2 Nov, the last so far
    assert weeks[5].first_day == date(2026, 10, 19)
    assert weeks[5].end - weeks[5].start == timedelta(hours=169)  # the clocks went back
    made = datetime(2026, 8, 1, tzinfo=UTC)
    became_a = datetime(2026, 10, 14, 10, 0, tzinfo=UTC)  # Wed 12:00 CEST, three weeks ago
    signed = DealHistory("a", made, "won", "A", (
        ("likelihood", "B", "A", became_a),
        ("stage", "negotiating", "won", datetime(2026, 10, 28, 9, 0, tzinfo=UTC))))  # last week
    # Won at 23:30 on the Sunday the clocks went back: before that week's end in Berlin
    # (23:00 UTC), though after seven days of 24 hours from its start (22:00 UTC).
    sunday = DealHistory("b", made, "won", "A", (
        ("likelihood", "C", "A", became_a),
        ("stage", "negotiating", "won", datetime(2026, 10, 25, 22, 30, tzinfo=UTC))))
    cuts = [w.cut for w in weeks]
    facts = FactSet(a_deals=a_deals_at_cuts([signed, sunday], cuts), a_cuts=tuple(cuts))
    rules = Rules(HOUR, WorkCalendar())
    found = [figures_for(facts, ("a", "b"), w, rules) for w in weeks]
    assert [f.open_a for f in found] == [0, 0, 0, 0, 2, 1, 0, 0]
    assert [f.aging_a for f in found] == [0, 0, 0, 0, 0, 1, 0, 0]
    assert [f.aging_a for f in (figures_for(facts, ("b",), w, rules) for w in weeks)] == [0] * 8
    unread = figures_for(FactSet(a_cuts=tuple(cuts[-1:])), ("a",), weeks[0], rules)
    assert (unread.open_a, unread.aging_a) == (None, None)  # not replayed: not yet recorded
