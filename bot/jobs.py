"""Scheduled jobs: each is one service call with the clock's current time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot import clock as system_clock
from bot.services.context import ServiceContext
from bot.services.delivery import SweepReport, run_sweep, send_due_notifications
from bot.services.ports import Notifier

Clock = Callable[[], datetime]


def sweep(services: ServiceContext, notifier: Notifier,
          clock: Clock = system_clock.now) -> SweepReport:
    """Mark overdue tasks and send every due notification."""
    return run_sweep(services, notifier, clock())


def send_now(services: ServiceContext, notifier: Notifier,
             clock: Clock = system_clock.now) -> SweepReport:
    """Send what is due (woken right after a request queued something)."""
    return send_due_notifications(services, notifier, clock())
