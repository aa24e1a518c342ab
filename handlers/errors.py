"""The app's error handler: log the failure, tell the user something useful, keep their text."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltRequest, BoltResponse

from handlers.blocks.text import shown

log = logging.getLogger("bot.errors")


def handle_error(error: Exception, body: dict[str, Any], request: BoltRequest) -> BoltResponse:
    """A failed slash command answers with an apology that quotes the text back; a failed
    event answers 500 so Slack delivers it again."""
    kind = body.get("type") or ("slash_command" if "command" in body else "unknown")
    log.error("listener failed on %s: %s", kind, error, exc_info=error)
    if "command" in body:
        typed = shown(str(body.get("text") or ""), 2500)
        text = ("Sorry, something went wrong on my side and this was not saved. "
                "Please try again in a minute." + (f"\nYou typed:\n>{typed}" if typed else ""))
        return BoltResponse(status=200, body=json.dumps({"response_type": "ephemeral",
                                                        "text": text}),
                            headers={"content-type": ["application/json"]})
    if kind == "event_callback":
        return BoltResponse(status=500, body="")
    return BoltResponse(status=200, body="")
