"""`python -m bot shell`: the bot in a terminal, on the configured database, no Slack needed."""

from __future__ import annotations

import logging
import os
import queue
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any, TextIO

from slack_bolt.authorization import AuthorizeResult

from bot import clock
from bot.app import build_app
from bot.config import Settings
from bot.domain.teams import TeamDirectory
from bot.runtime import open_runtime
from handlers.terminal import TEAM, Shell, TerminalNotifier
from handlers.terminal_client import InlineExecutor, TerminalClient, use_terminal_client
from handlers.terminal_input import ReadLine, stream_reader, terminal_reader
from handlers.terminal_screen import Form, Screen


def _local_authorize(**_: Any) -> AuthorizeResult:
    # No Slack: the shell is its own one-person workspace.
    return AuthorizeResult(enterprise_id=None, team_id=TEAM, bot_token="xoxb-shell",
                           bot_id="B0SHELL", bot_user_id="U0SHELLBOT")


def terminal_locale(environ: Mapping[str, str]) -> str | None:
    """The terminal's language ("zh_CN.UTF-8" -> "zh_CN"), as Slack would give a client's:
    the shell's people read in it unless they choose with /settings language."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").split(".")[0].split("@")[0]
        if value and value not in ("C", "POSIX"):
            return value
    return None


def run_shell(settings: Settings, directory: TeamDirectory, *, user_id: str,
              stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Chat with the bot in this terminal until /quit or end of input."""
    out = stdout or sys.stdout
    # Bolt warns that SLACK_BOT_TOKEN is unused: true, and no news in a terminal.
    logging.getLogger("bot.slack").setLevel(logging.ERROR)
    runtime = open_runtime(settings, directory, workspace_id=TEAM)
    # The terminal shows a form's answer and then its result in order: nothing to wait for.
    runtime.services = replace(runtime.services, answer_window=timedelta(0))
    screen = Screen(out, me=user_id)
    forms: queue.Queue[Form] = queue.Queue()

    def tz_of(user: str) -> str:
        team = directory.team_of(user)
        return team.timezone if team else settings.default_tz

    notifier = TerminalNotifier(screen, forms, tz_of, terminal_locale(os.environ))
    app = build_app(settings, runtime.services, clock=clock.now, verify_requests=False,
                    verify_token=False, authorize=_local_authorize,
                    listener_executor=InlineExecutor())
    app.use(use_terminal_client(TerminalClient(notifier)))  # forms open from the request
    runtime.start_background(notifier)
    whois = _whois(directory)
    out.write(f"Follow-up bot shell — you are {whois(user_id)}, database "
              f"{settings.database_url}\n"
              "Act as someone else with /as U0REP2 (or start with --user U0REP2).\n")
    shell = Shell(app, screen, forms, _reader(stdin, stdout, out),
                  sweep=runtime.sweep_now, settle=runtime.wait_idle, whois=whois)
    try:
        shell.run()
    except KeyboardInterrupt:
        out.write("\n")
    finally:
        runtime.wait_idle(5)
        runtime.stop()
    return 0


def _reader(stdin: TextIO | None, stdout: TextIO | None, out: TextIO) -> ReadLine:
    # readline only on this process's own terminal: it reads fd 0 and writes fd 1.
    if stdin is None and stdout is None and sys.stdin.isatty() and sys.stdout.isatty():
        read = terminal_reader()
        if read is not None:
            return read
    return stream_reader(stdin or sys.stdin, out)


def _whois(directory: TeamDirectory) -> Callable[[str], str]:
    """A person's id with their roles, as the shell introduces whoever is typing."""

    def whois(user: str) -> str:
        roles = [f"lead of {t.name}" for t in directory.teams if t.lead == user]
        roles += [f"member of {t.name}" for t in directory.teams
                  if user in t.members and t.lead != user]
        if user in directory.admins:
            roles.append("admin")
        return f"{user} ({', '.join(roles) or 'in no team'})"

    return whois
