"""Input that broke the reader (issue 11): a NUL, a huge text, Duckling busy elsewhere."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.parsing import PARSE_WINDOW, duckling_engine, find_due, parse_log, parse_window
from bot.domain.storable import storable

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday
UTC_ZONE = ZoneInfo("UTC")


@pytest.mark.parametrize(("text", "kept"), [
    ("plain ascii", "plain ascii"),
    ("中文 ok", "中文 ok"),
    ("a\x00b", "a\ufffdb"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ("\x00\x00", "\ufffd\ufffd"),
    ("emoji 😀 stays", "emoji 😀 stays"),
])
def test_storable_replaces_only_what_no_database_can_keep(text: str, kept: str) -> None:
    assert storable(text) == kept


def test_a_nul_does_not_panic_duckling_and_positions_are_kept() -> None:
    text = "call\x00 back tomorrow at 3pm"
    spans = duckling_engine.duckling_spans(text, NOW, UTC_ZONE, "EN")
    assert spans and text[spans[0].start:spans[0].end].startswith("tomorrow")
    parsed = parse_log("Acme Corp\x00: " + text, now=NOW, tz=UTC_ZONE)
    assert parsed.due is not None and parsed.due.due == datetime(2026, 11, 24, 15, tzinfo=UTC)


def test_a_huge_log_is_read_by_its_head_and_its_tail() -> None:
    filler = "x " * PARSE_WINDOW
    head = parse_log("Acme Corp: call back Friday 3pm " + filler, now=NOW, tz=UTC_ZONE)
    tail = parse_log("Acme Corp: notes " + filler + " call back Friday 3pm", now=NOW,
                     tz=UTC_ZONE)
    for parsed in (head, tail):
        assert parsed.due is not None
        assert parsed.due.due == datetime(2026, 11, 27, 15, tzinfo=UTC)
    # The middle of a long text is not read: its cost would grow with its square.
    middle = "Acme Corp: notes " + filler + " call back Friday 3pm " + filler
    assert parse_log(middle, now=NOW, tz=UTC_ZONE).due is None
    assert find_due(filler + " Friday 3pm " + filler, now=NOW, tz=UTC_ZONE) is None


def test_the_window_of_a_long_log_is_bounded_and_a_short_log_is_whole() -> None:
    assert parse_window("Acme: call back Friday") == "Acme: call back Friday"
    window = parse_window("a" * 100_000)
    assert len(window) <= PARSE_WINDOW + 3


def test_duckling_still_busy_with_an_abandoned_text_is_skipped_not_waited_for(
        monkeypatch) -> None:
    monkeypatch.setattr(duckling_engine, "LOCK_WAIT", 0.01)
    with duckling_engine._LOCK:  # an abandoned parse still running in another thread
        assert duckling_engine.duckling_spans("tomorrow at 3pm", NOW, UTC_ZONE, "EN") == []
    assert duckling_engine.duckling_spans("tomorrow at 3pm", NOW, UTC_ZONE, "EN") != []
