"""Logs: taking a rep's log in, reading it in a box, fixing, sharing and undoing it."""
