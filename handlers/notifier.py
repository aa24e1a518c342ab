"""The Slack implementation of the services' Notifier: renders, then calls the Web API."""

from __future__ import annotations

import base64
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

from bot.services.ports import DeliveryError, OutgoingMessage, Receipt
from handlers.render import UPLOAD, render

log = logging.getLogger(__name__)
# Errors that a retry cannot fix: the message is given up on (and logged) at once.
PERMANENT = {"channel_not_found", "user_not_found", "invalid_auth", "account_inactive",
             "token_revoked", "not_in_channel", "is_archived", "expired_trigger_id",
             "invalid_blocks", "invalid_arguments", "msg_too_long", "no_text", "used_url",
             "missing_scope", "cannot_dm_bot", "user_disabled"}


def retry_handlers() -> list[Any]:
    """Connection errors and 5xx answers are retried. A 429 is not: slack_sdk's handler
    would sleep out Retry-After in the sending thread, holding every other message; the
    sender defers that one message instead (bot/services/delivery/dispatch.py)."""
    return [ConnectionErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2)]


def _retry_after(headers: Any) -> float:
    """Slack's Retry-After (seconds) from a 429's headers; 1 s when it is missing or odd."""
    values = {str(k).lower(): v for k, v in dict(headers or {}).items()}
    raw = values.get("retry-after")
    raw = raw[0] if isinstance(raw, list) and raw else raw
    try:
        return max(0.0, float(str(raw)))
    except (TypeError, ValueError):
        return 1.0


def make_web_client(token: str | None, base_url: str) -> WebClient:
    """The Web API client every send goes through, with Slack's retry handlers enabled."""
    return WebClient(token=token, base_url=base_url, timeout=10,
                     retry_handlers=retry_handlers())


def installed_workspace(client: WebClient) -> str | None:
    """The workspace of the bot's token (auth.test), where team channels are posted to."""
    try:
        team = client.auth_test().get("team_id")
    except (SlackApiError, SlackClientError, OSError) as exc:
        log.error("could not learn the bot's workspace (auth.test): %s; nightly reviews "
                  "will not be posted until the bot is restarted", exc)
        return None
    return str(team) if team else None


class SlackNotifier:
    """Delivers outgoing messages through slack_sdk."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def route(self, message: OutgoingMessage) -> tuple[str, str]:
        call = render(message)
        return call.method, str(call.args.get("channel") or call.args.get("url") or "")

    def deliver(self, message: OutgoingMessage) -> Receipt:
        call = render(message)
        try:
            if call.method == "response_url":
                args = dict(call.args)
                url = args.pop("url")
                hook = WebhookClient(url, timeout=10, retry_handlers=retry_handlers())
                sent = hook.send_dict(args)
                if sent.status_code == 429:
                    raise DeliveryError("response_url: ratelimited",
                                        retry_after=_retry_after(sent.headers))
                if sent.status_code != 200:
                    raise DeliveryError(f"response_url answered {sent.status_code}: {sent.body}",
                                        permanent=sent.status_code in (404, 410))
                return Receipt()
            if call.method == UPLOAD:
                return self._upload(call.args)
            response = self.client.api_call(call.method, json=call.args) \
                if call.method != "users.info" else self.client.users_info(**call.args)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            if exc.response.status_code == 429:
                raise DeliveryError(f"{call.method}: ratelimited",
                                    retry_after=_retry_after(exc.response.headers)) from exc
            if call.method == "reactions.add" and error == "already_reacted":
                return Receipt()  # a repeated send after a crash: the reaction is there
            raise DeliveryError(f"{call.method}: {error}", permanent=error in PERMANENT) from exc
        except (SlackClientError, OSError) as exc:
            raise DeliveryError(f"{call.method}: {type(exc).__name__}: {exc}") from exc
        data = response.data if isinstance(response.data, dict) else {}
        if call.method == "users.info":
            user = data.get("user") or {}
            return Receipt(data={"tz": user.get("tz"), "locale": user.get("locale"),
                                 "name": user.get("real_name") or user.get("name")})
        return Receipt(channel=data.get("channel"), ts=data.get("ts"))

    def _upload(self, args: dict[str, Any]) -> Receipt:
        """files_upload_v2: an upload URL, the bytes, then the file shared in the thread."""
        done = self.client.files_upload_v2(
            channel=args["channel"], thread_ts=args.get("thread_ts"),
            content=base64.b64decode(args["content_b64"]), filename=args["filename"],
            title=args.get("title"), alt_txt=args.get("alt_txt"))
        data = done.data if isinstance(done.data, dict) else {}
        return Receipt(channel=args["channel"], data={"file": (data.get("file") or {}).get("id")})
