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


def _waiting_behind(queue: WriterQueue, urgent: bool,
                    then: tuple[int, int] | None = None) -> threading.Thread:
    """A thread that waits for the writer's turn, takes it and lets it go; `then` is how many
    (answers, background transactions) wait once it does (it alone if not given)."""
    def take() -> None:
        queue.acquire(urgent)
        queue.release()

    waiter = threading.Thread(target=take)
    waiter.start()
    _until(lambda: queue.waiting() == (then or ((1, 0) if urgent else (0, 1))))
    return waiter


def test_a_transaction_that_gives_way_is_asked_to_when_an_answer_starts_waiting() -> None:
    queue = WriterQueue()
    queue.acquire(urgent=False, gives_way=True)  # a log's reading
    assert not queue.must_give_way()
    background = _waiting_behind(queue, urgent=False)
    assert not queue.must_give_way()  # background work waits its turn
    answer = _waiting_behind(queue, urgent=True, then=(1, 1))
    assert queue.must_give_way()
    queue.release()
    for waiter in (answer, background):
        waiter.join(10)
    assert not queue.must_give_way() and queue.waiting() == (0, 0)


def test_a_transaction_that_does_not_give_way_is_never_asked_to() -> None:
    queue = WriterQueue()
    queue.acquire(urgent=False)  # the sender's record of what it sent
    answer = _waiting_behind(queue, urgent=True)
    assert not queue.must_give_way()
    queue.release()
    answer.join(10)


def test_one_that_gets_the_turn_while_an_answer_waits_is_asked_at_once() -> None:
    queue = WriterQueue()
    queue.acquire(urgent=True)
    turns: list[bool] = []

    def reading() -> None:
        queue.acquire(urgent=False, gives_way=True)
        turns.append(queue.must_give_way())
        queue.release()

    def answer() -> None:
        queue.acquire(urgent=True)
        queue.release()

    threads = [threading.Thread(target=reading)]
    threads[0].start()
    _until(lambda: queue.waiting() == (0, 1))
    # One answer more than may go ahead of it: its turn comes while the last one waits.
    for n in range(AHEAD_AT_MOST + 1):
        threads.append(threading.Thread(target=answer))
        threads[-1].start()
        _until(lambda n=n: queue.waiting() == (n + 1, 1))
    queue.release()
    for thread in threads:
        thread.join(10)
    assert turns == [True]
