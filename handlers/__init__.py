"""Everything that speaks Slack.

The app runs with process_before_response=True: a listener's whole body runs before Slack
gets its HTTP answer, so the service call is quick database work only (every Web API call
is queued and sent after). A slash command's ack carries the rendered answer, which makes
Slack show it at once without any Web API call; that is why /log acks last.
"""
