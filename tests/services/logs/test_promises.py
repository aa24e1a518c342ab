"""Every promise a task, none waiting on a question, and when a contact happened — on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from sqlalchemy import select

from bot.services.delivery.sweeps import run_sweep
from bot.services.logs import editing
from bot.services.logs import fixing as logs
from bot.services.review.build import build_review
from store.models import FollowUp, Notification, Task
from tests.services.logs.test_logs import REP, WS, _customer, _log
from tests.support.fakes import FakeNotifier

# The clock fixture: Monday 2026-11-23 09:00 in Shanghai, the rep's team zone.


def _tasks(services, follow_up_id: int) -> list[SimpleNamespace]:
    """The log's tasks as plain values, read while the session is open."""
    with services.uow() as uow:
        return [SimpleNamespace(**{c.key: getattr(t, c.key) for c in Task.__table__.columns})
                for t in uow.tasks.all_for_follow_up(follow_up_id)]


def _reminded_titles(notifier: FakeNotifier) -> list[str]:
    return sorted(m.payload["task"]["title"] for m in notifier.of_kind("reminder_due"))


def test_two_promises_are_two_tasks_listed_and_both_reminded(services, clock) -> None:
    _customer(services, "Initech")
    out = _log(services, clock, "Initech: send contract by Wednesday 5pm, then call back on "
                                "Dec 15")
    fu = out.follow_up
    assert out.status == "recorded" and fu is not None
    assert [(m.label, m.due.date().isoformat()) for m in fu.more_tasks] == [
        ("call back on Dec 15", "2026-12-15")]
    tasks = _tasks(services, fu.id)
    assert [(t.title, t.step, t.customer_id is not None) for t in tasks] == [
        ("send contract by Wednesday 5pm", 0, True), ("call back on Dec 15", 1, True)]
    assert tasks[0].due_at == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 17:00 in Shanghai
    notifier = FakeNotifier()
    run_sweep(services, notifier, datetime(2026, 12, 16, 3, 0, tzinfo=UTC))
    assert _reminded_titles(notifier) == ["call back on Dec 15",
                                          "send contract by Wednesday 5pm"]


def test_two_chinese_promises_are_two_tasks(services, clock) -> None:
    _customer(services, "华为")
    fu = _log(services, clock, "华为: 周五前发方案, 下周一下午三点再电话确认").follow_up
    assert fu is not None
    dues = sorted((t.title, t.due_at) for t in _tasks(services, fu.id))
    assert [title for title, _ in dues] == ["下周一下午三点再电话确认", "周五前发方案"]
    assert dues[0][1] == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # Monday 15:00 Shanghai


def test_undo_withdraws_every_promise_and_its_reminders(services, clock) -> None:
    _customer(services, "Initech")
    fu = _log(services, clock, "Initech: send contract by Wednesday 5pm, then call back on "
                               "Dec 15").follow_up
    assert fu is not None
    assert logs.undo_log(services, WS, REP, fu.id, clock.now()).status == "undone"
    assert [t.status for t in _tasks(services, fu.id)] == ["cancelled", "cancelled"]
    notifier = FakeNotifier()
    run_sweep(services, notifier, datetime(2026, 12, 16, 3, 0, tzinfo=UTC))
    promised = {"send contract by Wednesday 5pm", "call back on Dec 15"}
    assert promised.isdisjoint(_reminded_titles(notifier))  # a cadence task may remain


def test_editing_a_log_moves_all_its_promises_to_the_customer(services, clock) -> None:
    _customer(services, "Initech")
    fu = _log(services, clock, "Initech: send contract by Wednesday 5pm, then call back on "
                               "Dec 15").follow_up
    assert fu is not None
    edit = editing.LogEdit(customer="Initech Labs", summary="call", next_step="send contract",
                           when="Thursday")
    assert editing.edit_log(services, WS, REP, fu.id, edit, clock.now()).status == "edited"
    tasks = _tasks(services, fu.id)
    assert len({t.customer_id for t in tasks}) == 1 and tasks[0].title == "send contract"


def test_the_edit_form_changes_each_promise_and_drops_one(services, clock) -> None:
    _customer(services, "Initech")
    fu = _log(services, clock, "Initech: send contract by Wednesday 5pm, then call back on "
                               "Dec 15, then send the invoice by Dec 20").follow_up
    assert fu is not None and [m.step for m in fu.more_tasks] == [1, 2]
    edit = editing.LogEdit(customer="Initech", summary="call", next_step=fu.next_step,
                           when="Wednesday 5pm", more=(
                               editing.PromiseEdit(1, "call Li back", "Dec 16 10am"),
                               editing.PromiseEdit(2, "", None)))
    out = editing.edit_log(services, WS, REP, fu.id, edit, clock.now())
    assert out.status == "edited" and out.follow_up is not None
    assert [(m.label, m.step) for m in out.follow_up.more_tasks] == [("call Li back", 1)]
    tasks = _tasks(services, fu.id)
    assert [(t.title, t.status) for t in tasks] == [
        ("send contract by Wednesday 5pm", "open"), ("call Li back", "open"),
        ("send the invoice by Dec 20", "cancelled")]
    assert tasks[1].due_at == datetime(2026, 12, 16, 2, 0, tzinfo=UTC)  # 10:00 Shanghai
    notifier = FakeNotifier()  # the dropped one is not reminded, the moved one is, once
    run_sweep(services, notifier, datetime(2026, 12, 21, 3, 0, tzinfo=UTC))
    assert _reminded_titles(notifier) == ["call Li back", "send contract by Wednesday 5pm"]


