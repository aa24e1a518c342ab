"""What a request must look like before Bolt sees it (bot/request_shape.py)."""

from __future__ import annotations

from bot.request_shape import payload_problem


def test_a_null_event_is_refused_before_bolt_reads_it() -> None:
    """Bolt's self-event check reads body.get("event", {}).get("bot_id"): a null crashes it."""
    body = {"type": "", "team_id": "T0G9PQBBK", "event": None,
            "authorizations": [{"team_id": "T0G9PQBBK", "user_id": "W23456789", "is_bot": True}]}
    assert payload_problem(body) == "event is null"
    assert payload_problem({**body, "event": {"type": "message"}}) is None


def test_a_mark_longer_than_slacks_is_refused_before_it_reaches_a_key() -> None:
    """A message's ts, a command's trigger id: each names the request in the keys that make a
    retry harmless, which hold 200 characters. Slack's are 17 and about 45."""
    dm = {"type": "event_callback", "team_id": "T0G9PQBBK",
          "event": {"type": "message", "channel": "D0REP", "user": "U0REP", "text": "",
                    "ts": "1700000000.000100", "channel_type": "im"}}
    assert payload_problem(dm) is None
    long_ts = {**dm, "event": {**dm["event"], "ts": "a" * 1000}}  # type: ignore[dict-item]
    assert payload_problem(long_ts) == "event.ts is longer than Slack's"
    command = {"command": "/log", "user_id": "U0REP", "team_id": "T0G9PQBBK",
               "trigger_id": "13345224609.738474920.8088930838d88f008e0", "text": "Acme"}
    assert payload_problem(command) is None
    assert payload_problem({**command, "trigger_id": "9" * 65}) == \
        "trigger_id is longer than Slack's"
