"""Requests from a workspace the bot is not installed in are refused before any listener."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltContext, BoltResponse

log = logging.getLogger(__name__)
NOT_INSTALLED = ("This bot is not installed in your workspace, so it cannot see or change "
                 "anything here. Ask an admin to install it.")


def refusal(context: BoltContext, body: dict[str, Any]) -> BoltResponse | None:
    """The answer to a request from another workspace than the bot's token's, or None to let
    it through (checked before any listener, handlers/register.py).

    The signature proves Slack sent the request, not which workspace it is for: with a
    single token, a request naming another team (or no team at all) must not reach data.
    """
    installed = context.authorize_result.team_id if context.authorize_result else None
    claimed = context.team_id or _team_in(body)
    same_org = bool(context.enterprise_id and context.authorize_result
                    and context.authorize_result.enterprise_id == context.enterprise_id)
    if installed and claimed != installed and not same_org:
        log.warning("refused a request for workspace %s (installed in %s)", claimed, installed)
        if "command" in body:
            return BoltResponse(status=200, headers={"content-type": ["application/json"]},
                                body=json.dumps({"response_type": "ephemeral",
                                                 "text": NOT_INSTALLED}))
        return BoltResponse(status=200, body="")
    return None


def _team_in(body: dict[str, Any]) -> str | None:
    team = body.get("team")
    if isinstance(team, dict):
        return team.get("id")
    return body.get("team_id") or (body.get("user") or {}).get("team_id")
