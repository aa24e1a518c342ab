"""A message queued before a deploy is sent after it: rows written exactly as the previous
release wrote them (no payload version) go through the real sender and reach the fake Slack
rendered; a payload newer than this release reads is held and logged, never sent garbled;
a kind whose shape changes is upgraded on the way out."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.domain import reminders as rules
from bot.services.delivery import kinds
from bot.services.delivery.outbox import LOG_REPLY, RESPOND, queue
from bot.services.ports import OutgoingMessage
from bot.services.tasks.digest import LEAD_DIGEST
from handlers import render
from store.models import Notification, Task
from tests.e2e.harness import RunningBot, block_texts
from tests.fakes import TEAM_ID, FakeSlack
from tests.support.fakes import FakeClock

REP, LEAD = "U0REP", "U0LEAD"
# The payloads below are literal copies of what the release before payload versions wrote
# (bot/services/interactions.py, tasks/digest.py, tasks/lifecycle.py at that release); they
# stay literal so that a later change to the views they were made from shows up here.
DONE_TASK = {"id": 7, "title": "Send the quote to Acme", "owner_id": REP, "status": "done",
             "tz": "Asia/Shanghai", "customer": "Acme", "due": "2026-03-06T09:00:00+00:00",
             "due_precision": "time", "overdue": False, "snoozed_until": None,
             "pending_log_id": None, "pending_guess": None}
OVERDUE_TASK = {**DONE_TASK, "id": 8, "title": "Call Beta back", "status": "open",
                "customer": "Beta", "due": "2026-03-04T01:00:00+00:00", "overdue": True}


def _outcome(status: str, task: dict[str, Any] | None) -> dict[str, Any]:
    return {"status": status, "follow_up": None, "task": task, "tasks": [], "suggestions": [],
            "message": None, "subject_user": None, "errors": {}, "customer": None,
            "language": None}


def _add(bot: RunningBot, kind: str, recipient: str, payload: dict[str, Any],
         now: datetime, task_id: int | None = None) -> int:
    with bot.runtime.services.uow() as uow:
        note = Notification(workspace_id=TEAM_ID, kind=kind, recipient=recipient,
                            payload=payload, task_id=task_id, due_at=now, created_at=now,
                            status="pending", attempts=0)
        uow.session.add(note)
        uow.commit()
        return note.id


def _task(bot: RunningBot, now: datetime) -> int:
    with bot.runtime.services.uow() as uow:
        task = Task(workspace_id=TEAM_ID, owner_id=REP, title="Ring Gamma about the demo",
                    origin="hand", status="open", due_at=now, due_precision="time",
                    tz="Asia/Shanghai", overdue_at=now + timedelta(days=1), created_at=now,
                    updated_at=now)
        uow.session.add(task)
        uow.commit()
        return task.id


def _row(bot: RunningBot, note_id: int) -> Notification:
    with bot.runtime.services.uow() as uow:
        note = uow.session.get(Notification, note_id)
        assert note is not None
        uow.session.expunge(note)
        return note


def _posted_to(slack: FakeSlack, channel: str) -> str:
    return "\n".join(block_texts(c.blocks) for c in slack.calls_to("chat.postMessage")
                     if c.params.get("channel") == channel)


def test_messages_queued_by_the_previous_release_are_sent_after_the_upgrade(
        bot: RunningBot, slack: FakeSlack, clock: FakeClock,
        caplog: pytest.LogCaptureFixture) -> None:
    now, url = clock.now(), slack.response_url()
    answer = _add(bot, RESPOND, REP, {"response_url": url, "render": "task", "replace": True,
                                      "outcome": _outcome("task_done", DONE_TASK)}, now)
    reminder = _add(bot, rules.AT_DUE, REP, {"lead_seconds": None}, now, _task(bot, now))
    digest = _add(bot, LEAD_DIGEST, LEAD, {"team": "Sales", "date": "2026-03-04",
                                           "tasks": [OVERDUE_TASK]}, now)
    # Queued by a newer copy of the bot during a rolling deploy: a shape this one cannot read.
    newer = _add(bot, LOG_REPLY, REP, {"v": 99, "reading": {"status": "recorded"}}, now)
    unknown = _add(bot, "poll_result", REP, {"v": 1, "poll": 3}, now)

    with caplog.at_level(logging.WARNING, logger="bot.services.delivery.sending"):
        bot.sweep()

    (done,) = slack.response_posts(url)
    assert done.params["replace_original"] is True
    assert "Send the quote to Acme" in block_texts(done.blocks)
    assert "Ring Gamma about the demo" in _posted_to(slack, REP)
    assert "Call Beta back" in _posted_to(slack, LEAD)
    assert [_row(bot, i).status for i in (answer, reminder, digest)] == ["sent"] * 3
    for held in (newer, unknown):
        row = _row(bot, held)
        assert (row.status, row.attempts) == ("pending", 0)
        assert row.last_error is not None and row.last_error.startswith("held:")
    assert len(slack.calls_to("chat.postMessage")) == 2  # nothing garbled went out
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(f"holding notification {newer}" in w and "version 99" in w for w in warned)
    assert any(f"holding notification {unknown}" in w and "poll_result" in w for w in warned)


def test_a_kind_whose_shape_changed_is_upgraded_on_the_way_out(
        bot: RunningBot, slack: FakeSlack, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A release that renames the digest's "tasks" to "overdue" (version 2) still sends the
    version-1 rows queued before it, through its one upgrade function."""
    upgraded: list[dict[str, Any]] = []

    def to_v2(payload: dict[str, Any]) -> dict[str, Any]:
        upgraded.append(dict(payload))
        payload["overdue"] = payload.pop("tasks")
        return payload

    def render_v2(message: OutgoingMessage) -> render.SlackCall:
        p = dict(message.payload)
        assert "tasks" not in p, "the renderer reads the current shape only"
        return original(replace(message, payload={**p, "tasks": p.pop("overdue")}))

    original = render.RENDERERS[LEAD_DIGEST]
    monkeypatch.setitem(kinds.KINDS, LEAD_DIGEST,  # type: ignore[attr-defined]
                        replace(kinds.KINDS[LEAD_DIGEST], version=2, upgrades={1: to_v2}))
    monkeypatch.setitem(render.RENDERERS, LEAD_DIGEST, render_v2)
    now = clock.now()
    old = _add(bot, LEAD_DIGEST, LEAD, {"team": "Sales", "date": "2026-03-04",
                                        "tasks": [DONE_TASK]}, now)
    services = bot.runtime.services
    with services.uow() as uow:
        queue(services, uow, workspace_id=TEAM_ID, kind=LEAD_DIGEST, recipient=LEAD, now=now,
              payload={"team": "Sales", "date": "2026-03-05", "overdue": [OVERDUE_TASK]})
        uow.commit()

    bot.sweep()

    assert [p["date"] for p in upgraded] == ["2026-03-04"]  # the new row was written as v2
    texts = _posted_to(slack, LEAD)
    assert "Send the quote to Acme" in texts and "Call Beta back" in texts
    assert _row(bot, old).status == "sent"