def test_an_unreadable_due_of_a_further_promise_is_its_own_error(services, clock) -> None:
    _customer(services, "Initech")
    fu = _log(services, clock, "Initech: send contract by Wednesday 5pm, then call back on "
                               "Dec 15").follow_up
    assert fu is not None
    edit = editing.LogEdit(customer="Initech", summary="call", next_step=None, when=None,
                           more=(editing.PromiseEdit(1, "call back", "whenever"),))
    out = editing.edit_log(services, WS, REP, fu.id, edit, clock.now())
    assert out.status == "invalid" and list(out.errors) == ["when_1"]
    assert [t.title for t in _tasks(services, fu.id)][1] == "call back on Dec 15"  # unchanged


def test_a_promise_does_not_wait_for_which_customer(services, clock) -> None:
    out = _log(services, clock, "Globex Retail: send the deck by Friday 3pm")
    assert out.status == "needs_customer" and out.follow_up is not None
    fu = out.follow_up
    assert fu.task_id is not None  # said in the question's reply
    [task] = _tasks(services, fu.id)
    assert task.customer_id is None
    notifier = FakeNotifier()  # the rep never answers: the promise is still reminded
    run_sweep(services, notifier, datetime(2026, 11, 27, 7, 0, tzinfo=UTC))
    assert _reminded_titles(notifier) == ["send the deck by Friday 3pm"]
    [reminder] = notifier.of_kind("reminder_due")  # the question comes back with it
    assert reminder.payload["task"]["pending_log_id"] == fu.id
    assert reminder.payload["task"]["pending_guess"] == "Globex Retail"


def test_answering_the_question_attaches_the_waiting_task(services, clock) -> None:
    fu = _log(services, clock, "Globex Retail: send the deck by Friday 3pm").follow_up
    assert fu is not None
    out = logs.choose_customer(services, WS, REP, fu.id, None, clock.now())
    assert out.status == "recorded" and out.follow_up is not None
    [task] = _tasks(services, fu.id)
    assert task.customer_id == out.follow_up.customer_id is not None
    assert out.follow_up.task_id == task.id
    with services.uow() as uow:  # its reminders were planned once, not again on attach
        assert len(uow.session.scalars(select(Notification).where(
            Notification.task_id == task.id, Notification.kind == "reminder_due")).all()) == 1


def test_yesterdays_visit_is_yesterdays_contact(services, clock) -> None:
    cid = _customer(services, "Acme Corp")
    _log(services, clock, "called Acme Corp, all fine", key="today")
    out = _log(services, clock, "visited Acme Corp yesterday afternoon, send quote Friday",
               key="yesterday")
    assert out.follow_up is not None
    with services.uow() as uow:
        row = uow.session.get(FollowUp, out.follow_up.id)
        assert row is not None
        assert row.happened_at == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)  # 14:00 Shanghai
        # The newest contact is today's call, logged first but later in time.
        newest = uow.follow_ups.newest_for_customers([cid])[cid]
        assert newest.contact_at == clock.now()


def test_a_log_of_yesterday_is_the_customers_last_contact(services, clock) -> None:
    cid = _customer(services, "Acme Corp")
    _log(services, clock, "visited Acme Corp yesterday afternoon, send quote Friday")
    with services.uow() as uow:
        customer = uow.customers.get(WS, cid)
        assert customer is not None
        customer.stage = "negotiating"
        uow.commit()
    with services.uow() as uow:
        [deal] = uow.customers.deals_for_owners([REP], ("won", "lost"))
        assert deal.last_contact == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


def test_the_review_counts_a_contact_on_the_day_it_happened(services, clock) -> None:
    _customer(services, "Acme Corp")
    _log(services, clock, "called Acme Corp, all fine", key="today")
    _log(services, clock, "visited Acme Corp yesterday afternoon, send quote Friday",
         key="yesterday")
    evening = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
    review = build_review(services, "East", date(2026, 11, 23), evening)
    assert review is not None
    [rep] = [r for r in review.reps if r.user_id == REP]
    assert [line.summary for line in rep.logs] == ["called Acme Corp, all fine"]
