"""Running the bot against Slack: over HTTP (serve) or Socket Mode (socket)."""

from __future__ import annotations

import faulthandler
import gc
import logging
import os
import signal
import sys
import threading

from bot import clock
from bot.app import build_app
from bot.config import Settings
from bot.domain.teams import TeamDirectory
from bot.runtime import open_runtime
from bot.web import make_wsgi, serve
from handlers.notifier import SlackNotifier, installed_workspace, make_web_client
from store.migrate import is_current

log = logging.getLogger(__name__)
SHUTDOWN_DEADLINE = 10.0  # seconds from the stop signal to a forced exit


def _require(settings: Settings, *names: str) -> bool:
    missing = [n for n in names if not getattr(settings, n.lower())]
    if missing:
        print(f"error: set {', '.join(missing)} (see README, 'Settings')", file=sys.stderr)
        return False
    return True


def run_http(settings: Settings, directory: TeamDirectory, *, host: str, port: int,
             background: bool = True) -> int:
    """Serve Slack's requests on POST /slack/events until interrupted; with `background`
    off, only answer them and leave reading and sending to `python -m bot worker`."""
    if not _require(settings, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        return 2
    client = make_web_client(settings.slack_bot_token, settings.slack_api_url)
    runtime = open_runtime(settings, directory, workspace_id=installed_workspace(client))
    # make_wsgi checks every signature before the body is even parsed; Bolt checking it
    # again cost each acknowledgement a second HMAC and middleware pass.
    app = build_app(settings, runtime.services, client, clock=clock.now, verify_requests=False)
    if background:
        runtime.start_background(SlackNotifier(client))
    _settle_heap()
    log.info("serving Slack on http://%s:%s/slack/events%s", host, port,
             "" if background else " (reading and sending left to `python -m bot worker`)")
    try:
        serve(make_wsgi(app, lambda: is_current(runtime.engine), runtime.in_flight,
                        runtime.problem, settings.slack_signing_secret), host, port)
    finally:
        _exit_if_stuck(SHUTDOWN_DEADLINE)
        runtime.stop()
    return 0


def run_worker(settings: Settings, directory: TeamDirectory, *, poll: float) -> int:
    """Read logs, send messages and run the sweeps, for `serve --no-background` processes.

    It looks for new work every `poll` seconds; any number of workers and servers can share
    one PostgreSQL database (every piece of work is claimed)."""
    if not _require(settings, "SLACK_BOT_TOKEN"):
        return 2
    client = make_web_client(settings.slack_bot_token, settings.slack_api_url)
    runtime = open_runtime(settings, directory, poll=poll,
                           workspace_id=installed_workspace(client))
    runtime.start_background(SlackNotifier(client))
    _settle_heap()
    log.info("worker running; looking for new work every %s s", poll)
    try:
        _wait_for_stop_signal()
    finally:
        runtime.stop()
    return 0


def run_socket(settings: Settings, directory: TeamDirectory) -> int:
    """Connect to Slack in Socket Mode until interrupted (SIGINT or SIGTERM)."""
    if not _require(settings, "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        return 2
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    client = make_web_client(settings.slack_bot_token, settings.slack_api_url)
    runtime = open_runtime(settings, directory, workspace_id=installed_workspace(client))
    app = build_app(settings, runtime.services, client, clock=clock.now, verify_requests=False)
    runtime.start_background(SlackNotifier(client))
    _settle_heap()
    handler = SocketModeHandler(app, settings.slack_app_token)
    try:
        # Not handler.start(): it waits forever, and the connection's own threads would keep
        # the process alive after Ctrl-C.
        handler.connect()  # type: ignore[no-untyped-call]
        _wait_for_stop_signal()
    finally:
        handler.close()  # type: ignore[no-untyped-call]
        runtime.stop()
    return 0


# Young-generation passes between two full passes of the garbage collector (Python's own:
# 10). With start-up's objects frozen, the few left made a full pass due every 10 passes:
# every 2.5-3 s in a flood, each standing every thread still for 8-15 ms, and a cluster of
# the slowest acknowledgements behind each (a 10,000-request flood on PostgreSQL, traced).
# Ten times rarer, the p99 in such floods was 20.8 ms against 21.7 ms (three rounds, same
# run, with the sender's giving way); unreachable cycles are freed later, not lost.
FULL_PASS_EVERY = 100


def _settle_heap() -> None:
    """Leave what start-up made (modules, the ORM's mappings, Bolt's app: ~120,000 objects)
    out of the garbage collector's full passes, and make those passes rarer. Each full pass
    walked all of them, 30-200 ms during which every thread stood still: the slowest
    acknowledgements under load (bench/ack_latency.py). What is frozen lives as long as the
    process anyway."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_EVERY)


def _wait_for_stop_signal() -> None:
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    # Waited in slices, not at once: Python runs signal handlers in the main thread only when
    # it runs Python code, and the kernel may hand the signal to any thread. A main thread
    # blocked in one untimed wait then never saw a Ctrl-C taken by another thread (seen in
    # the Socket Mode test, about one run in ten under load).
    while not stopped.wait(0.2):
        pass
    _exit_if_stuck(SHUTDOWN_DEADLINE)


def _exit_if_stuck(seconds: float) -> None:
    """A process told to stop must stop: should closing the Slack connection or the workers
    hang (a thread of a library that never ends), print every thread's stack and exit anyway
    after `seconds`. Work is claimed in the database with leases, so nothing is lost."""
    def give_up() -> None:
        log.warning("still stopping after %.0f s; exiting anyway. Threads:", seconds)
        logging.shutdown()
        if sys.__stderr__ is not None:
            faulthandler.dump_traceback(file=sys.__stderr__, all_threads=True)
            sys.__stderr__.flush()
        os._exit(0)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True  # a clean stop ends the process, and this timer with it
    timer.start()
