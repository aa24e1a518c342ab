"""Scheduled jobs: each is one service call with the clock's current time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot import clock as system_clock
from bot.services.care.pruning import prune_replaced
from bot.services.clicks import process_received_clicks
from bot.services.commands import process_received_commands
from bot.services.complaints.intake import process_received_complaints
from bot.services.context import ServiceContext
from bot.services.delivery.leases import renew_claims as renew_held_claims
from bot.services.delivery.pruning import prune_sent
from bot.services.delivery.sweeps import (
    SweepReport,
    run_sweep,
    send_due_notifications,
)
from bot.services.delivery.sweeps import tick as delivery_tick
from bot.services.inbox import prune_finished
from bot.services.logs.intake import process_received_logs
from bot.services.ports import Notifier
from bot.services.submits import process_received_submits

Clock = Callable[[], datetime]


def sweep(services: ServiceContext, notifier: Notifier,
          clock: Clock = system_clock.now) -> SweepReport:
    """Do the requests and read the logs left waiting, mark overdue tasks, send what is due."""
    while do_received(services, clock):
        pass
    return run_sweep(services, notifier, clock())


def tick(services: ServiceContext, clock: Clock = system_clock.now) -> None:
    """Mark the tasks that became overdue, queue the daily digests that are due, and let go
    of requests finished, messages sent long ago and what key dates corrected long ago
    replaced."""
    now = clock()
    delivery_tick(services, now)
    prune_finished(services, now)
    prune_sent(services, now)
    prune_replaced(services, now)


def read_logs(services: ServiceContext, clock: Clock = system_clock.now, batch: int = 20,
              notifier: Notifier | None = None) -> int:
    """Read the logs just received (woken right after a request stored one); a new author's
    zone is asked of Slack through `notifier` first."""
    return process_received_logs(services, clock(), batch=batch, notifier=notifier)


def do_received(services: ServiceContext, clock: Clock = system_clock.now,
                batch: int = 20) -> int:
    """Raise the complaints, do the clicks and commands and save the forms just received
    (woken right after a request stored one); complaints first, a page being the most
    urgent."""
    return (process_received_complaints(services, clock(), batch=batch)
            + process_received_clicks(services, clock(), batch=batch)
            + process_received_commands(services, clock(), batch=batch)
            + process_received_submits(services, clock(), batch=batch))


def send_now(services: ServiceContext, notifier: Notifier,
             clock: Clock = system_clock.now) -> SweepReport:
    """Send what is due (woken right after a request queued something)."""
    return send_due_notifications(services, notifier, clock())


def renew_claims(services: ServiceContext, clock: Clock = system_clock.now) -> int:
    """Renew the leases of the work this process has in flight."""
    return renew_held_claims(services, clock())
