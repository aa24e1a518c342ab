"""The reading bench runs on a few corpus rows, and its scoring is checked by hand-made readings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.reading_score import customer_ok, due_key, score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / "corpus"
ROW = {"id": "r1", "text": "Initech: send contract by Wednesday 5pm, then call back on Dec 15",
       "now": "2025-03-04T10:00", "tz": "America/New_York",
       "gold": {"customer": "existing:Initech", "moves": ["stage=won"],
                "tasks": ["2025-03-05T17:00", "2025-12-15"], "complaint": True,
                "happened_at": "2025-03-03"}}
TASKS = [{"due": "2025-12-15T00:00:00-05:00", "due_precision": "day"},
         {"due": "2025-03-05T22:00:00+00:00", "due_precision": "time"}]
PERFECT = {"customer_match": {"kind": "existing", "name": "initech", "candidates": []},
           "moves": [{"axis": "stage", "value": "won", "phrase": "signed"}],
           "tasks": TASKS,
           "complaint": {"intent": True, "confidence": 0.9},
           "happened_at": "2025-03-03T15:00:00-05:00"}


def _rates(prediction: dict[str, object], row: dict[str, object] = ROW) -> dict[str, float]:
    return {name: tally.rate for name, tally in score([row], [prediction]).items()
            if tally.total}


def test_a_perfect_reading_scores_every_capability_in_full() -> None:
    assert _rates(PERFECT) == {"whole log": 1.0, "customer": 1.0, "moves": 1.0,
                               "every promise": 1.0, "promises found": 1.0,
                               "complaint intent": 1.0, "happened_at": 1.0}


def test_each_wrong_part_costs_only_its_own_capability() -> None:
    wrong = {**PERFECT, "customer_match": {"kind": "existing", "name": "Initech Labs"},
             "tasks": TASKS[:1], "moves": [], "happened_at": None}
    rates = _rates(wrong)
    assert rates["customer"] == rates["moves"] == rates["every promise"] == 0.0
    assert rates["promises found"] == 0.5 and rates["happened_at"] == 0.0
    assert rates["complaint intent"] == 1.0 and rates["whole log"] == 0.0
    only_customer = _rates({**PERFECT, "customer_match": {"kind": "ambiguous"}})
    assert only_customer["whole log"] == only_customer["customer"] == 0.0
    assert only_customer["every promise"] == 1.0


def test_an_error_row_is_wrong_everywhere_it_counts() -> None:
    rates = _rates({"error": "bad JSON", "line": 1})
    assert set(rates.values()) == {0.0}


def test_false_alarms_are_counted_on_rows_that_have_none() -> None:
    quiet = {**ROW, "gold": {"customer": "new:Globex Retail", "moves": [], "tasks": [],
                             "complaint": False, "happened_at": None}}
    prediction = {**PERFECT, "customer_match": {"kind": "new", "name": "globex  retail"}}
    rates = _rates(prediction, quiet)
    assert rates == {"whole log": 0.0, "customer": 1.0, "false moves": 1.0, "false tasks": 1.0,
                     "false complaints": 1.0, "false happened_at": 1.0}
    quiet_rates = _rates({**prediction, "moves": [], "tasks": [], "complaint": {"intent": False},
                          "happened_at": "2025-03-04T08:00:00-05:00"}, quiet)
    assert quiet_rates["false moves"] == 0.0 and quiet_rates["whole log"] == 1.0


@pytest.mark.parametrize(("gold", "match", "ok"), [
    ("new:Acme Logistics", {"kind": "new", "name": "Acme Corp", "candidates": []}, False),
    ("new:Acme Logistics", {"kind": "existing", "name": "Acme Logistics"}, False),
    ("suggest:Tencent Cloud", {"kind": "new", "name": "Tencnet Cloud",
                               "candidates": ["Tencent Cloud"]}, True),
    ("suggest:Tencent Cloud", {"kind": "ambiguous", "name": None,
                               "candidates": ["Tencent Music", "Tencent Cloud"]}, False),
    ("suggest:Tencent Cloud", {"kind": "existing", "name": "Tencent Cloud"}, True),
    ("ambiguous:Acme Corp|Acme Corporation Asia",
     {"kind": "ambiguous", "name": None, "candidates": ["Acme Corporation Asia", "Acme Corp"]},
     True),
    ("ambiguous:Acme Corp|Acme Corporation Asia",
     {"kind": "existing", "name": "Acme Corp", "candidates": []}, False),
    ("ambiguous", {"kind": "ambiguous", "name": None, "candidates": []}, True),
])
def test_customer_labels(gold: str, match: dict[str, object], ok: bool) -> None:
    assert customer_ok(gold, match) is ok


def test_a_due_is_compared_in_the_row_zone_at_its_precision() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    assert due_key("2025-03-06T16:00:00+00:00", "time", shanghai) == "2025-03-07T00:00"
    assert due_key("2025-03-07T00:00:00+08:00", "day", shanghai) == "2025-03-07"


def test_every_corpus_row_is_labelled_in_the_gold_format() -> None:
    customers = {c["name"] for c in json.loads((CORPUS / "customers.json").read_text("utf-8"))}
    rows = [json.loads(line) for path in sorted(CORPUS.glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines()]
    assert len(rows) >= 300 and len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        kind, _, name = row["gold"]["customer"].partition(":")
        named = [n for n in name.split("|") if n]
        assert kind in ("existing", "new", "suggest", "ambiguous"), row["id"]
        assert all(n in customers for n in named) is (kind != "new"), row["id"]
        assert isinstance(row["gold"]["complaint"], bool), row["id"]


def test_the_reading_bench_runs_on_a_few_rows() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "reading.py"), "--limit", "2"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "corpus: 12 logs" in done.stdout
    assert "heldout only" in done.stdout and "heldout2 only" in done.stdout
    assert "today's rules (f1b5a9c)" in done.stdout
    assert "issue-01" not in done.stdout  # misses are listed only when asked
    assert any(line.startswith(("PASS  customer", "FAIL  customer"))
               for line in done.stdout.splitlines())
