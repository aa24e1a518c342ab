"""The complaints bench still runs and pages the on-duty owner (small, SQLite, no
escalation: that part waits a minute; the real figures are in the README)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_complaints_bench_runs_and_pages_the_owner() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "complaints.py"), "--db",
                           "sqlite", "--complaints", "3", "--escalate", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "| owner DM after /complaint | 3 |" in done.stdout
    assert "| baseline: /log reply after /log | 3 |" in done.stdout
    assert "targets: owner DM p99" in done.stdout and "lateness" not in done.stdout
