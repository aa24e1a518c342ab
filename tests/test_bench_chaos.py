"""The chaos bench still runs (no kills, SQLite; the real figures are in bench/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_chaos_bench_runs_and_accounts_for_every_message() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "chaos.py"), "--db", "sqlite",
                           "--kills", "0", "--gap", "2,2"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "| sqlite |" in done.stdout and "PASS  sqlite" in done.stdout
    assert "reminder" in done.stdout and "log" in done.stdout
