"""Controls under a revisit's task: Reached (with the score), No answer, Wrong number, Call
back later; and Raise complaint after a low score."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.domain.record_ids import record_id
from bot.domain.revisit_outcomes import REACHED, SATISFIED_FROM
from bot.services.context import ServiceContext
from bot.services.revisits.clicks import click_args
from bot.services.revisits.forms import open_reason_form, open_revisit_complaint
from handlers import ids
from handlers.actions.clicks import chosen, do_after_answer, refuse, reply_to, target
from handlers.open_form import open_form


def handle_revisit_outcome(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                           services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """No answer, Wrong number, Call back later: recorded, and the call comes back on the
    next working day until its tries are used."""
    revisit_id, try_no = target(action)
    do_after_answer(services, workspace_id, body, "revisit", revisit_id,
                    click_args(try_no, ids.REVISIT_OUTCOMES[action["action_id"]]), now)
    ack()


def ack_revisit_score(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                      services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """Reached, with the customer's score: 4 or 5 is recorded at once; 1 to 3 asks why in a
    small form."""
    revisit_id, try_no, tries, score = _score(action)
    if revisit_id is None or tries is None or score is None or score >= SATISFIED_FROM:
        # Recorded by the worker, which also answers an option it cannot read.
        do_after_answer(services, workspace_id, body, "revisit", revisit_id,
                        click_args(try_no, REACHED, score), now)
    ack()


def _score(action: dict[str, Any]) -> tuple[int | None, str, int | None, int | None]:
    revisit_id, rest = chosen(action)
    try_no, _, score_text = rest.partition(":")
    return revisit_id, try_no, record_id(try_no), record_id(score_text)


def handle_revisit_score(action: dict[str, Any], body: dict[str, Any],
                         services: ServiceContext, now: datetime, workspace_id: str,
                         client: WebClient, respond: Respond | None = None) -> None:
    """A score of 1 to 3: the form asking why, after the answer (others were stored)."""
    revisit_id, _, tries, score = _score(action)
    if revisit_id is None or tries is None or score is None or score >= SATISFIED_FROM:
        return
    form = open_reason_form(services, workspace_id, body["user"]["id"], revisit_id, tries,
                            score, reply_to(body, form=True), now)
    if form is not None:
        open_form(client, form, body["user"]["id"], respond)


def handle_revisit_complaint(action: dict[str, Any], body: dict[str, Any],
                             services: ServiceContext, now: datetime, workspace_id: str,
                             client: WebClient, respond: Respond | None = None) -> None:
    """Raise complaint opens the complaint form filled in from the revisit (raising it is
    your call)."""
    revisit_id, _ = target(action)
    if revisit_id is None:
        refuse(services, workspace_id, body, now)
        return
    form = open_revisit_complaint(services, workspace_id, body["user"]["id"], revisit_id,
                                  reply_to(body, form=True), now)
    if form is not None:
        open_form(client, form, body["user"]["id"], respond)
