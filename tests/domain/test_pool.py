"""Protection, warning and return of a prospect (docs/pool.md), with time passed in."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.pool import (
    LATE_NOTICE,
    NO_CONTACT,
    PROTECTION_ENDED,
    RETURN,
    WARN,
    PoolPolicy,
    due,
    next_check,
    return_at,
    return_key,
    term,
    warn_key,
    warn_time,
)
from bot.domain.revisit_plans import parse_offset
from bot.domain.workdays import WorkCalendar

SH = ZoneInfo("Asia/Shanghai")
WEEKDAYS = WorkCalendar()
CHINA = WorkCalendar(country="CN")
NINE = time(9, 0)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH).astimezone(UTC)  # type: ignore[misc]


def test_a_claim_is_protected_for_thirty_days_from_the_claim() -> None:
    t = term(local(2026, 11, 2, 10), None, None, "inquiry", PoolPolicy(), SH, WEEKDAYS, NINE)
    assert t is not None
    assert (t.since, t.until, t.reason) == (local(2026, 11, 2, 10), local(2026, 12, 2, 10),
                                             PROTECTION_ENDED)


def test_a_win_restarts_the_protection_and_a_won_customer_never_returns() -> None:
    claimed, won = local(2026, 11, 2, 10), local(2026, 11, 20, 15)
    t = term(claimed, won, None, "negotiating", PoolPolicy(), SH, WEEKDAYS, NINE)
    assert t is not None and t.since == won and t.until == local(2026, 12, 21, 15)
    for stage in ("won", "after_sales"):
        assert term(claimed, won, None, stage, PoolPolicy(), SH, WEEKDAYS, NINE) is None
    # A win before the claim (the customer came back to the pool since) restarts nothing.
    old = term(claimed, local(2026, 1, 5, 9), None, "inquiry", PoolPolicy(), SH, WEEKDAYS, NINE)
    assert old is not None and old.since == claimed


def test_no_contact_counts_from_the_last_contact_in_the_term() -> None:
    policy = PoolPolicy(no_contact=parse_offset("14d"))
    claimed = local(2026, 11, 2, 10)
    quiet = term(claimed, None, None, "inquiry", policy, SH, WEEKDAYS, NINE)
    assert quiet is not None and (quiet.until, quiet.reason) == (local(2026, 11, 16, 10),
                                                                 NO_CONTACT)
    called = term(claimed, None, local(2026, 11, 10, 16), "inquiry", policy, SH, WEEKDAYS, NINE)
    assert called is not None and called.until == local(2026, 11, 24, 16)
    # Contacts keep it from returning quietly, never past the protection itself.
    late = term(claimed, None, local(2026, 11, 25, 16), "inquiry", policy, SH, WEEKDAYS, NINE)
    assert late is not None and (late.until, late.reason) == (local(2026, 12, 2, 10),
                                                              PROTECTION_ENDED)
    # A contact logged before the claim (by the previous owner) does not count for this one.
    before = term(claimed, None, local(2026, 10, 1, 9), "inquiry", policy, SH, WEEKDAYS, NINE)
    assert before is not None and before.until == local(2026, 11, 16, 10)


def test_returns_can_be_turned_off() -> None:
    off = PoolPolicy(protect=None)
    assert term(local(2026, 11, 2, 10), None, None, "inquiry", off, SH, WEEKDAYS, NINE) is None


def test_a_return_on_a_day_off_moves_to_the_next_working_day() -> None:
    # 30 days after Thursday 29 October is Saturday 28 November: it returns on Monday.
    t = term(local(2026, 10, 29, 11), None, None, "inquiry", PoolPolicy(), SH, WEEKDAYS, NINE)
    assert t is not None and t.until == local(2026, 11, 30, 11)
    # China: 2 October is National Day; the holidays run to the 7th.
    cn = term(local(2026, 9, 2, 10), None, None, "inquiry", PoolPolicy(), SH, CHINA, NINE)
    assert cn is not None and cn.until == local(2026, 10, 8, 10)


def test_protection_in_working_days_counts_the_teams_calendar() -> None:
    policy = PoolPolicy(protect=parse_offset("5wd"))
    t = term(local(2026, 9, 28, 10), None, None, "inquiry", policy, SH, CHINA, NINE)
    # 29 and 30 September, 8 and 9 October, then Saturday 10 October, a make-up working day.
    assert t is not None and t.until == local(2026, 10, 10, 10)


def test_the_owner_is_warned_at_the_digest_time_three_days_ahead_on_a_working_day() -> None:
    t = term(local(2026, 11, 2, 10), None, None, "inquiry", PoolPolicy(), SH, WEEKDAYS, NINE)
    assert t is not None and t.warn_at == local(2026, 11, 27, 9)  # Sun 29th -> Fri 27th
    cn = term(local(2026, 9, 2, 10), None, None, "inquiry", PoolPolicy(), SH, CHINA, NINE)
    assert cn is not None and cn.warn_at == local(2026, 9, 30, 9)  # 5 Oct is a holiday
    wd = PoolPolicy(warn_before=parse_offset("2wd"))
    assert warn_time(local(2026, 9, 2, 10), local(2026, 10, 8, 10), wd, SH, CHINA,
                     NINE) == local(2026, 9, 29, 9)


def test_a_warning_never_comes_before_the_term_and_can_be_turned_off() -> None:
    since = local(2026, 11, 2, 10)
    assert warn_time(since, since + timedelta(days=2), PoolPolicy(), SH, WEEKDAYS,
                     NINE) == since
    t = term(since, None, None, "inquiry", PoolPolicy(warn_before=None), SH, WEEKDAYS, NINE)
    assert t is not None and t.warn_at is None


def test_the_sweep_warns_first_then_returns_at_the_end() -> None:
    until, warn_at = local(2026, 12, 2, 10), local(2026, 11, 27, 9)
    assert due(until, warn_at, None, warn_at - timedelta(seconds=1)) is None
    assert due(until, warn_at, None, warn_at) == WARN
    assert next_check(until, warn_at, None) == warn_at
    warned = warn_at + timedelta(minutes=1)
    assert due(until, warn_at, warned, warned) is None
    assert next_check(until, warn_at, warned) == until
    assert due(until, warn_at, warned, until) == RETURN
    assert due(until, None, None, until) == RETURN  # warnings off


def test_a_prospect_is_never_returned_unwarned_even_after_the_bot_was_down() -> None:
    until, warn_at = local(2026, 12, 2, 10), local(2026, 11, 27, 9)
    back_up = until + timedelta(days=3)
    assert due(until, warn_at, None, back_up) == WARN  # not RETURN: the owner never heard
    assert return_at(until, warn_at, back_up) == back_up + LATE_NOTICE
    assert due(until, warn_at, back_up, back_up + timedelta(hours=23)) is None
    assert due(until, warn_at, back_up, back_up + LATE_NOTICE) == RETURN
    assert next_check(until, warn_at, back_up) == back_up + LATE_NOTICE


def test_keys_name_one_warning_per_term_end_and_one_return_per_term() -> None:
    until, since = local(2026, 12, 2, 10), local(2026, 11, 2, 10)
    assert warn_key(7, until) == warn_key(7, until.astimezone(SH)) == \
        "pool:warn:7:2026-12-02T02:00:00"
    assert warn_key(7, until + timedelta(days=14)) != warn_key(7, until)
    assert warn_key(8, until) != warn_key(7, until)
    assert return_key(7, since) == "pool:return:7:2026-11-02T02:00:00"
    assert return_key(7, since + timedelta(days=40)) != return_key(7, since)
