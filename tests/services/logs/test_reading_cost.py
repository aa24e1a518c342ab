"""What reading one log costs the database: every statement of it runs while SQLite's one
writer lock may be held, and every acknowledgement of a /log waits for that lock."""

from __future__ import annotations

from bot.services.logs.intake import LogRequest, read_log, receive_log
from tests.services.logs.test_logs import REP, WS, _customer
from tests.support.statements import statements

# Reading a log about a known customer, with a task and its two reminders: the log, its
# author's zone and the candidates (4), then the unit of work that writes it (20 on SQLite,
# 19 on PostgreSQL, the Home tab's coalesced refresh among them: its dedupe look-up).
READING_STATEMENTS = 24


def test_reading_a_log_about_a_known_customer_stays_within_itsstatements(
        services, clock) -> None:
    _customer(services, "Acme Corp")
    warm = receive_log(services, LogRequest(WS, REP, "Acme Corp: called Li", "slash", "k0",
                                            reply_url="https://hooks.example/0"), clock.now())
    read_log(services, warm.follow_up.id, clock.now())
    out = receive_log(services, LogRequest(
        WS, REP, "Acme Corp: called Li, wants a quote. Send quote by Friday 3pm", "slash", "k1",
        reply_url="https://hooks.example/1"), clock.now())
    with statements(services) as seen:
        read = read_log(services, out.follow_up.id, clock.now())
    assert read.status == "recorded"
    # 27 before the customer's list and pool place were read once per unit of work and the
    # log's changes were flushed with its first task.
    assert len(seen) <= READING_STATEMENTS, "\n".join(seen)
