"""What a request must look like before Bolt sees it (bot/request_shape.py)."""

from __future__ import annotations

from bot.request_shape import payload_problem


def test_a_null_event_is_refused_before_bolt_reads_it() -> None:
    """Bolt's self-event check reads body.get("event", {}).get("bot_id"): a null crashes it."""
    body = {"type": "", "team_id": "T0G9PQBBK", "event": None,
            "authorizations": [{"team_id": "T0G9PQBBK", "user_id": "W23456789", "is_bot": True}]}
    assert payload_problem(body) == "event is null"
    assert payload_problem({**body, "event": {"type": "message"}}) is None
