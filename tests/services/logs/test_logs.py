"""Logging a contact: records, tasks, customers, duplicates — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.services.context import ServiceContext
from bot.services.logs import fixing as logs
from bot.services.logs.editing import LogEdit, edit_log
from bot.services.logs.intake import LogRequest, log_contact
from store.models import Customer, FollowUp, Notification, Task
from tests.support.fakes import FakeClock

WS = "T0TEST"
REP = "U0REP"


def _log(services: ServiceContext, clock: FakeClock, text: str, key: str = "k1",
         user: str = REP, source: str = "slash") -> logs.Outcome:
    return log_contact(services, LogRequest(WS, user, text, source, key,
                                                 reply_channel="D0REP"), clock.now())


def _count(services: ServiceContext, model: type) -> int:
    with services.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def _customer(services: ServiceContext, name: str, owner: str = REP) -> int:
    with services.uow() as uow:
        from bot.domain.customers import name_key
        c = Customer(workspace_id=WS, name=name, name_key=name_key(name), owner_id=owner,
                     created_by=owner, created_at=datetime(2026, 1, 1, tzinfo=UTC))
        uow.customers.add(c)
        uow.commit()
        return c.id


def test_known_customer_log_opens_task_with_two_reminders(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: called Li, wants a quote for 20 seats. "
                                "Send quote by Friday 3pm")
    assert out.status == "recorded"
    fu = out.follow_up
    assert fu is not None and fu.customer == "Acme Corp" and fu.task_id is not None
    # The rep is in Shanghai (team zone): Friday 27 Nov 15:00 +08:00.
    assert fu.due == datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
    with services.uow() as uow:
        notes = uow.notifications.pending_for_task(fu.task_id)
        assert sorted((n.kind, n.due_at) for n in notes) == [
            ("reminder_before", datetime(2026, 11, 26, 7, 0, tzinfo=UTC)),
            ("reminder_due", datetime(2026, 11, 27, 7, 0, tzinfo=UTC))]


def test_customer_matched_ignoring_case_and_accents(services, clock) -> None:
    cid = _customer(services, "Société Générale")
    out = _log(services, clock, "societe generale: met the CFO, send deck tomorrow")
    assert out.status == "recorded" and out.follow_up.customer_id == cid


def test_unknown_customer_is_offered_not_invented(services, clock) -> None:
    _customer(services, "Acme Corporation")
    # "Acme Corp" would be Acme Corporation (a generic suffix); Acme Logistics is another firm
    out = _log(services, clock, "Acme Logistics: called Li, send quote by Friday")
    assert out.status == "needs_customer"
    assert [name for _, name in out.suggestions] == ["Acme Corporation"]
    assert _count(services, Customer) == 1
    with services.uow() as uow:  # the promise is a task already, its customer pending
        assert [t.customer_id for t in uow.session.scalars(select(Task))] == [None]
    assert _count(services, FollowUp) == 1  # the text is kept while the rep chooses


def test_create_customer_button_twice_creates_one_customer_and_one_task(services, clock) -> None:
    out = _log(services, clock, "Initech: no answer, try again next Tuesday at 9")
    assert out.status == "needs_customer"
    first = logs.choose_customer(services, WS, REP, out.follow_up.id, None, clock.now())
    second = logs.choose_customer(services, WS, REP, out.follow_up.id, None, clock.now())
    assert first.status == second.status == "recorded"
    assert first.follow_up.customer == "Initech"
    assert _count(services, Customer) == 1 and _count(services, Task) == 1


def test_pick_existing_customer(services, clock) -> None:
    cid = _customer(services, "Acme Corporation")
    out = _log(services, clock, "Acme: wants 30 units, call back tomorrow")
    picked = logs.choose_customer(services, WS, REP, out.follow_up.id, cid, clock.now())
    assert picked.follow_up.customer_id == cid and picked.follow_up.task_id is not None


def test_same_slack_message_twice_is_stored_once(services, clock) -> None:
    _customer(services, "Acme Corp")
    first = _log(services, clock, "Acme Corp: call back tomorrow", key="msg:D1:1.1", source="dm")
    again = _log(services, clock, "Acme Corp: call back tomorrow", key="msg:D1:1.1", source="dm")
    assert first.status == "recorded" and again.status == "duplicate"
    assert again.follow_up.id == first.follow_up.id
    assert _count(services, FollowUp) == 1 and _count(services, Task) == 1
    with services.uow() as uow:
        replies = uow.session.scalars(select(Notification).where(
            Notification.kind == "log_reply")).all()
    assert len(replies) == 1


def test_odd_input_is_stored_whole(services, clock) -> None:
    texts = ["🙂🙂🙂", "'; DROP TABLE tasks; --", "x" * 10_000, "<!channel> hi\u202e\x07"]
    for i, text in enumerate(texts):
        out = _log(services, clock, text, key=f"odd{i}")
        assert out.status in ("needs_customer", "recorded")
    with services.uow() as uow:
        stored = [r.raw_text for r in uow.session.scalars(select(FollowUp).order_by(FollowUp.id))]
    assert stored == [t.strip() for t in texts]


def test_empty_and_help_give_usage_and_store_nothing(services, clock) -> None:
    assert _log(services, clock, "   ").status == "usage"
    assert _log(services, clock, "help", key="k2").status == "usage"
    assert _count(services, FollowUp) == 0


def test_undo_cancels_task_and_reminders_but_keeps_text(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: send quote by Friday 3pm")
    undone = logs.undo_log(services, WS, REP, out.follow_up.id, clock.now())
    assert undone.status == "undone"
    with services.uow() as uow:
        task = uow.tasks.get(WS, out.follow_up.task_id)
        assert task is not None and task.status == "cancelled"
        assert uow.notifications.pending_for_task(task.id) == []
        assert uow.follow_ups.get(WS, out.follow_up.id).raw_text.startswith("Acme Corp")


def test_only_the_author_may_undo(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: send quote by Friday 3pm")
    refused = logs.undo_log(services, WS, "U0REP2", out.follow_up.id, clock.now())
    assert refused.status == "forbidden"
    with services.uow() as uow:
        assert uow.follow_ups.get(WS, out.follow_up.id).status == "recorded"


def test_edit_changes_fields_and_due(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: send quote by Friday 3pm")
    edited = edit_log(services, WS, REP, out.follow_up.id,
                      LogEdit("Acme Corp", "met Li", "send revised quote", "tomorrow 10am"),
                      clock.now())
    assert edited.status == "edited"
    assert edited.follow_up.due == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    with services.uow() as uow:
        task = uow.tasks.get(WS, out.follow_up.task_id)
        assert task.title == "send revised quote"
        assert task.due_at == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def test_edit_with_unreadable_time_reports_the_field(services, clock) -> None:
    _customer(services, "Acme Corp")
    out = _log(services, clock, "Acme Corp: send quote by Friday 3pm")
    bad = edit_log(services, WS, REP, out.follow_up.id,
                   LogEdit("Acme Corp", "met Li", None, "whenever you like"), clock.now())
    assert bad.status == "invalid" and "when" in bad.errors
