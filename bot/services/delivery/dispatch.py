"""The sender: several sends in flight, by lane, each paced to Slack's limits.

One loop (the sender worker's thread) claims due rows lane by lane, each lane up to its own
number held so none can crowd out another, reads and composes them, and asks the pacer when
Slack will take each. A message whose moment has come waits in the lane picker; the others
wait in memory, their claims renewed by the lease keeper, until their moment. Sends run on a
small thread pool, one at a time per (workspace, channel) so a channel's messages keep their
order (a review's replies after their parent, an edit after its message), and none starts
sooner after the starts before it than the limits allow, whatever moment it had reserved.
A 429 puts that one row back until Retry-After and blocks its key in the pacer; nothing
sleeps but the loop, which waits for the next moment, a finished send or a wake-up.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.domain.leases import LEASE
from bot.domain.pacing import Lane, LanePicker, Pacer, Pacing, StartGuard
from bot.services.context import ServiceContext
from bot.services.delivery.lanes import lane_filter, lane_of
from bot.services.delivery.sending import (
    Prepared,
    SweepReport,
    defer,
    prefetch,
    prepare,
    send_prepared,
    still_mine,
)
from bot.services.ports import Notifier
from store.repositories.claims import NOTIFICATIONS

log = logging.getLogger(__name__)

# How many rows each lane may hold at once (claimed, waiting for their pace, or in flight).
# Channel posts hold enough for several reviews to flow through their channels at once.
HELD = {Lane.PERSON: 24, Lane.REMINDER: 48, Lane.CHANNEL: 72}
# Claimed (and read) by the loop at one time per lane, so it comes back soon to a new answer.
CLAIM_AT_ONCE = 16
# The loop looks again at least this often (e.g. for rows another process left due).
LOOK_EVERY = 0.5
# Sends started while Slack's requests are being answered, at most, in flight at once. A
# send is mostly its wait for Slack, but its reading, rendering and recording take 5-13 ms
# of the interpreter, and ten begun together (a batch of answers and Home tabs) took 84 ms
# of it within 150 ms of a flood: 55 of its 100 slowest acknowledgements waited behind that
# burst (a 10,000-request flood on PostgreSQL, each thread's CPU sampled every 2 ms). One
# at a time spreads the same work thin, a small share of each answer's (runtime.py,
# SENDER_GIVES_WAY, has the figures). Outside floods requests are milliseconds long and
# seconds apart, so the sends hardly ever wait for this.
SENDS_WHILE_ANSWERING = 1


@dataclass(order=True)
class _Waiting:
    at: float
    seq: int
    item: Prepared = field(compare=False)
    method: str = field(compare=False)
    channel: str = field(compare=False)


class Dispatcher:
    """Sends what is due concurrently, by lane and at Slack's pace (see the module doc)."""

    def __init__(self, ctx: ServiceContext, notifier: Notifier, *,
                 clock: Callable[[], datetime], monotonic: Callable[[], float],
                 pacer: Pacing | None = None, threads: int = 16, max_attempts: int = 6,
                 held: dict[Lane, int] | None = None,
                 answering: Callable[[], bool] = lambda: False) -> None:
        """`answering` says whether Slack's requests are being answered at this moment
        (then at most SENDS_WHILE_ANSWERING sends start at once)."""
        self.ctx, self.notifier, self.clock, self.monotonic = ctx, notifier, clock, monotonic
        self.pacer = pacer or Pacer()
        self._starts = StartGuard(self.pacer.limits)
        self.max_attempts = max_attempts
        self.held_limit = held or dict(HELD)
        self.report = SweepReport()  # totals since start, for benches and logs
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="send")
        self._threads = threads
        self._answering = answering
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._held = dict.fromkeys(Lane, 0)
        self._in_flight = 0
        self._busy: set[tuple[str, str]] = set()  # (workspace, channel) with a send in flight
        self._waiting: list[_Waiting] = []
        self._ready = LanePicker()
        self._seq = itertools.count()
        self._retry_at: float | None = None  # when a row a 429 put back is due again
        self._stopping = False

    def wake(self) -> None:
        """New work was queued (or the process stops): look now."""
        self._event.set()

    def step(self) -> int:
        """One round: claim, release what is due, start sends; then wait for the next
        moment, a finished send or a wake-up. Returns how many rows are still in hand."""
        self._event.clear()
        now, tick = self.clock(), self.monotonic()
        while self._waiting and self._waiting[0].at <= tick:
            waiting = heapq.heappop(self._waiting)
            self._ready.add(lane_of(waiting.item.kind), waiting.item.workspace_id, waiting)
        claimed = self._claim(now, tick)
        self._start_sends()
        with self._lock:
            in_hand = sum(self._held.values())
            if self._retry_at is not None and self._retry_at <= tick:
                self._retry_at = None  # the claim just made has found it again
            retry = self._retry_at
        if in_hand or retry is not None:
            moments = [w.at for w in self._waiting[:1]] + ([retry] if retry else [])
            pause = min([LOOK_EVERY, *(max(0.0, at - self.monotonic()) for at in moments)])
            self._event.wait(pause)
        # Rows just claimed may have been sent already: more may be due, look again. So
        # may a send that ended during this round with nothing left in hand: its thread
        # replies became ready when it recorded the parent's ts, and nothing else would
        # wake the worker for them (a review's last replies waited for the next request).
        ended = self._event.is_set()
        return 0 if self._stopping else in_hand + (retry is not None) + claimed + ended

    def stop(self) -> None:
        """Start no more sends; `step` returns at once from now on."""
        self._stopping = True
        self._event.set()

    def close(self) -> None:
        """Let the sends in flight finish (after `stop` and once the loop has ended)."""
        self.stop()
        self._pool.shutdown(wait=True)

    def _claim(self, now: datetime, tick: float) -> int:
        with self._lock:
            rooms = {lane: min(CLAIM_AT_ONCE, self.held_limit[lane] - self._held[lane])
                     for lane in Lane}
        with self.ctx.uow().reading() as uow:  # one read instead of a claim per lane
            due = uow.notifications.due_lanes(
                now, {lane: lane_filter(lane) for lane in Lane if rooms[lane] > 0})
        claimed = 0
        for lane in sorted(due):
            room = rooms[lane]
            kinds, not_kinds = lane_filter(lane)
            with self.ctx.one_statement() as uow:  # one UPDATE: it commits by itself
                ids = uow.notifications.claim_due(now, LEASE, room, kinds=kinds,
                                                  not_kinds=not_kinds)
                uow.commit()
            if not ids:
                continue
            claimed += len(ids)
            self.ctx.claims.hold(NOTIFICATIONS, ids, now + LEASE)
            report = SweepReport(claimed=len(ids))
            extra = prefetch(self.ctx, ids, now)  # e.g. the batch's briefs, read at once
            for note_id in ids:
                item = prepare(self.ctx, note_id, now, report, extra.get(note_id))
                if item is None:
                    self.ctx.claims.release(NOTIFICATIONS, note_id)
                    continue
                with self._lock:
                    self._held[lane] += 1
                self._schedule(item, tick)
            self._count(report)
            # This lane's messages start before the next lane's are read: an answer claimed
            # first is not held while a batch of reminders is composed.
            self._start_sends()
        return claimed

    def _schedule(self, item: Prepared, tick: float) -> None:
        method, channel = ("", "") if item.message is None else \
            self.notifier.route(item.message)
        at = self.pacer.reserve(item.workspace_id, method, channel, tick) if method else tick
        waiting = _Waiting(at, next(self._seq), item, method, channel)
        if at <= tick:
            self._ready.add(lane_of(item.kind), item.workspace_id, waiting)
        else:
            heapq.heappush(self._waiting, waiting)

    def _start_sends(self) -> None:
        while not self._stopping:
            room = min(self._threads, SENDS_WHILE_ANSWERING) if self._answering() \
                else self._threads
            with self._lock:
                if self._in_flight >= room:
                    return
                busy = set(self._busy)

            def channel_busy(w: _Waiting, busy: set[tuple[str, str]] = busy) -> bool:
                return bool(w.channel) and (w.item.workspace_id, w.channel) in busy

            waiting = self._ready.pick(channel_busy)
            if waiting is None:
                return
            if waiting.method:
                tick = self.monotonic()
                at = self._starts.start(waiting.item.workspace_id, waiting.method,
                                        waiting.channel, tick)
                if at > tick:  # its reserved moment passed with others': not all at once
                    heapq.heappush(self._waiting, replace(waiting, at=at))
                    continue
            with self._lock:
                self._in_flight += 1
                if waiting.channel:
                    self._busy.add((waiting.item.workspace_id, waiting.channel))
            self._pool.submit(self._send, waiting)

    def _send(self, waiting: _Waiting) -> None:
        item, report = waiting.item, SweepReport()
        try:
            now = self.clock()
            blocked = self.pacer.blocked_until(item.workspace_id, waiting.method,
                                               waiting.channel, self.monotonic())
            if blocked > self.monotonic():  # a 429 came after its moment was reserved
                defer(self.ctx, item, now + timedelta(seconds=blocked - self.monotonic()))
                report.deferred += 1
            elif item.message is None or still_mine(self.ctx, item):
                retry_after = send_prepared(self.ctx, self.notifier, item, now,
                                            self.max_attempts, report)
                if retry_after is not None:
                    again = self.monotonic() + retry_after
                    self.pacer.refused(item.workspace_id, waiting.method, waiting.channel,
                                       again)
                    with self._lock:
                        self._retry_at = min(self._retry_at or again, again)
        except Exception:  # the row stays claimed until its lease runs out, then is retried
            log.exception("sending notification %s failed", item.note_id)
        finally:
            self.ctx.claims.release(NOTIFICATIONS, item.note_id)
            with self._lock:
                self._in_flight -= 1
                self._held[lane_of(item.kind)] -= 1
                self._busy.discard((item.workspace_id, waiting.channel))
            self._count(report)
            self._event.set()

    def _count(self, report: SweepReport) -> None:
        with self._lock:
            self.report.add(report)
