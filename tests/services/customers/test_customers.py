"""Who sees a customer, who sees its contact details, and its history of changes."""

from __future__ import annotations

from datetime import timedelta

from bot.services.customers.file import show_customer
from bot.services.delivery.sweeps import run_sweep
from bot.services.logs import fixing as logs
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.tasks import lifecycle as tasks
from tests.services.logs.test_logs import REP, WS
from tests.services.tasks.test_reminders import FRIDAY_3PM
from tests.support.fakes import FakeNotifier

OTHER_REP, LEAD, ADMIN, OUTSIDER = "U0REP2", "U0LEAD", "U0ADMIN", "U0NOTEAM"


def _acme(services, clock) -> int:
    """REP logs about a new customer and creates it; returns the task id."""
    out = log_contact(services, LogRequest(WS, REP, "Acme Corp: send quote by Friday 3pm",
                                           "slash", "k1"), clock.now())
    created = logs.choose_customer(services, WS, REP, out.follow_up.id, None, clock.now())
    with services.uow() as uow:
        customer = uow.customers.get(WS, created.follow_up.customer_id)
        customer.phone, customer.email = "+86 138 0000 0000", "li@acme.example"
        uow.commit()
    return created.follow_up.task_id


def test_owner_and_lead_and_admin_see_contact_details(services, clock) -> None:
    _acme(services, clock)
    for viewer in (REP, LEAD, ADMIN):
        card = show_customer(services, WS, viewer, "acme corp", clock.now()).customer
        assert card is not None and card.phone == "+86 138 0000 0000", viewer
        assert card.email == "li@acme.example" and not card.contact_hidden


def test_a_colleague_who_logged_on_it_sees_it_but_not_the_contact_details(services,
                                                                          clock) -> None:
    _acme(services, clock)
    log_contact(services, LogRequest(WS, OTHER_REP, "Acme Corp: covered for Rep One, "
                                     "Li happy", "slash", "k2"), clock.now())
    card = show_customer(services, WS, OTHER_REP, "Acme Corp", clock.now()).customer
    assert card is not None and card.phone is None and card.email is None
    assert card.contact_hidden and set(card.people) == {REP, OTHER_REP}


def test_people_not_on_the_customer_do_not_see_it(services, clock) -> None:
    _acme(services, clock)
    for viewer in (OTHER_REP, OUTSIDER):
        refused = show_customer(services, WS, viewer, "Acme Corp", clock.now())
        assert refused.status == "forbidden" and refused.customer is None


def test_another_workspace_does_not_see_the_customer(services, clock) -> None:
    _acme(services, clock)
    assert show_customer(services, "T0OTHER", REP, "Acme Corp", clock.now()).status == \
        "not_found"


def test_unknown_name_offers_the_closest(services, clock) -> None:
    _acme(services, clock)
    out = show_customer(services, WS, REP, "Acme Cor", clock.now())
    assert out.status == "not_found" and [n for _, n in out.suggestions] == ["Acme Corp"]


def test_history_records_who_changed_what_from_and_to(services, clock) -> None:
    task_id = _acme(services, clock)
    later = clock.now() + timedelta(hours=1)
    tasks.reschedule_task(services, WS, REP, task_id, "next Tuesday 10am", later)
    run_sweep(services, FakeNotifier(), FRIDAY_3PM + timedelta(days=10))  # overdue, by the bot
    tasks.complete_task(services, WS, LEAD, task_id, FRIDAY_3PM + timedelta(days=11))
    history = show_customer(services, WS, REP, "Acme Corp", later, history=True).customer.history
    entries = [(c.actor, c.entity, c.field, c.old, c.new) for c in history]
    assert (LEAD, "task", "status", "open", "done") in entries
    assert ("bot", "task", "overdue_since", None, entries[[e[2] for e in entries]
                                                        .index("overdue_since")][4]) in entries
    due_changes = [e for e in entries if e[1] == "task" and e[2] == "due_at" and e[3]]
    assert due_changes and due_changes[0][0] == REP
    assert due_changes[0][3].startswith("2026-11-27T07:00")  # Friday 15:00 Shanghai
    assert due_changes[0][4].startswith("2026-12-01T02:00")  # Tuesday 10:00 Shanghai
    assert (REP, "customer", "name", None, "Acme Corp") in entries
    assert [c.at for c in history] == sorted((c.at for c in history), reverse=True)


def test_history_is_only_for_those_who_may_see_the_customer(services, clock) -> None:
    _acme(services, clock)
    out = show_customer(services, WS, OTHER_REP, "Acme Corp", clock.now(), history=True)
    assert out.status == "forbidden"
