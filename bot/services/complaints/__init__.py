"""Complaints: raising, routing to whoever is on duty, clocks, escalation and figures."""
