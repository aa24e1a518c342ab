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


SIGNAL_TO_ANOTHER_THREAD = """
import os, signal, threading, time
from bot.serving import _wait_for_stop_signal

def send_later():
    time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGINT)

# This thread is made before the main thread blocks SIGINT, so the kernel hands the signal to
# it (as it may to any thread of a running bot), never to the main thread.
threading.Thread(target=send_later, daemon=True).start()
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
_wait_for_stop_signal()
print("stopped")
"""


def test_ctrl_c_taken_by_another_thread_still_stops_the_bot() -> None:
    done = subprocess.run([sys.executable, "-c", SIGNAL_TO_ANOTHER_THREAD], cwd=ROOT,
                          capture_output=True, text=True, timeout=20)
    assert (done.returncode, done.stdout.strip()) == (0, "stopped"), done.stderr
