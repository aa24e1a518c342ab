"""The delivery bench still runs and accounts for every message (small, SQLite, no
baseline; the real figures are in bench/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_delivery_bench_runs_and_loses_nothing() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "delivery.py"), "--db", "sqlite",
                           "--reminders", "30", "--reps", "3", "--logs", "2", "--pages", "2",
                           "--latency", "0.05", "--no-baseline", "--timeout", "60"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "| lanes and pacing |" in done.stdout
    assert "none lost, none twice: met" in done.stdout
    assert "<= 2 429s per channel: met" in done.stdout
