"""An unanswered "which customer?" comes back — under its promises' reminders with the same
choices, and in the rep's morning message once per log — until answered or withdrawn; on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.delivery.sweeps import run_sweep, send_due_notifications
from bot.services.logs import fixing as logs
from bot.services.logs.questions import send_open_questions
from handlers.render import render
from store.models import Notification
from tests.e2e.harness import block_texts
from tests.services.logs.test_logs import REP, WS, _customer, _log
from tests.support.fakes import FakeNotifier

# The clock fixture: Monday 2026-11-23 09:00 in Shanghai, the rep's team zone.
TUESDAY_0930 = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)
SATURDAY_0930 = datetime(2026, 11, 28, 1, 30, tzinfo=UTC)


def _asked(notifier: FakeNotifier) -> list[list[int]]:
    """Per morning message sent: the logs it asks about."""
    return [[q["follow_up"]["id"] for q in m.payload["questions"]]
            for m in notifier.of_kind("open_questions")]


def test_the_reminder_offers_the_same_customers_as_the_first_reply(services, clock) -> None:
    acme = _customer(services, "Acme Corporation")
    out = _log(services, clock, "Acme Logistics: called Li, send quote by Friday 3pm")
    assert out.status == "needs_customer" and out.follow_up is not None
    assert out.suggestions == ((acme, "Acme Corporation"),)
    notifier = FakeNotifier()
    run_sweep(services, notifier, datetime(2026, 11, 27, 7, 0, tzinfo=UTC))
    [reminder] = [m for m in notifier.of_kind("reminder_due")  # not Acme's cadence task
                  if m.payload["task"]["title"] == "send quote by Friday 3pm"]
    assert reminder.payload["task"]["pending_log_id"] == out.follow_up.id
    assert reminder.payload["task"]["pending_choices"] == [[acme, "Acme Corporation"]]


def test_the_morning_message_asks_each_waiting_log_once(services, clock) -> None:
    two = _log(services, clock, "Globex Retail: send the deck by Friday 3pm, then call back "
                                "on Dec 15", key="two").follow_up
    none = _log(services, clock, "Initech Labs: intro call, went well", key="none").follow_up
    assert two is not None and none is not None
    notifier = FakeNotifier()
    run_sweep(services, notifier, TUESDAY_0930)
    run_sweep(services, notifier, TUESDAY_0930 + timedelta(hours=2))  # not twice a day
    # Two promises, one question; a log with no promise is asked too (nothing reminds it).
    assert _asked(notifier) == [[none.id, two.id]]
    [message] = notifier.of_kind("open_questions")
    assert message.recipient == REP
    promised = message.payload["questions"][1]["follow_up"]
    assert [m["label"] for m in promised["more_tasks"]] == ["call back on Dec 15"]


def test_answered_or_withdrawn_questions_stop_coming_back(services, clock) -> None:
    answered = _log(services, clock, "Globex Retail: send the deck by Friday 3pm",
                    key="a").follow_up
    undone = _log(services, clock, "Initech Labs: call back Thursday", key="u").follow_up
    waiting = _log(services, clock, "Umbrella Health: intro call", key="w").follow_up
    assert answered is not None and undone is not None and waiting is not None
    assert send_open_questions(services, TUESDAY_0930) == 1  # queued with all three
    # Answered and withdrawn after it was queued, before it went out: left out.
    logs.choose_customer(services, WS, REP, answered.id, None, clock.now())
    logs.undo_log(services, WS, REP, undone.id, clock.now())
    notifier = FakeNotifier()
    run_sweep(services, notifier, TUESDAY_0930)
    assert _asked(notifier) == [[waiting.id]]
    logs.choose_customer(services, WS, REP, waiting.id, None, clock.now())
    run_sweep(services, notifier, TUESDAY_0930 + timedelta(days=1))  # Wednesday: none left
    assert _asked(notifier) == [[waiting.id]]
    run_sweep(services, notifier, datetime(2026, 11, 27, 7, 0, tzinfo=UTC))  # Friday 15:00
    [due] = [m.payload["task"] for m in notifier.of_kind("reminder_due")]
    assert due["title"] == "send the deck by Friday 3pm" and due["pending_log_id"] is None


def test_the_question_comes_back_every_working_morning_until_answered(services,
                                                                       clock) -> None:
    fu = _log(services, clock, "Globex Retail: intro call").follow_up
    assert fu is not None
    notifier = FakeNotifier()
    for day in range(7):  # Tuesday to Monday: not on the weekend
        run_sweep(services, notifier, TUESDAY_0930 + timedelta(days=day))
    assert _asked(notifier) == [[fu.id]] * 5
    assert send_open_questions(services, SATURDAY_0930) == 0


def test_a_rep_with_nothing_waiting_gets_no_morning_message(services, clock) -> None:
    _customer(services, "Acme Corp")
    _log(services, clock, "Acme Corp: called Li, send quote by Friday 3pm")
    assert send_open_questions(services, TUESDAY_0930) == 0


def test_a_rep_in_no_team_is_asked_on_their_own_morning(services, clock) -> None:
    loner = "U0LONE0001"
    with services.uow() as uow:  # Slack's profile said New York
        uow.people.save_tz(WS, loner, "America/New_York", None, clock.now())
        uow.commit()
    fu = _log(services, clock, "Globex Retail: intro call", user=loner).follow_up
    assert fu is not None and fu.status == "needs_customer"
    notifier = FakeNotifier()
    # Tuesday 20:00 in Shanghai, when the team's morning has long passed, is 07:00 in
    # New York: not yet.
    run_sweep(services, notifier, datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    assert notifier.of_kind("open_questions") == []
    new_york_0915 = datetime(2026, 11, 24, 14, 15, tzinfo=UTC)
    for minutes in (0, 1, 30):  # every tick after 09:00 there, once
        run_sweep(services, notifier, new_york_0915 + timedelta(minutes=minutes))
    assert [(m.recipient, q) for m, q in zip(notifier.of_kind("open_questions"),
                                             _asked(notifier), strict=True)] == [
        (loner, [fu.id])]
    run_sweep(services, notifier, datetime(2026, 11, 28, 14, 15, tzinfo=UTC))  # Saturday
    run_sweep(services, notifier, datetime(2026, 11, 30, 14, 15, tzinfo=UTC))  # Monday
    assert len(notifier.of_kind("open_questions")) == 2


def test_a_morning_message_queued_by_the_previous_release_is_sent(services, clock) -> None:
    """Written exactly as the release before version 2 wrote it (no prospects about to
    return, no version): upgraded on the way out, sent and rendered."""
    fu = _log(services, clock, "Globex Retail: intro call").follow_up
    assert fu is not None
    with services.uow() as uow:
        uow.session.add(Notification(
            workspace_id=WS, kind="open_questions", recipient=REP, due_at=clock.now(),
            payload={"date": "2026-11-23", "logs": [fu.id], "more": 0},
            created_at=clock.now(), status="pending", attempts=0))
        uow.commit()
    notifier = FakeNotifier()
    send_due_notifications(services, notifier, clock.now())
    [message] = notifier.of_kind("open_questions")
    assert message.payload["returning"] == [] and _asked(notifier) == [[fu.id]]
    text = block_texts(render(message).args["blocks"])
    assert "Still to answer: which customer? (1 log of yours)" in text
    assert "About to return" not in text
