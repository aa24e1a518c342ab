"""Losses: the reasons, and proposing a quiet customer as lost once per quiet spell."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.losses import LossError, LossPolicy, check_reason, propose_lost

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)
CREATED = NOW - timedelta(days=400)


def test_a_configured_reason_is_recorded_with_the_reps_words() -> None:
    assert check_reason("competitor", " went with Globex ", LossPolicy()).text == "went with Globex"


def test_other_needs_words_and_unknown_reasons_are_refused() -> None:
    with pytest.raises(LossError):
        check_reason("other", "", LossPolicy())
    with pytest.raises(LossError):
        check_reason("weather", None, LossPolicy())
    assert check_reason("weather", None, LossPolicy(reasons=("weather",))).reason == "weather"


def test_a_customer_quiet_for_three_months_is_proposed_as_lost() -> None:
    contact = NOW - timedelta(days=90)
    proposal = propose_lost(1, "won", CREATED, NOW - timedelta(days=200), contact, None, NOW,
                            SHANGHAI, LossPolicy())
    assert proposal is not None and proposal.quiet_since == contact
    assert proposal.key == f"lost?:1:{contact.astimezone(SHANGHAI).date().isoformat()}"


def test_a_recent_contact_or_won_deal_keeps_a_customer_active() -> None:
    policy = LossPolicy()
    assert propose_lost(1, None, CREATED, None, NOW - timedelta(days=89), None, NOW, SHANGHAI,
                        policy) is None
    assert propose_lost(1, None, CREATED, NOW - timedelta(days=10), None, None, NOW, SHANGHAI,
                        policy) is None


def test_still_active_starts_a_new_quiet_spell_with_a_new_key() -> None:
    old = propose_lost(1, None, CREATED, None, None, None, NOW, SHANGHAI, LossPolicy())
    kept = NOW - timedelta(days=95)
    again = propose_lost(1, None, CREATED, None, None, kept, NOW, SHANGHAI, LossPolicy())
    assert old is not None and again is not None and old.key != again.key
    assert propose_lost(1, None, CREATED, None, None, NOW - timedelta(days=5), NOW, SHANGHAI,
                        LossPolicy()) is None


def test_a_lost_customer_or_a_switched_off_rule_proposes_nothing() -> None:
    assert propose_lost(1, "lost", CREATED, None, None, None, NOW, SHANGHAI, LossPolicy()) is None
    assert propose_lost(1, None, CREATED, None, None, None, NOW, SHANGHAI,
                        LossPolicy(inactive_days=None)) is None
