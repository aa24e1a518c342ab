"""A rep's message in their nightly review thread is their log, taken in like a DM."""

from __future__ import annotations

from datetime import datetime

from bot.services.context import ServiceContext
from bot.services.logs.intake import LogRequest, receive_log
from bot.services.views import Outcome

SOURCE = "review"


def receive_thread_reply(ctx: ServiceContext, workspace_id: str, channel: str, thread_ts: str,
                         ts: str, user: str, text: str, now: datetime) -> Outcome | None:
    """Store a rep's message in their review thread as their log (once per message);
    None, and nothing stored, for anyone else's message or a thread that is not a review."""
    with ctx.uow() as uow:
        if uow.review_threads.for_rep(workspace_id, channel, thread_ts, user) is None:
            return None
    if not text.strip():
        return None  # a file or an emoji alone: nothing to read
    # Keyed like a DM, on the channel and ts: Slack's retries carry both unchanged.
    return receive_log(ctx, LogRequest(
        workspace_id=workspace_id, user_id=user, text=text, source=SOURCE,
        source_key=f"msg:{channel}:{ts}", reply_channel=channel, reply_thread_ts=thread_ts,
        source_ts=ts), now)
