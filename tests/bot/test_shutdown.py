"""A bot process told to stop stops, even when something it waits for never ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

STUCK = """
import threading
from bot.serving import _exit_if_stuck
_exit_if_stuck(0.3)
threading.Thread(target=threading.Event().wait).start()  # never ends, never a daemon
"""


def test_a_stop_that_hangs_ends_the_process_with_every_threads_stack() -> None:
    done = subprocess.run([sys.executable, "-c", STUCK], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    assert "exiting anyway" in done.stderr and "Thread 0x" in done.stderr
