"""A form answered "Checking…" gets its result (views.update) only once Slack has applied that
answer: queued due ANSWER_WINDOW after the submit was received, with the sender woken then;
one given up long after is due at once. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.domain.pacing import ANSWER_WINDOW
from bot.services.delivery.outbox import queue_view_update
from store.models import Notification

WS, REP = "T0TEST", "U0REP"


def test_the_result_is_due_after_the_answer_window_and_wakes_the_sender_then(services,
                                                                            clock) -> None:
    woken: list[datetime | str] = []
    ctx = replace(services, wake_sender=lambda: woken.append("now"),
                  wake_sender_at=woken.append)
    received = clock.now()
    for now, view in ((received, "V1"), (received + timedelta(minutes=2), "V2")):
        with ctx.uow() as uow:
            queue_view_update(ctx, uow, workspace_id=WS, recipient=REP, received=received,
                              now=now, payload={"view_id": view, "render": "failed"})
            uow.commit()
    # The first, queued as the submit was done: held, and the sender woken when it is due;
    # the second, a submit given up minutes later: sent at once.
    assert woken == [received + ANSWER_WINDOW, "now"]
    with services.uow() as uow:
        due = [n.due_at for n in uow.session.scalars(
            select(Notification).order_by(Notification.id))]
    assert due == [received + ANSWER_WINDOW, received + timedelta(minutes=2)]
