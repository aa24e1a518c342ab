"""Every kind of queued message renders to a Slack call within Slack's limits, user text inert."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.services.ports import OutgoingMessage
from bot.services.views import FollowUpView, Outcome, TaskView, to_payload
from handlers.render import render
from tests.e2e.harness import mrkdwn_texts

EVIL = "<!channel> <@U0BOSS> <https://evil.example|your bank> & co \u202egnp.exe\x07\x1b[2J"
TASK = TaskView(id=7, title=EVIL, owner_id="U0REP", status="open", tz="Asia/Shanghai",
                customer=EVIL, due=datetime(2026, 11, 27, 7, 0, tzinfo=UTC),
                due_precision="time", overdue=True)
LOG = FollowUpView(id=3, status="recorded", author_id="U0REP", raw_text=EVIL, summary=EVIL,
                   tz="Asia/Shanghai", customer=EVIL, next_step=EVIL, task_id=7,
                   due=datetime(2026, 11, 27, 7, 0, tzinfo=UTC), due_precision="time",
                   due_label=EVIL)


def _message(kind: str, payload: dict) -> OutgoingMessage:
    return OutgoingMessage(id=1, workspace_id="T1", kind=kind, recipient="U0REP",
                           payload=payload, late=True)


CASES = {
    "log_reply": {**to_payload(Outcome(status="recorded", follow_up=LOG))},
    "respond": {"response_url": "https://hooks.example/x", "render": "task", "replace": True,
                "outcome": to_payload(Outcome(status="task_done", task=TASK))},
    "reminder_before": {"task": to_payload(TASK), "lead_seconds": 86400,
                        "due_was": "2026-11-26T07:00:00+00:00"},
    "reminder_due": {"task": to_payload(TASK)},
    "snooze_end": {"task": to_payload(TASK)},
    "overdue_owner": {"task": to_payload(TASK)},
    "overdue_lead": {"task": to_payload(TASK), "owner": "U0REP"},
    "lead_digest": {"team": EVIL, "date": "2026-11-30", "tasks": [to_payload(TASK)] * 3},
    "open_questions": {"date": "2026-11-30", "more": 3, "questions": [
        {"follow_up": to_payload(LOG), "choices": [[4, EVIL]]}] * 10,
        # The most a morning message holds: ten questions, five prospects about to return.
        "returning": [{"customer_id": 4, "customer": EVIL, "reason": "no_contact",
                       "until": "2026-12-23T01:00:00+00:00"}] * 5, "returning_more": 7,
        "tz": "Asia/Shanghai"},
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_renders_with_user_text_inert(kind: str) -> None:
    call = render(_message(kind, CASES[kind]))
    blocks = call.args["blocks"]
    assert len(blocks) <= 50
    shown = mrkdwn_texts(blocks)
    assert "<!channel>" not in shown and "<@U0BOSS>" not in shown and "<https://" not in shown
    assert "&lt;!channel&gt;" in shown
    assert not any(ch in shown for ch in "\u202e\x07\x1b")  # no bidi tricks, bells, escapes
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)


def test_a_late_reminder_says_so() -> None:
    call = render(_message("reminder_before", CASES["reminder_before"]))
    assert "while the bot was offline" in mrkdwn_texts(call.args["blocks"])


def test_the_lead_is_told_whose_task_is_overdue_by_a_real_mention() -> None:
    call = render(_message("overdue_lead", CASES["overdue_lead"]))
    assert "<@U0REP>" in mrkdwn_texts(call.args["blocks"])


def test_profile_look_up_and_modal() -> None:
    assert render(_message("refresh_profile", {})).method == "users.info"
    modal = render(_message("open_modal", {"trigger_id": "1.2", "modal": "edit_log",
                                           "response_url": "https://hooks.example/y",
                                           "follow_up": to_payload(LOG)}))
    assert modal.method == "views.open"
    assert modal.args["view"]["private_metadata"] == "3|https://hooks.example/y"


def test_an_unknown_kind_is_an_error_not_a_silent_drop() -> None:
    with pytest.raises(ValueError):
        render(_message("carrier_pigeon", {}))
