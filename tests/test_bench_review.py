"""The review benchmark still runs (a tiny size; the real figures are in bench/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import databases

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "review.py"), "--quick",
                           "--others", "0,1", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_review_bench_runs_on_sqlite() -> None:
    out = _run("--db", "sqlite")
    assert "sqlite         1x" in out and "PASS  sqlite: under 1 s" in out


def test_the_review_bench_runs_on_postgresql(
        _postgres: databases.PostgresServer | str) -> None:
    if isinstance(_postgres, str):
        databases.unavailable(_postgres)
    out = _run("--db", "postgresql", "--pg-url", databases.POSTGRES_URL)
    assert "postgresql     1x" in out and "PASS  postgresql: under 1 s" in out

