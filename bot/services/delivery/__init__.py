"""Delivery: the outbox, the sweeps and the sender that speaks at Slack's pace."""
