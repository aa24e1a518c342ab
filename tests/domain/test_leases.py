"""The lease rules: when a claim is renewed, and whose a row still is (time passed in)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.leases import LEASE, HeldClaims, lease_end, needs_renewal

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_lease_is_far_shorter_than_a_minute_and_renewed_before_it_runs_out() -> None:
    until = lease_end(T0)
    assert until - T0 == LEASE <= timedelta(seconds=30)
    assert not needs_renewal(until, T0 + timedelta(seconds=9))
    assert needs_renewal(until, T0 + timedelta(seconds=11))
    assert needs_renewal(until, until + timedelta(seconds=1))  # late is still renewed


def test_only_claims_due_are_renewed_grouped_by_token() -> None:
    held = HeldClaims()
    held.hold("notifications", [1, 2], lease_end(T0))
    held.hold("logs", [7], lease_end(T0))
    held.hold("notifications", [3], lease_end(T0 + timedelta(seconds=8)))
    due = held.due(T0 + timedelta(seconds=12))
    assert [(r.kind, r.ids, r.old) for r in due] == [
        ("logs", (7,), lease_end(T0)), ("notifications", (1, 2), lease_end(T0))]
    assert all(r.new == lease_end(T0 + timedelta(seconds=12)) for r in due)


def test_a_row_is_mine_while_it_carries_a_token_i_wrote() -> None:
    held = HeldClaims()
    held.hold("notifications", [1, 2], lease_end(T0))
    [renewal] = held.due(T0 + timedelta(seconds=15))
    # Written but not yet confirmed: a row read in between is still recognised.
    assert held.owns("notifications", 1, renewal.new)
    held.renewed(renewal, kept=[1])
    assert held.owns("notifications", 1, renewal.new)
    assert held.owns("notifications", 1, renewal.old)  # a read from before the renewal
    # Row 2 was not renewed (finished, or taken after its lease ran out): let go.
    assert not held.owns("notifications", 2, renewal.old)
    assert held.held() == 1
    # Another process's token is never mine, nor is a row without a lease.
    assert not held.owns("notifications", 1, renewal.new + timedelta(seconds=1))
    assert not held.owns("notifications", 1, None)


def test_released_rows_are_neither_renewed_nor_mine() -> None:
    held = HeldClaims()
    held.hold("logs", [5], lease_end(T0))
    [renewal] = held.due(T0 + timedelta(seconds=20))
    held.release("logs", 5)  # finished while the renewal ran
    held.renewed(renewal, kept=[5])
    assert held.held() == 0 and not held.owns("logs", 5, renewal.new)
    assert held.due(T0 + timedelta(minutes=5)) == []
