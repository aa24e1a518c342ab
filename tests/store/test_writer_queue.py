"""SQLite's writer within a process: answers go before background work, which still gets in."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from store.writer_queue import AHEAD_AT_MOST, WriterQueue


def _until(done: Callable[[], bool]) -> None:
    """Wait (polling, up to 10 s) for the threads to reach the queue."""
    deadline = time.monotonic() + 10
    while not done():
        assert time.monotonic() < deadline, "the threads never queued"
        time.sleep(0.001)


def _queue_behind_a_running_transaction(queue: WriterQueue, waiters: list[tuple[str, bool]]
                                        ) -> list[str]:
    order: list[str] = []

    def take(name: str, urgent: bool) -> None:
        queue.acquire(urgent)
        order.append(name)
        queue.release()

    queue.acquire(urgent=False)  # the log reader's transaction, running
    threads = []
    for n, (name, urgent) in enumerate(waiters):
        threads.append(threading.Thread(target=take, args=(name, urgent)))
        threads[-1].start()
        answers = sum(u for _, u in waiters[:n + 1])
        _until(lambda a=answers, b=n + 1 - answers: queue.waiting() == (a, b))
    queue.release()
    for t in threads:
        t.join()
    return order


def test_an_answer_goes_before_background_work_that_waited_longer() -> None:
    order = _queue_behind_a_running_transaction(
        WriterQueue(), [("sender", False), ("acknowledgement", True)])
    assert order == ["acknowledgement", "sender"]


def test_a_flood_of_answers_delays_background_work_but_never_stops_it() -> None:
    answers = [(f"ack{n}", True) for n in range(AHEAD_AT_MOST + 2)]
    order = _queue_behind_a_running_transaction(WriterQueue(), [("reader", False), *answers])
    assert order.index("reader") == AHEAD_AT_MOST


def test_answers_go_in_the_order_they_came() -> None:
    answers = [(f"ack{n}", True) for n in range(12)]
    order = _queue_behind_a_running_transaction(WriterQueue(), answers)
    assert order == [name for name, _ in answers]


def test_background_work_goes_in_the_order_it_came_after_the_answers() -> None:
    waiters = [("reader", False), ("ack0", True), ("sender", False), ("ack1", True)]
    order = _queue_behind_a_running_transaction(WriterQueue(), waiters)
    assert order == ["ack0", "ack1", "reader", "sender"]


def test_the_writer_is_free_again_once_everyone_has_had_their_turn() -> None:
    queue = WriterQueue()
    _queue_behind_a_running_transaction(queue, [("ack0", True), ("reader", False)])
    assert queue.waiting() == (0, 0)
    got = threading.Event()

    def take() -> None:
        queue.acquire(urgent=False)
        got.set()
        queue.release()

    t = threading.Thread(target=take)
    t.start()
    assert got.wait(5), "the writer was left held"
    t.join()
