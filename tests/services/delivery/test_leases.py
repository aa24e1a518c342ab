"""Claims after a crash: a dead process's work is free within the lease, a living one's is
renewed and never taken, and a row taken over is never sent by its former holder."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.domain.leases import LEASE, HeldClaims
from bot.services.context import ServiceContext
from bot.services.delivery.leases import renew_claims
from bot.services.delivery.sweeps import send_due_notifications
from bot.services.logs.intake import LogRequest, receive_log
from bot.services.ports import OutgoingMessage, Receipt
from store.models import Notification
from store.repositories.claims import LOGS, NOTIFICATIONS
from tests.support.fakes import FakeNotifier

WS, REP = "T0TEST", "U0REP"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _queue(services: ServiceContext, n: int) -> None:
    with services.uow() as uow:
        for i in range(n):
            uow.notifications.add(Notification(
                workspace_id=WS, kind="respond", recipient=REP, payload={"text": f"m{i}"},
                due_at=T0, created_at=T0, status="pending", attempts=0))
        uow.commit()


def _claim(services: ServiceContext, now: datetime, batch: int = 50) -> list[int]:
    """Claim as send_due_notifications does, and stop there (the process dies)."""
    with services.one_statement() as uow:
        ids = list(uow.notifications.claim_due(now, LEASE, batch))
        uow.commit()
    services.claims.hold(NOTIFICATIONS, ids, now + LEASE)
    return ids


def _other_process(services: ServiceContext) -> ServiceContext:
    return replace(services, claims=HeldClaims())


def test_a_dead_process_claims_are_sent_once_its_short_lease_runs_out(services) -> None:
    _queue(services, 3)
    assert len(_claim(services, T0)) == 3  # ... and the process is killed
    restarted, notifier = _other_process(services), FakeNotifier()
    assert send_due_notifications(restarted, notifier, T0 + LEASE - timedelta(seconds=1)) \
        .claimed == 0
    report = send_due_notifications(restarted, notifier, T0 + LEASE)
    assert (report.claimed, report.sent) == (3, 3)
    assert sorted(m.payload["text"] for m in notifier.sent) == ["m0", "m1", "m2"]


def test_a_claim_leases_no_more_rows_than_asked_however_many_are_due(services) -> None:
    """On PostgreSQL, a table without fresh statistics once had the picking subquery run
    again per due row, and a claim of 16 leased all of them."""
    _queue(services, 300)
    first, second = _claim(services, T0, batch=16), _claim(services, T0, batch=16)
    assert (len(first), len(second)) == (16, 16)
    assert not set(first) & set(second)
    with services.uow() as uow:
        leased = uow.session.query(Notification).filter(
            Notification.lease_until.is_not(None)).count()
    assert leased == 32


def test_a_living_process_renews_its_claims_so_nobody_takes_them(services) -> None:
    _queue(services, 2)
    ids = _claim(services, T0)
    other, notifier = _other_process(services), FakeNotifier()
    assert renew_claims(services, T0 + timedelta(seconds=5)) == 0  # not due yet
    assert renew_claims(services, T0 + timedelta(seconds=15)) == 2
    renewed_at = T0 + timedelta(seconds=15)
    # Past the first lease, well within the renewed one: the other copy finds nothing.
    assert send_due_notifications(other, notifier, T0 + LEASE + timedelta(seconds=5)) \
        .claimed == 0
    # The holder finishes one and then dies: only the other row is renewed meanwhile...
    services.claims.release(NOTIFICATIONS, ids[0])
    with services.uow() as uow:
        uow.session.get(Notification, ids[0]).status = "sent"
        uow.commit()
    # ... and once it stops renewing, the row it still held is taken over.
    report = send_due_notifications(other, notifier, renewed_at + LEASE)
    assert (report.claimed, report.sent) == (1, 1)
    assert notifier.sent[0].id == ids[1]


def test_a_row_taken_over_is_not_renewed_nor_sent_by_its_former_holder(services) -> None:
    """A holder frozen past its lease (swap, SIGSTOP) while sending the first of two rows:
    the other copy takes both over; the former holder must not send the second one."""
    _queue(services, 2)
    other = _other_process(services)
    resumed = T0 + LEASE + timedelta(seconds=1)

    class Freezes(FakeNotifier):
        def deliver(self, message: OutgoingMessage) -> Receipt:
            if not self.sent:  # frozen in its first send while the other copy takes over
                send_due_notifications(other, others_slack, resumed)
            return super().deliver(message)

    others_slack, frozen = FakeNotifier(), Freezes()
    send_due_notifications(services, frozen, T0)
    assert sorted(m.payload["text"] for m in others_slack.sent) == ["m0", "m1"]
    # The first row was in Slack's hands: the documented window. The second is never sent
    # again by the former holder.
    assert [m.payload["text"] for m in frozen.sent] == ["m0"]
    assert renew_claims(services, resumed + timedelta(seconds=30)) == 0


def test_renewing_touches_only_rows_still_carrying_my_token(services) -> None:
    _queue(services, 2)
    ids = _claim(services, T0)
    with services.one_statement() as uow:
        assert list(uow.claims.renew(NOTIFICATIONS, ids, T0 + timedelta(seconds=1),
                                     T0 + timedelta(minutes=1))) == []
        uow.commit()
    with services.one_statement() as uow:
        assert list(uow.claims.renew(NOTIFICATIONS, ids, T0 + LEASE,
                                     T0 + timedelta(minutes=1))) == ids
        uow.commit()
    with services.uow() as uow:
        leases = {uow.session.get(Notification, i).lease_until for i in ids}
    assert leases == {T0 + timedelta(minutes=1)}


def test_a_log_being_read_is_renewed_and_a_dead_reader_s_log_is_read_soon(services) -> None:
    out = receive_log(services, LogRequest(WS, REP, "Acme Corp: called", "slash", "k1"), T0)
    assert out.follow_up is not None
    with services.one_statement() as uow:
        ids = list(uow.follow_ups.claim_received(T0, LEASE, 10))
        uow.commit()
    services.claims.hold(LOGS, ids, T0 + LEASE)
    assert renew_claims(services, T0 + timedelta(seconds=12)) == 1
    other = _other_process(services)
    with other.one_statement() as uow:
        assert list(uow.follow_ups.claim_received(T0 + LEASE, LEASE, 10)) == []
        uow.commit()
    with other.one_statement() as uow:  # the reader died after its renewal
        assert list(uow.follow_ups.claim_received(
            T0 + timedelta(seconds=12) + LEASE, LEASE, 10)) == ids
        uow.commit()
