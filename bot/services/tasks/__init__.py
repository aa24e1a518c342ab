"""Tasks: opened from logs and cadences, done, snoozed, rescheduled; the leads' digest."""
