"""The Home tab: a person's day (and a lead's team) where Slack shows an app's own page."""
