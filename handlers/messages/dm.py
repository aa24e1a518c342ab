"""A direct message to the bot is a log, exactly as if typed after /log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.intake import LogRequest, receive_log

IGNORED_SUBTYPES = {"message_changed", "message_deleted", "bot_message", "channel_join",
                    "message_replied"}


def handle_direct_message(ack: Ack, event: dict[str, Any], services: ServiceContext,
                          now: datetime, workspace_id: str) -> None:
    """Send me what happened, e.g. "Called Acme, Li wants a quote, send it by Friday 3pm"."""
    ack()
    if (event.get("channel_type") != "im" or event.get("bot_id") or not event.get("user")
            or event.get("subtype") in IGNORED_SUBTYPES):
        return  # only a person's own direct message is a log
    # A message is identified by its channel and ts: Slack's retries and a second event type
    # for the same message carry both unchanged.
    request = LogRequest(workspace_id=workspace_id, user_id=event["user"],
                         text=event.get("text") or "", source="dm",
                         source_key=f"msg:{event.get('channel')}:{event.get('ts')}",
                         reply_channel=event.get("channel"))
    receive_log(services, request, now)
