"""`python -m bot shell`: the bot in a terminal, on the configured database, no Slack needed."""

from __future__ import annotations

import logging
import queue
import sys
from typing import Any, TextIO

from slack_bolt.authorization import AuthorizeResult

from bot import clock
from bot.app import build_app
from bot.config import Settings
from bot.domain.teams import TeamDirectory
from bot.runtime import open_runtime
from handlers.terminal import TEAM, Form, Screen, Shell, TerminalNotifier


def _local_authorize(**_: Any) -> AuthorizeResult:
    # No Slack: the shell is its own one-person workspace.
    return AuthorizeResult(enterprise_id=None, team_id=TEAM, bot_token="xoxb-shell",
                           bot_id="B0SHELL", bot_user_id="U0SHELLBOT")


def run_shell(settings: Settings, directory: TeamDirectory, *, user_id: str,
              stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Chat with the bot in this terminal until /quit or end of input."""
    out = stdout or sys.stdout
    # Bolt warns that SLACK_BOT_TOKEN is unused: true, and no news in a terminal.
    logging.getLogger("bot.slack").setLevel(logging.ERROR)
    runtime = open_runtime(settings, directory, workspace_id=TEAM)
    screen = Screen(out)
    forms: queue.Queue[Form] = queue.Queue()
    team = directory.team_of(user_id)
    notifier = TerminalNotifier(screen, forms, team.timezone if team else settings.default_tz)
    app = build_app(settings, runtime.services, clock=clock.now, verify_requests=False,
                    verify_token=False, authorize=_local_authorize)
    runtime.start_background(notifier)
    out.write(f"Follow-up bot shell — you are {user_id}, database {settings.database_url}\n")
    shell = Shell(app, user_id, screen, forms, stdin or sys.stdin,
                  sweep=runtime.sweep_now, settle=runtime.wait_idle)
    try:
        shell.run()
    except KeyboardInterrupt:
        out.write("\n")
    finally:
        runtime.wait_idle(5)
        runtime.stop()
    return 0
