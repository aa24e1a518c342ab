"""`python -m bot serve|socket|shell|migrate|parse|review`: the composition root."""

from __future__ import annotations

import argparse
import faulthandler
import logging
import signal
import sys

from bot import clock
from bot.config import Settings, SettingsError, load_settings
from bot.logsetup import configure
from bot.teamconfig import ConfigError, load_directory

log = logging.getLogger("bot")


def _stacks_on_sigusr1() -> None:
    """`kill -USR1 PID` prints every thread's stack: how to see where a stuck bot waits."""
    if not hasattr(signal, "SIGUSR1") or sys.__stderr__ is None:
        return
    try:
        faulthandler.register(signal.SIGUSR1, file=sys.__stderr__, all_threads=True)
    except (AttributeError, ValueError, OSError):  # standard error is not a real file
        log.debug("no thread dumps on SIGUSR1: standard error is not a file")


def main(argv: list[str] | None = None) -> int:
    """Parse the sub-command and run it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve Slack over HTTP on POST /slack/events")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on")
    serve.add_argument("--no-background", action="store_true",
                       help="only answer Slack; run `python -m bot worker` beside it")
    worker = sub.add_parser("worker", help="read logs and send messages for `serve "
                                           "--no-background` (PostgreSQL)")
    worker.add_argument("--poll", type=float, default=0.2,
                        help="seconds between looks for new work (default 0.2)")
    sub.add_parser("socket", help="connect to Slack in Socket Mode (needs SLACK_APP_TOKEN)")
    shell = sub.add_parser("shell", help="chat with the bot in this terminal (no Slack needed)")
    shell.add_argument("--user", default="U0SHELL",
                       help="the Slack user id you act as (`/as U0…` switches inside)")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("rotate-keys", help="re-encrypt sensitive fields with the newest key "
                                       "in CRM_ENCRYPTION_KEYS (docs/encryption.md)")
    sub.add_parser("parse", help="print what the parser reads in a text (JSON)", add_help=False)
    sub.add_parser("import", help="import customers from a CSV file", add_help=False)
    sub.add_parser("export", help="export customers to a CSV file", add_help=False)
    sub.add_parser("review", help="print a team's nightly review (--team NAME --print)",
                   add_help=False)
    if argv[:1] == ["parse"]:
        from bot.parse_cli import run

        settings = _settings_or_exit()
        return run(argv[1:], default_tz=settings.default_tz, now=clock.now())
    if argv[:1] in (["import"], ["export"]):
        from bot.customer_csv import run_export, run_import

        csv_command = run_import if argv[0] == "import" else run_export
        return csv_command(argv[1:], _settings_or_exit(), clock.now())
    if argv[:1] == ["review"]:
        from bot.review_text import run as run_review

        settings = _settings_or_exit()
        try:
            review_directory = load_directory(settings.config_path)
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return run_review(argv[1:], settings, review_directory, clock.now())
    args = parser.parse_args(argv)
    settings = _settings_or_exit()
    configure(settings.secrets, logging.WARNING if args.command == "shell" else logging.INFO)
    if args.command in ("serve", "socket", "worker"):
        _stacks_on_sigusr1()
    try:
        directory = load_directory(settings.config_path)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "migrate":
        from store.engine import make_engine
        from store.migrate import upgrade

        engine = make_engine(settings.database_url)
        upgrade(engine)
        engine.dispose()
        print("database is at the newest schema")
        return 0
    if args.command == "rotate-keys":
        return _rotate_keys(settings)
    if args.command == "shell":
        from bot.shell import run_shell

        return run_shell(settings, directory, user_id=args.user)
    from bot.serving import run_http, run_socket, run_worker

    if args.command == "serve":
        return run_http(settings, directory, host=args.host, port=args.port or settings.port,
                        background=not args.no_background)
    if args.command == "worker":
        return run_worker(settings, directory, poll=args.poll)
    return run_socket(settings, directory)


def _rotate_keys(settings: Settings) -> int:
    from store.crypto import Keyring, rotate
    from store.engine import make_engine

    keyring = Keyring.from_setting(settings.encryption_keys)
    if keyring is None:
        print("error: set CRM_ENCRYPTION_KEYS (newest key first); see docs/encryption.md",
              file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    try:
        print(f"re-encrypted {rotate(engine, keyring)} values with the newest key")
    finally:
        engine.dispose()
    return 0


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


if __name__ == "__main__":
    raise SystemExit(main())
