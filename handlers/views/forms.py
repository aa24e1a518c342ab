"""Submitting the Edit-log and Reschedule modals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.domain.record_ids import split_id
from bot.services.context import ServiceContext
from bot.services.interactions import Reply, submit_log_edit, submit_reschedule
from bot.services.logs.editing import LogEdit, PromiseEdit
from bot.services.views import Outcome
from handlers import ids
from handlers.blocks.modals import submitted, submitted_promises
from handlers.form_calls import BELOW


def _target(view: dict[str, Any]) -> tuple[int | None, Reply]:
    record, rest = split_id(view.get("private_metadata"), "|")
    response_url, _, mode = rest.partition("|")
    return record, Reply(response_url=response_url or None, keep_message=mode == BELOW)


def handle_edit_log_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                               services: ServiceContext, now: datetime,
                               workspace_id: str) -> None:
    """Save the edited log; a time that cannot be read is shown as a field error."""
    follow_up_id, reply = _target(view)
    if follow_up_id is None:
        ack(response_action="errors", errors={ids.FIELD_SUMMARY: "This form has expired."})
        return
    edit = LogEdit(customer=submitted(view, ids.FIELD_CUSTOMER),
                   summary=submitted(view, ids.FIELD_SUMMARY),
                   next_step=submitted(view, ids.FIELD_NEXT_STEP) or None,
                   when=submitted(view, ids.FIELD_WHEN) or None,
                   more=tuple(PromiseEdit(step, title, due or None)
                              for step, title, due in submitted_promises(view)))
    outcome = submit_log_edit(services, workspace_id, body["user"]["id"], follow_up_id, edit,
                              reply, now)
    _close_or_show_errors(ack, outcome, ids.FIELD_SUMMARY)


def handle_reschedule_submission(ack: Ack, view: dict[str, Any], body: dict[str, Any],
                                 services: ServiceContext, now: datetime,
                                 workspace_id: str) -> None:
    """Move the task to the time typed."""
    task_id, reply = _target(view)
    if task_id is None:
        ack(response_action="errors", errors={ids.FIELD_WHEN: "This form has expired."})
        return
    outcome = submit_reschedule(services, workspace_id, body["user"]["id"], task_id,
                                submitted(view, ids.FIELD_WHEN), reply, now)
    _close_or_show_errors(ack, outcome, ids.FIELD_WHEN)


def _close_or_show_errors(ack: Ack, outcome: Outcome, refusal_field: str) -> None:
    """Close the modal, or keep it open with each problem under its field."""
    if outcome.errors:
        ack(response_action="errors", errors=outcome.errors)
    elif outcome.status in ("forbidden", "not_found"):
        ack(response_action="errors", errors={refusal_field: outcome.message or ""})
    else:
        ack()
