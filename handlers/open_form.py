"""Opening a form from the request itself, with the request's Web API client: a trigger_id
lives 3 seconds, so a form never waits in the outbox behind other sends. If Slack does not
open it, the person who asked is told so (a form that silently never appears reads as a
dead button)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeGuard

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.services.forms import Form
from handlers.blocks.text import clean_payload
from handlers.form_calls import form_call

log = logging.getLogger("bot.forms")
# The trigger is dead 3 s after the click, so waiting longer cannot help; and the request's
# own answer leaves only when the listener returns, so it must not be held longer either.
OPEN_TIMEOUT_SECONDS = 2
FAILED_TEXT = ("Sorry, Slack did not open the form ({reason}). Please try again.\n"
               "抱歉,表单没能打开({reason}),请再试一次。")


def open_form(client: WebClient, form: Form, user: str,
              respond: Callable[..., Any] | None) -> bool:
    """Open the form now; on failure tell `user` (where they clicked, else in a DM)."""
    method, args = form_call(form.payload)
    client.timeout = OPEN_TIMEOUT_SECONDS
    client.retry_handlers = []  # a 429's Retry-After outlives the trigger: say so instead
    try:
        client.api_call(method, json=args)
        return True
    except SlackApiError as error:
        reason = str(error.response.get("error") or error.response.status_code)
    except (SlackClientError, OSError) as error:
        reason = type(error).__name__
    log.warning("could not open form %s for user %s: %s", form.payload.get("modal"), user,
                reason)
    said = clean_payload({"text": FAILED_TEXT.format(reason=reason[:80])})
    try:
        if _has_response_url(respond):
            respond(response_type="ephemeral", replace_original=False, **said)
        else:
            client.api_call("chat.postMessage", json={"channel": user, **said})
    except (SlackClientError, OSError) as error:
        log.warning("could not tell user %s the form failed: %s", user, type(error).__name__)
    return False


def _has_response_url(respond: Callable[..., Any] | None) -> TypeGuard[Callable[..., Any]]:
    # Bolt hands every listener a `respond`, also when the request carried no response_url
    # (a shortcut without one, a button inside a form): calling it then raises ValueError,
    # so the person is told in a DM instead.
    return respond is not None and bool(getattr(respond, "response_url", None))
