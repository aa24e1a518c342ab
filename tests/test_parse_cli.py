"""The `parse` sub-command: one JSON object per message, or per line with --jsonl."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bot import parse_cli
from bot.domain.parsing import ParsedLog
from bot.parse_cli import run

NOW = datetime(2025, 3, 4, 2, 0, tzinfo=UTC)


def test_parse_prints_one_json_object() -> None:
    out = io.StringIO()
    code = run(["--now", "2025-03-04T10:00:00+08:00", "--tz", "Asia/Shanghai",
                "顺丰要安全问卷,三个工作日内答复"], default_tz="UTC", now=NOW, stdout=out)
    data = json.loads(out.getvalue())
    assert code == 0
    assert data["customer"] == "顺丰"
    assert data["due"] == "2025-03-07T00:00:00+08:00" and data["due_precision"] == "day"


def test_defaults_come_from_the_caller() -> None:
    out = io.StringIO()
    run(["call Acme tomorrow 3pm"], default_tz="America/New_York", now=NOW, stdout=out)
    assert json.loads(out.getvalue())["due"] == "2025-03-04T15:00:00-05:00"


def test_jsonl_reads_one_object_per_line() -> None:
    lines = "\n".join(json.dumps(r) for r in [
        {"text": "Initech: no answer, try again next Tuesday at 9",
         "now": "2025-03-04T10:00:00-05:00", "tz": "America/New_York"},
        {"text": "1000套, 5万", "now": "2025-03-04T10:00:00+08:00", "tz": "Asia/Shanghai"},
    ])
    out = io.StringIO()
    assert run(["--jsonl"], default_tz="UTC", now=NOW, stdin=io.StringIO(lines), stdout=out) == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert results[0]["due"] == "2025-03-11T09:00:00-04:00"
    assert results[1]["due"] is None


CUSTOMERS = [{"name": "Acme Corp", "contacts": ["Li"]}, {"name": "Initech", "contacts": []}]


def _jsonl(*rows: object) -> list[dict[str, object]]:
    lines = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows)
    out = io.StringIO()
    assert run(["--jsonl"], default_tz="UTC", now=NOW, stdin=io.StringIO(lines), stdout=out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_bad_row_is_reported_and_the_batch_goes_on() -> None:
    good = {"text": "call Acme tomorrow 3pm", "tz": "UTC"}
    results = _jsonl(good, "{not json", {"now": "2025-03-04T10:00:00Z"},
                     {"text": "hi", "tz": "Mars/Olympus"}, {"text": "hi", "now": "next tuesday"},
                     {"text": "hi", "customers": "Acme"}, [1, 2], good)
    assert [r.get("line") for r in results] == [None, 2, 3, 4, 5, 6, 7, None]
    assert results[1]["error"].startswith("bad JSON")
    assert results[2]["error"] == "missing text"
    assert "Mars/Olympus" in results[3]["error"] and "next tuesday" in results[4]["error"]
    assert results[0]["due"] == results[7]["due"] == "2025-03-05T15:00:00+00:00"


def test_a_now_without_offset_is_wall_clock_in_the_row_zone() -> None:
    [row] = _jsonl({"text": "call Acme at 3pm", "now": "2025-03-04T10:00:00",
                    "tz": "Asia/Shanghai"})
    assert row["due"] == "2025-03-04T15:00:00+08:00"


def test_a_known_customer_written_in_full_is_existing() -> None:
    [row] = _jsonl({"id": "r1", "text": "Acme Corp signed", "customers": CUSTOMERS})
    assert row["id"] == "r1"
    assert row["customer_match"] == {"kind": "existing", "name": "Acme Corp",
                                     "candidates": [], "contact": None}
    assert [(m["axis"], m["value"]) for m in row["moves"]] == [("stage", "won")]
    assert row["complaint"] == {"intent": False, "confidence": 0.0}
    assert row["happened_at"] is None


def test_an_unknown_name_is_offered_as_new_with_look_alikes() -> None:
    [row] = _jsonl({"text": "Globex: intro call, send deck by Friday",
                    "now": "2025-03-04T10:00:00-05:00", "tz": "America/New_York",
                    "customers": CUSTOMERS})
    assert row["customer_match"]["kind"] == "new" and row["customer_match"]["name"] == "Globex"
    assert row["tasks"] == [{"next_step": "send deck by Friday",
                             "due": "2025-03-07T00:00:00-05:00", "due_precision": "day"}]


def test_no_customer_named_asks_which() -> None:
    [row] = _jsonl({"text": "1000套, 5万", "customers": CUSTOMERS})
    assert row["customer_match"]["kind"] == "ambiguous" and row["customer_match"]["name"] is None
    assert row["tasks"] == [] and row["moves"] == []


def test_a_complaint_said_up_front_is_one() -> None:
    [row] = _jsonl({"text": "投诉: 发票开错了, 客户很生气", "tz": "Asia/Shanghai"})
    assert row["complaint"]["intent"] is True and row["complaint"]["confidence"] >= 0.5


def test_a_row_whose_reading_fails_answers_an_error_and_the_batch_goes_on(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = parse_cli.parse_log

    def failing_on_boom(text: str, **kwargs: Any) -> ParsedLog:
        if text == "boom":
            raise RuntimeError("native panic")
        return real(text, **kwargs)

    monkeypatch.setattr(parse_cli, "parse_log", failing_on_boom)
    results = _jsonl({"id": 7, "text": "boom"}, "null", {"text": "call Acme tomorrow 3pm"})
    assert results[0] == {"error": "could not read: RuntimeError", "line": 1, "id": 7}
    assert results[1] == {"error": "a row must be a JSON object", "line": 2}
    assert results[2]["due"] == "2025-03-05T15:00:00+00:00"
