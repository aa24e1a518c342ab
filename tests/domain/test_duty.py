"""Duty rotation, handoffs (also across daylight-saving changes), overrides and backups."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.domain.duty import (
    Override,
    Rotation,
    backup_for,
    last_handoff_day,
    on_duty,
    parse_handoff,
    rotation_shift,
    schedule,
)

BERLIN = "Europe/Berlin"
# Monday 2026-10-19 starts Ann's shift; clocks go back on Sunday 2026-10-25 in Berlin.
ROT = Rotation(("UANN", "UBOB", "UCAT"), BERLIN, start=date(2026, 10, 19))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("now", "owner"), [
    (utc(2026, 10, 19, 6, 59), None),          # before the first shift began (09:00 CEST)
    (utc(2026, 10, 19, 7, 0), "UANN"),          # 09:00 CEST
    (utc(2026, 10, 25, 23, 0), "UANN"),         # Monday 00:00 CET, still Ann's week
    (utc(2026, 10, 26, 7, 59), "UANN"),         # 08:59 CET: 07:00 UTC is no longer 09:00
    (utc(2026, 10, 26, 8, 0), "UBOB"),          # 09:00 CET after the change
    (utc(2026, 11, 2, 8, 0), "UCAT"),
    (utc(2026, 11, 9, 8, 0), "UANN"),           # wraps round
    (utc(2027, 3, 29, 6, 59), "UBOB"),          # spring forward: 08:59 CEST on Monday
    (utc(2027, 3, 29, 7, 0), "UCAT"),           # 09:00 CEST
])
def test_rotation_hands_off_at_local_time_across_dst(now: datetime, owner: str | None) -> None:
    shift = rotation_shift(ROT, now)
    assert (shift.owner if shift else None) == owner


def test_a_shift_runs_from_one_local_handoff_to_the_next() -> None:
    shift = rotation_shift(ROT, utc(2026, 10, 22, 12))
    assert shift is not None
    assert (shift.since, shift.until) == (utc(2026, 10, 19, 7), utc(2026, 10, 26, 8))


def test_a_start_that_is_not_a_handoff_day_hands_off_on_the_next_handoff_day() -> None:
    rot = Rotation(("UANN", "UBOB"), "UTC", start=date(2026, 11, 18))  # a Wednesday
    assert rotation_shift(rot, utc(2026, 11, 18, 9)).owner == "UANN"  # type: ignore[union-attr]
    assert rotation_shift(rot, utc(2026, 11, 23, 9)).owner == "UBOB"  # type: ignore[union-attr]


def test_without_a_start_the_first_person_is_on_duty_now() -> None:
    rot = Rotation(("UANN", "UBOB"), BERLIN, handoff_day=2, handoff_time=time(10))
    now = utc(2026, 11, 23, 12)  # a Monday
    assert last_handoff_day(rot, now) == date(2026, 11, 18)
    assert rotation_shift(rot, now).owner == "UANN"  # type: ignore[union-attr]


def test_nobody_in_the_rotation_means_nobody_on_duty() -> None:
    assert on_duty(Rotation((), "UTC"), [], utc(2026, 11, 23)) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("mon 09:00", (0, time(9))), ("Friday 17:30", (4, time(17, 30))), ("sun 0:05", (6, time(0, 5))),
])
def test_handoff_is_read_from_weekday_and_time(text: str, expected: tuple[int, time]) -> None:
    assert parse_handoff(text) == expected


@pytest.mark.parametrize("text", ["09:00", "monday", "xyz 09:00", "mon 24:00", "mon 9:7"])
def test_a_bad_handoff_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="weekday and time"):
        parse_handoff(text)


COVER = Override("UKIM", utc(2026, 10, 21, 8), utc(2026, 10, 23, 16))


@pytest.mark.parametrize(("now", "owner", "override"), [
    (utc(2026, 10, 21, 7, 59), "UANN", False),
    (utc(2026, 10, 21, 8), "UKIM", True),
    (utc(2026, 10, 23, 15, 59), "UKIM", True),
    (utc(2026, 10, 23, 16), "UANN", False),
])
def test_an_override_takes_precedence_while_it_lasts(now: datetime, owner: str,
                                                     override: bool) -> None:
    shift = on_duty(ROT, [COVER], now)
    assert shift is not None
    assert (shift.owner, shift.override) == (owner, override)


def test_the_later_of_two_overlapping_overrides_wins() -> None:
    second = Override("ULEE", utc(2026, 10, 22, 8), utc(2026, 10, 22, 12))
    assert on_duty(ROT, [COVER, second], utc(2026, 10, 22, 9)).owner == "ULEE"  # type: ignore[union-attr]
    assert on_duty(ROT, [COVER, second], utc(2026, 10, 22, 13)).owner == "UKIM"  # type: ignore[union-attr]
    first = on_duty(ROT, [COVER, second], utc(2026, 10, 21, 9))
    assert first is not None and first.until == utc(2026, 10, 22, 8)


@pytest.mark.parametrize(("backup", "owner", "expected"), [
    ("next", "UANN", "UBOB"),
    ("next", "UKIM", "UBOB"),   # someone covering: the rotation's backup still backs up
    ("next", "UBOB", "UANN"),   # the next person covering: backed up by the one covered
    ("UZED", "UANN", "UZED"),
    ("UANN", "UANN", None),     # never one's own backup
])
def test_backup_is_the_next_person_or_a_fixed_user(backup: str, owner: str,
                                                   expected: str | None) -> None:
    rot = Rotation(ROT.people, BERLIN, start=ROT.start, backup=backup)
    assert backup_for(rot, owner, utc(2026, 10, 21, 9)) == expected


def test_a_rotation_of_one_has_no_next_backup() -> None:
    rot = Rotation(("UANN",), BERLIN, start=ROT.start)
    assert backup_for(rot, "UANN", utc(2026, 10, 21, 9)) is None


def test_the_week_lists_shifts_with_overrides_cut_in() -> None:
    week = schedule(ROT, [COVER], utc(2026, 10, 20, 12))
    assert [(s.owner, s.override) for s in week] == [
        ("UANN", False), ("UKIM", True), ("UANN", False), ("UBOB", False)]
    assert week[0].since == utc(2026, 10, 19, 7)
    assert week[1].since == COVER.start and week[1].until == COVER.end
    assert week[3].since == utc(2026, 10, 26, 8)
    assert week[-1].until == utc(2026, 10, 27, 12)
