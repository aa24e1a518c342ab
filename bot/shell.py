"""`python -m bot shell`: the bot in a terminal, on the configured database, no Slack needed."""

from __future__ import annotations

import logging
import queue
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any, TextIO

from babel.lists import format_list
from slack_bolt.authorization import AuthorizeResult

from bot import clock
from bot.app import build_app
from bot.catalog import babel_locale, tr
from bot.config import Settings
from bot.domain.language import locale_language
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


def run_shell(settings: Settings, directory: TeamDirectory, *, user_id: str,
              stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Chat with the bot in this terminal until /quit or end of input. The terminal's locale
    (settings.terminal_locale, from LANG) stands in for a Slack client's, and the shell's own
    words (banner, help, prompts) are in its language."""
    out = stdout or sys.stdout
    lang = locale_language(settings.terminal_locale)
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

    notifier = TerminalNotifier(screen, forms, tz_of, settings.terminal_locale, lang)
    app = build_app(settings, runtime.services, clock=clock.now, verify_requests=False,
                    verify_token=False, authorize=_local_authorize,
                    listener_executor=InlineExecutor())
    app.use(use_terminal_client(TerminalClient(notifier)))  # forms open from the request
    runtime.start_background(notifier)
    whois = _whois(directory, lang)
    out.write(tr(lang, "Follow-up bot shell — you are {who}, database {database}\n"
                       "Act as someone else with /as U0REP2 (or start with --user U0REP2).\n",
                 who=whois(user_id), database=settings.database_url))
    shell = Shell(app, screen, forms, _reader(stdin, stdout, out),
                  sweep=runtime.sweep_now, settle=runtime.wait_idle, whois=whois, lang=lang)
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


def _whois(directory: TeamDirectory, lang: str) -> Callable[[str], str]:
    """A person's id with their roles, as the shell introduces whoever is typing."""

    def whois(user: str) -> str:
        roles = [tr(lang, "lead of {team}", team=t.name) for t in directory.teams
                 if t.lead == user]
        roles += [tr(lang, "member of {team}", team=t.name) for t in directory.teams
                  if user in t.members and t.lead != user]
        if user in directory.admins:
            roles.append(tr(lang, "admin"))
        said = format_list(roles, locale=babel_locale(lang)) if roles else tr(lang, "in no team")
        return tr(lang, "{user} ({roles})", user=user, roles=said)

    return whois
