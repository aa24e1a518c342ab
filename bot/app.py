"""build_app: the Bolt app with every listener registered and the services injected."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.config import Settings
from bot.logsetup import quiet_library_logger
from bot.services.context import ServiceContext
from handlers.register import register


def build_app(settings: Settings, services: ServiceContext, client: WebClient | None = None, *,
              clock: Callable[[], datetime], verify_requests: bool = True,
              verify_token: bool = True, authorize: Callable[..., Any] | None = None,
              listener_executor: Executor | None = None) -> App:
    """The Slack app. `client` is the Web API client (tests point it at a fake Slack);
    `listener_executor` runs the work done after an acknowledgement (Bolt's pool if None)."""
    token = None if client is not None or authorize else settings.slack_bot_token
    app = App(
        token=token,  # with a client, the client's token is used
        authorize=authorize,
        signing_secret=settings.slack_signing_secret or "",
        client=client,
        process_before_response=True,
        request_verification_enabled=verify_requests,
        token_verification_enabled=verify_token,
        raise_error_for_unhandled_request=False,
        listener_executor=listener_executor,
        # Bolt writes request bodies into its messages: this logger keeps their headline.
        logger=quiet_library_logger("bot.slack", settings.secrets),
    )
    register(app, services, clock)
    return app
