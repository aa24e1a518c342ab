"""Work done after Slack has its answer.

The rule, for every command, click and form: before the acknowledgement only what must be
there (pure validation, one INSERT, a form's trigger used at once, a form submit's checks
that need no database and answer with response_action="errors"); anything that parses, runs
several transactions or builds a review is done after it. Once Slack has its 200 it never
sends the request again, so work after the answer that must not be lost is stored before it
and done by the background worker:

- /log and a DM store the text (bot/services/logs/intake.py);
- /complaint, a complaint DM and the complaint form are stored in the inbox
  (bot/services/complaints/intake.py; bench/chaos.py lost a complaint raised by a lazy
  listener, which lives only in this process);
- every button and menu that opens no form (bot/services/clicks.py);
- the form submits Edit customer, Edit log, Reschedule and Reassign (bot/services/submits.py:
  what only the database can refuse, or a time that cannot be read, is said below the
  message the form came from, "Not saved: …");
- the commands that change something: /customer's moves, tags and `assign`, /settings
  timezone, /oncall cover, /handover and /revisit NAME service (bot/services/commands.py),
  their result replacing "working on it".

A read whose loss a crash may cost (the person asks again) runs in a lazy listener:
/customer NAME (and its history), /customers, /stats (figures over a team's period), /tasks,
/oncall, /complaints, /settings (shown), /pool, /revisit (the list), and /review, whose day
is claimed in the database and whose scheduled post follows anyway; each answers "working on
it" at once and replaces it through
the response_url (answer_read, below). A form opened from a command or a click is opened by a
lazy listener too, on the request's trigger (alive 3 seconds; the request itself answers
empty at once): `/customer new`, Edit, Reschedule, the Edit-log and complaint forms, a
revisit's reason form, a customer's card over a form. Only /team is answered inside the
acknowledgement: it reads the team configuration in memory, no database. The New-customer
form's duplicate warning is the form itself updated (response_action="update"), so its check
against the database still runs before the answer (README, Known limits).

A failure after the answer cannot reach the app's error handler: it is logged here by ids
and the person is told, as that handler would have told them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import Respond
from slack_sdk.errors import SlackClientError

from bot.catalog import N_, tr
from bot.services.commands import Command
from handlers.blocks.i18n import language_of
from handlers.errors import apology, request_ids

log = logging.getLogger("bot.errors")
# Said at once, before the person's stored language is read: in the language they typed.
WORKING = N_("⏳ Working on it…")


def working_message(typed: str) -> dict[str, Any]:
    """The acknowledgement of a command whose answer follows, in the language it was typed."""
    text = tr(language_of(typed), WORKING)
    return {"response_type": "ephemeral", "text": text,
            "blocks": [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}]}


def change_asked(command: dict[str, Any], workspace_id: str, does: str,
                 args: tuple[str, ...]) -> Command:
    """A command that changes something, to store for the worker (bot/services/commands.py):
    known by its trigger, so Slack's retry of it is stored once; answered on its
    response_url."""
    return Command(workspace_id=workspace_id, user_id=command["user_id"], does=does, args=args,
                   response_url=command.get("response_url") or None,
                   source_key=f"slash:{command.get('trigger_id') or ''}")


def answer_read(command: dict[str, Any], body: dict[str, Any], respond: Respond | None,
                read: Callable[[], dict[str, Any]], *, replace: bool = True) -> None:
    """A lazy listener's answer: the message `read` builds, in place of "working on it"
    (below the command when the acknowledgement said nothing: `replace=False`)."""
    answer_to = answer_later(command, respond)
    if answer_to is None:
        return
    with told_on_failure(body, answer_to):
        answer_to(response_type="ephemeral", replace_original=replace, **read())


def answer_later(command: dict[str, Any], respond: Respond | None) -> Respond | None:
    """Where a lazy listener answers: the command's response_url. Bolt hands a `respond`
    even when the command carries none (it raises when called): then there is nowhere."""
    return respond if command.get("response_url") else None


@contextmanager
def told_on_failure(body: dict[str, Any], respond: Callable[..., Any] | None) -> Iterator[None]:
    """Run the work; if it fails, log it by ids and tell the person in place of "working"."""
    try:
        yield
    except (SlackClientError, OSError) as unreachable:
        # The work is done and stored; only its answer could not reach the response_url
        # (expired, or Slack unreachable). Nothing to apologise for through the same URL.
        log.warning("could not answer %s: %s", request_ids(body), type(unreachable).__name__)
    except Exception as error:
        log.error("work after the answer failed on %s: %s", request_ids(body),
                  type(error).__name__, exc_info=error)
        if respond is None:
            return
        try:
            respond(response_type="ephemeral", replace_original=True, text=apology(body))
        except (SlackClientError, OSError) as failed:
            log.warning("could not tell %s: %s", request_ids(body), type(failed).__name__)
