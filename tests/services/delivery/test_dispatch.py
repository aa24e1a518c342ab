"""The sender's lanes, pacing and 429s, with the clocks passed in (both databases)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.domain.pacing import Lane, Limits, Pacer, Rate
from bot.services.context import ServiceContext
from bot.services.delivery.dispatch import SENDS_WHILE_ANSWERING, Dispatcher
from bot.services.ports import DeliveryError, OutgoingMessage, Receipt
from store.models import Notification
from tests.support.concurrency import until
from tests.support.fakes import FakeNotifier

WS = "T0TEST"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.at = 0.0

    def __call__(self) -> float:
        return self.at


def _queue(services: ServiceContext, kind: str, channels: list[str],
           due: datetime = T0) -> None:
    with services.uow() as uow:
        for channel in channels:
            uow.notifications.add(Notification(
                workspace_id=WS, kind=kind, recipient=channel,
                payload={"text": f"{kind} to {channel}", "channel": channel}, due_at=due,
                created_at=due, status="pending", attempts=0))
        uow.commit()


def _dispatcher(services: ServiceContext, notifier: FakeNotifier, now: datetime, ticks: Ticks,
                **kw: object) -> Dispatcher:
    return Dispatcher(services, notifier, clock=lambda: now, monotonic=ticks, **kw)  # type: ignore[arg-type]


def _run(dispatcher: Dispatcher, rounds: int = 40) -> None:
    """Step until nothing is in hand (or only what waits for its pace)."""
    for _ in range(rounds):
        if dispatcher.step() == 0:
            return


def _steps_at(dispatcher: Dispatcher, ticks: Ticks, at: float) -> None:
    """A few rounds with the monotonic clock at `at` (each waits at most LOOK_EVERY)."""
    ticks.at = at
    for _ in range(3):
        dispatcher.step()


def _one_channel(services: ServiceContext, notifier: FakeNotifier, messages: int
                 ) -> tuple[Dispatcher, Ticks]:
    """`messages` answers queued to one channel, paced one a second, two at once."""
    _queue(services, "respond", ["C1"] * messages)
    ticks = Ticks()
    pacer = Pacer(Limits(per_channel={"chat.postMessage": Rate(1.0, 2)}, per_method={}))
    return _dispatcher(services, notifier, T0, ticks, pacer=pacer), ticks


def _rows(services: ServiceContext) -> list[Notification]:
    with services.uow() as uow:
        rows = list(uow.session.scalars(select(Notification).order_by(Notification.id)))
        uow.session.expunge_all()
        return rows


def test_an_answer_goes_out_among_the_first_though_channel_posts_were_due_before(
        services: ServiceContext, notifier: FakeNotifier) -> None:
    _queue(services, "review_rep", [f"C{i:02d}" for i in range(30)], T0 - timedelta(minutes=1))
    _queue(services, "respond", ["U0REP"])
    dispatcher = _dispatcher(services, notifier, T0, Ticks(),
                             held={Lane.PERSON: 2, Lane.REMINDER: 2, Lane.CHANNEL: 4})
    _run(dispatcher)
    kinds = [m.kind for m in notifier.sent]
    assert kinds.index("respond") < 5
    assert sorted(m.recipient for m in notifier.sent if m.kind == "review_rep") == \
        [f"C{i:02d}" for i in range(30)]  # every post, each once
    dispatcher.close()


def test_one_channel_is_paced_and_keeps_its_order(services: ServiceContext,
                                                  notifier: FakeNotifier) -> None:
    dispatcher, ticks = _one_channel(services, notifier, 5)
    _steps_at(dispatcher, ticks, 0.0)
    assert len(notifier.sent) == 2  # the burst; the rest wait for their moment
    _steps_at(dispatcher, ticks, 1.0)
    assert len(notifier.sent) == 3
    ticks.at = 10.0
    _run(dispatcher)
    ids = [m.id for m in notifier.sent]
    assert ids == sorted(ids) and len(ids) == 5
    dispatcher.close()


def test_after_a_stall_a_channel_gets_its_burst_not_every_passed_moment_at_once(
        services: ServiceContext, notifier: FakeNotifier) -> None:
    dispatcher, ticks = _one_channel(services, notifier, 6)
    _steps_at(dispatcher, ticks, 0.0)
    assert len(notifier.sent) == 2  # the burst; four moments reserved at 1, 2, 3 and 4 s
    _steps_at(dispatcher, ticks, 10.0)  # the sender was held up past all of them
    assert len(notifier.sent) == 4  # a burst again, not all four back to back
    _steps_at(dispatcher, ticks, 11.0)
    assert len(notifier.sent) == 5
    ticks.at = 12.0
    _run(dispatcher)
    ids = [m.id for m in notifier.sent]
    assert ids == sorted(ids) and len(ids) == 6  # in their order, each once
    dispatcher.close()


def test_a_429_puts_back_only_its_own_row_without_counting_an_attempt(
        services: ServiceContext, notifier: FakeNotifier) -> None:
    _queue(services, "respond", ["C1", "C2", "C3"])
    notifier.failures.append(DeliveryError("chat.postMessage: ratelimited", retry_after=30))
    dispatcher = _dispatcher(services, notifier, T0, Ticks())
    # The row a 429 put back keeps the loop looking (every 0.5 s) until its moment, which
    # the frozen clock never reaches: a few rounds are enough for the other two to go.
    _run(dispatcher, rounds=4)
    rows = _rows(services)
    waiting = [r for r in rows if r.status == "pending"]
    assert len(waiting) == 1 and len(notifier.sent) == 2
    assert waiting[0].attempts == 0
    assert waiting[0].lease_until is not None
    assert waiting[0].lease_until.replace(tzinfo=UTC) == T0 + timedelta(seconds=30)
    dispatcher.close()
    later = _dispatcher(services, notifier, T0 + timedelta(seconds=31), Ticks())
    _run(later)
    assert sorted(m.recipient for m in notifier.sent) == ["C1", "C2", "C3"]
    assert {r.status for r in _rows(services)} == {"sent"}
    later.close()


class _HeldParent(FakeNotifier):
    """Holds the first message's send until `release` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def deliver(self, message: OutgoingMessage) -> Receipt:
        if not self.sent:
            assert self.release.wait(10)
        return super().deliver(message)


