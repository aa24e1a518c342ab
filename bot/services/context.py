"""What every service call gets: how to open a unit of work, the teams, the defaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.leases import HeldClaims
from bot.domain.pacing import ANSWER_WINDOW
from bot.domain.parsing import ParsedLog, parse_log
from bot.domain.teams import TeamDirectory
from store.uow import OneInsert, UnitOfWork


def _no_wake() -> None:
    return None


def _no_wake_at(moment: datetime) -> None:
    return None


@dataclass(frozen=True)
class ServiceContext:
    """Dependencies shared by the use cases; built once by the composition root."""

    uow: Callable[[], UnitOfWork]
    directory: TeamDirectory
    default_tz: str = "UTC"
    wake_sender: Callable[[], None] = field(default=_no_wake)
    # Wake the sender at a moment soon (a row queued due a few seconds from now).
    wake_sender_at: Callable[[datetime], None] = field(default=_no_wake_at)
    # How long a form's result waits for Slack to apply its "Checking…" answer (none in the
    # shell, which applies it at once).
    answer_window: timedelta = ANSWER_WINDOW
    wake_processor: Callable[[], None] = field(default=_no_wake)
    late_tolerance: timedelta = timedelta(minutes=2)
    # The workspace of the bot's token: where scheduled posts to team channels go.
    workspace_id: str | None = None
    # Units of work of a single statement, each committed on its own (the acknowledgement's
    # one INSERT); the ordinary `uow` when not set.
    single_statement_uow: Callable[[], UnitOfWork] | None = None
    # The rows this process has claimed and is working on, whose leases it renews.
    claims: HeldClaims = field(default_factory=HeldClaims)
    # How a stored log is read, and for how long at most (bot/services/logs/parse_box.py); tests
    # put a parser that crashes or hangs here.
    parse: Callable[..., ParsedLog] = parse_log
    parse_seconds: float = 10.0
    # Called by background work between its steps (reading a log: before its first look and
    # before its write), so the Slack requests being answered go first; the server waits
    # there for a moment with none in flight (bot/runtime.py). Nothing to wait for elsewhere.
    give_way: Callable[[], object] = field(default=_no_wake)

    def __deepcopy__(self, memo: dict[int, object]) -> ServiceContext:
        # Shared by every request, never copied: Bolt deep-copies a request's context for its
        # lazy listeners (the work done after the acknowledgement), engine and all.
        return self

    def one_statement(self) -> UnitOfWork:
        """A unit of work for exactly one statement, cheaper where the database allows."""
        return (self.single_statement_uow or self.uow)()

    def one_insert(self) -> OneInsert:
        """One INSERT committed by itself, without an ORM session (the acknowledgement's)."""
        return OneInsert(self.one_statement())

    def zone(self, name: str | None) -> ZoneInfo:
        """The zone by name, falling back to the configured default."""
        return ZoneInfo(name or self.default_tz)
