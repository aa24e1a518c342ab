"""Submitting the Edit-log and Reschedule modals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.problems import problem
from bot.domain.record_ids import split_id
from bot.services.context import ServiceContext
from bot.services.language import own_language
from bot.services.logs.editing import LogEdit, PromiseEdit
from bot.services.submits import Submit, log_edit_values, receive_submit
from handlers import ids
from handlers.blocks.modals import submit_key, submitted, submitted_promises
from handlers.blocks.problems import field_errors
from handlers.form_calls import BELOW


def _target(view: dict[str, Any]) -> tuple[int | None, str | None, bool]:
    record, rest = split_id(view.get("private_metadata"), "|")
    response_url, _, mode = rest.partition("|")
    return record, response_url or None, mode == BELOW


def handle_edit_log_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                               services: ServiceContext, now: datetime,
                               workspace_id: str) -> None:
    """Save the edited log; a time that cannot be read is said below the log."""
    follow_up_id, response_url, below = _target(view)
    if follow_up_id is None:
        lang = own_language(services, body["user"]["id"])
        ack(response_action="errors", errors=field_errors(lang, {
            ids.FIELD_SUMMARY: problem("form_expired")}))
        return
    edit = LogEdit(customer=submitted(view, ids.FIELD_CUSTOMER),
                   summary=submitted(view, ids.FIELD_SUMMARY),
                   next_step=submitted(view, ids.FIELD_NEXT_STEP) or None,
                   when=submitted(view, ids.FIELD_WHEN) or None,
                   more=tuple(PromiseEdit(step, title, due or None)
                              for step, title, due in submitted_promises(view)))
    # Stored (one INSERT) and saved by the worker after Slack's answer: reading the times
    # and saving the log is not done while Slack waits (bot/services/submits.py).
    receive_submit(services, Submit(
        workspace_id=workspace_id, user_id=body["user"]["id"], does="edit_log",
        record=follow_up_id, source_key=submit_key(body, view), response_url=response_url,
        keep_message=below, values=log_edit_values(edit)), now)
    ack()


def handle_reschedule_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                 services: ServiceContext, now: datetime,
                                 workspace_id: str) -> None:
    """Move the task to the time typed."""
    task_id, response_url, below = _target(view)
    when = submitted(view, ids.FIELD_WHEN).strip()
    if task_id is None or not when:
        lang = own_language(services, body["user"]["id"])
        ack(response_action="errors", errors=field_errors(lang, {
            ids.FIELD_WHEN: problem("say_when" if task_id else "form_expired")}))
        return
    receive_submit(services, Submit(
        workspace_id=workspace_id, user_id=body["user"]["id"], does="reschedule",
        record=task_id, source_key=submit_key(body, view), response_url=response_url,
        keep_message=below, values={"when": when}), now)
    ack()
