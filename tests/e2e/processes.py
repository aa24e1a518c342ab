"""The bot as a real child process (`python -m bot serve|worker|socket`)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from store.models import Notification, Task
from tests.fakes import TEAM_ID, TEST_SIGNING_SECRET, FakeSlack

BOT_TOKEN = "xoxb-0000-1111-never-log-this-token"
REP = "U0REP"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class BotProcess:
    """`python -m bot ...` as a child process talking to the fake Slack."""

    def __init__(self, db_url: str, fake: FakeSlack, workdir: Path,
                 args: tuple[str, ...] = (), extra_env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"bot-{self.port}.log"
        env = {**os.environ, "DATABASE_URL": db_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
               "SLACK_SIGNING_SECRET": TEST_SIGNING_SECRET, "SLACK_API_URL": fake.api_url,
               "CRM_DEFAULT_TZ": "UTC", "CRM_SWEEP_SECONDS": "0.3"}
        env.pop("CRM_CONFIG", None)  # only the configuration the caller gives
        env.update(extra_env or {})
        self._out = self.log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *(a.format(port=self.port) for a in args or (
                "serve", "--host", "127.0.0.1", "--port", "{port}"))],
            cwd=workdir, env=env, stdout=self._out, stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"bot exited:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"bot not healthy in {timeout}s:\n{self.log.read_text()}")

    def kill(self) -> None:
        """kill -9: no cleanup, whatever it holds stays as it was (a crash)."""
        self.proc.kill()
        self.proc.wait()
        self._out.close()

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGUSR1)  # its threads' stacks, into the log
            time.sleep(1)
            self.proc.kill()
            self.proc.wait()
        self._out.close()
        return self.log.read_text()


def queue_reminder(session: Session, title: str, due: datetime, owner: str = REP) -> None:
    """A task and its at-due reminder, as the bot's sweep will find them (not committed)."""
    task = Task(workspace_id=TEAM_ID, owner_id=owner, title=title, origin="hand",
                status="open", due_at=due, due_precision="time", tz="UTC",
                overdue_at=due + timedelta(days=1), created_at=due, updated_at=due)
    session.add(task)
    session.flush()
    session.add(Notification(workspace_id=TEAM_ID, kind="reminder_due", recipient=owner,
                             task_id=task.id, payload={}, due_at=due, status="pending",
                             attempts=0, created_at=due))
