"""Messages the bot reads: a direct message to it, and a rep's reply in their review thread."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.complaint_text import complaint_body
from bot.services.complaints.intake import receive_complaint
from bot.services.complaints.raising import ComplaintRequest
from bot.services.context import ServiceContext
from bot.services.logs.intake import LogRequest, receive_log
from bot.services.review.replies import receive_thread_reply

IGNORED_SUBTYPES = {"message_changed", "message_deleted", "bot_message", "channel_join",
                    "message_replied"}
CHANNEL_TYPES = ("channel", "group")  # public and private channels (a team channel)


def handle_direct_message(ack: Ack, event: dict[str, Any], services: ServiceContext,
                          now: datetime, workspace_id: str) -> None:
    """Send me what happened, e.g. "Called Acme, Li wants a quote, send it by Friday 3pm";
    or reply in your part of the nightly review's thread, the same way."""
    ack()
    if event.get("bot_id") or not event.get("user") or event.get("subtype") in IGNORED_SUBTYPES:
        return  # only a person's own message is a log
    kind = event.get("channel_type")
    if kind in CHANNEL_TYPES:
        _thread_reply(event, services, now, workspace_id)
        return
    if kind != "im":
        return
    # A message is identified by its channel and ts: Slack's retries and a second event type
    # for the same message carry both unchanged.
    key = f"msg:{event.get('channel')}:{event.get('ts')}"
    body = complaint_body(event.get("text") or "")
    if body is not None:  # "complaint: …", "投诉:…": the complaint flow, not a log (raised
        # by the worker after the answer, like a log is read)
        receive_complaint(services, ComplaintRequest(
            workspace_id=workspace_id, user_id=event["user"], text=event.get("text") or "",
            body=body, source="dm", source_key=key, reply_channel=event.get("channel")), now)
        return
    request = LogRequest(workspace_id=workspace_id, user_id=event["user"],
                         text=event.get("text") or "", source="dm", source_key=key,
                         reply_channel=event.get("channel"))
    receive_log(services, request, now)


def _thread_reply(event: dict[str, Any], services: ServiceContext, now: datetime,
                  workspace_id: str) -> None:
    """Only a reply inside a thread may be a review reply: a channel's other messages are
    dropped here, without a database look-up."""
    thread, ts = event.get("thread_ts"), event.get("ts")
    if not thread or not ts or thread == ts:
        return
    receive_thread_reply(services, workspace_id, str(event.get("channel")), str(thread),
                         str(ts), event["user"], event.get("text") or "", now)
