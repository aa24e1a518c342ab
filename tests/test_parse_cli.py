"""The `parse` sub-command: one JSON object per message, or per line with --jsonl."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

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
