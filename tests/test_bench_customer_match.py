"""The customer-matching benchmark still runs and its index still reads the logs right (a
small workspace; the real figures are in bench/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_customer_match_bench_runs_and_reads_its_logs_right() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "customer_match.py"),
                           "--customers", "400", "--logs", "60"], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    row = done.stdout.strip().splitlines()[-1].strip("| ").split(" | ")
    assert row[:2] == ["sqlite", "400"]
    right, total = row[-1].split("/")
    assert total == "60" and int(right) >= 57