def test_a_reply_ready_when_its_parents_send_ends_mid_round_is_still_sent(
        services: ServiceContext) -> None:
    """The parent's send ends after a round found nothing to claim and before it counted
    what it holds: that round must look again, or the reply waits for the next wake-up."""
    _queue(services, "review_rep", ["C0EAST"])
    with services.uow() as uow:
        parent = uow.session.scalars(select(Notification)).one()
        uow.notifications.add(Notification(
            workspace_id=WS, kind="review_rep", recipient="C0EAST", parent_id=parent.id,
            payload={"text": "a rep's part"}, due_at=T0, created_at=T0, status="pending",
            attempts=0))
        uow.commit()
    notifier = _HeldParent()
    dispatcher = _dispatcher(services, notifier, T0, Ticks())
    claim = dispatcher._claim

    def claim_then_end_the_parents_send(now: datetime, tick: float) -> int:
        claimed = claim(now, tick)
        if claimed == 0 and not notifier.release.is_set():  # the reply is not ready yet
            notifier.release.set()
            until(lambda: dispatcher._in_flight == 0 and dispatcher._event.is_set())
        return claimed

    dispatcher._claim = claim_then_end_the_parents_send  # type: ignore[method-assign]
    _run(dispatcher)
    assert [m.payload.get("text") for m in notifier.sent] == ["review_rep to C0EAST",
                                                              "a rep's part"]
    dispatcher.close()


class _HeldSends(FakeNotifier):
    """Holds every send until `release` is set, counting the sends begun."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.begun = 0
        self._lock = threading.Lock()

    def deliver(self, message: OutgoingMessage) -> Receipt:
        with self._lock:
            self.begun += 1
        assert self.release.wait(10)
        return super().deliver(message)


def test_while_requests_are_answered_sends_start_one_at_a_time(
        services: ServiceContext) -> None:
    """A send's reading and rendering take the interpreter from the acknowledgements: in a
    flood of requests they go out one at a time, and all at once again after it."""
    _queue(services, "respond", ["C1", "C2", "C3", "C4"])
    notifier = _HeldSends()
    answering = [True]
    dispatcher = _dispatcher(services, notifier, T0, Ticks(),
                             answering=lambda: answering[0])
    try:
        dispatcher.step()
        until(lambda: notifier.begun == SENDS_WHILE_ANSWERING)
        time.sleep(0.1)  # time enough for any other to begin
        assert notifier.begun == SENDS_WHILE_ANSWERING < 4
        answering[0] = False
        dispatcher.step()
        until(lambda: notifier.begun == 4)  # the rest at once: the first is still held
    finally:
        notifier.release.set()
    _run(dispatcher)
    assert sorted(m.recipient for m in notifier.sent) == ["C1", "C2", "C3", "C4"]
    dispatcher.close()
