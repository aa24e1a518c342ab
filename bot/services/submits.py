"""Form submits answered first: the request checks the values without the database (each
mistake comes back under its field), stores the submit (one INSERT, keyed on the form, so a
submit delivered twice is stored once) and Slack closes the form; the worker then saves it
and answers on the message the form was opened from. What only the database can tell (the
record is gone, the person may not change it, another customer has the name, a time that
cannot be read) is said there, with "Not saved", instead of under the field.

Saving and marking the submit done commit together (bot/services/inbox.py), so a worker
killed between the two saves nothing twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.domain.customer_form import check_form
from bot.services.complaints.clicks import submit_reassign
from bot.services.context import ServiceContext
from bot.services.customers.edit import edit_customer
from bot.services.customers.new_form import NEW_CUSTOMER, create_from_form
from bot.services.delivery.outbox import RESPOND, queue, queue_view_update
from bot.services.inbox import Work, process_inbox, store_asked
from bot.services.interactions import Reply, submit_log_edit, submit_reschedule
from bot.services.language import answer_language, own_language
from bot.services.logs.editing import LogEdit, PromiseEdit
from bot.services.views import Outcome, to_payload
from store.uow import UnitOfWork

SUBMIT = "submit"
# Said below the form's message, by code (handlers/blocks/refusals.py): nothing was saved,
# because of the outcome's problems, or because saving failed.
NOT_SAVED, FAILED = "not_saved", "form_failed"


@dataclass(frozen=True)
class Submit:
    """A form as submitted: who, which form (`does`, a key of DOES), the record it is about,
    the values it carried (checked already), and where its answer goes."""

    workspace_id: str
    user_id: str
    does: str
    record: int
    source_key: str  # the form itself (its view id): a submit delivered twice is stored once
    response_url: str | None = None
    keep_message: bool = False  # answer below the message the form came from
    values: dict[str, Any] = field(default_factory=dict)
    view_id: str | None = None  # a form left open ("Checking…") that the answer replaces


def receive_form_submit(ctx: ServiceContext, submit: Submit, typed: str, now: datetime) -> str:
    """Store a submit whose form stays open until it is saved; the language to say "checking"
    in (what was `typed` in it, else the person's team's)."""
    receive_submit(ctx, submit, now)  # stored once however often Slack delivers it
    return answer_language(ctx, submit.user_id, typed)


def receive_submit(ctx: ServiceContext, submit: Submit, now: datetime) -> bool:
    """Store the submit to save (one INSERT); False if this form was stored already."""
    return store_asked(ctx, SUBMIT, DOES, submit, now)


def process_received_submits(ctx: ServiceContext, now: datetime, *, batch: int = 20) -> int:
    """Save every form stored and not yet saved; how many were claimed."""
    return process_inbox(ctx, {SUBMIT: _WORK}, now, batch=batch)


def log_edit_values(edit: LogEdit) -> dict[str, Any]:
    """The Edit-log form's values as a submit stores them."""
    return asdict(edit)


def _log_edit(values: dict[str, Any]) -> LogEdit:
    more = tuple(PromiseEdit(int(p["step"]), str(p["title"]), p.get("when"))
                 for p in values.get("more") or ())
    return LogEdit(customer=values["customer"], summary=values["summary"],
                   next_step=values.get("next_step"), when=values.get("when"), more=more)


def _edit_customer(ctx: ServiceContext, s: Submit, reply: Reply, now: datetime) -> Outcome:
    checked = check_form(s.values["fields"], complete=False)
    if isinstance(checked, dict):  # checked before it was stored; only a stale row fails
        return Outcome(status="invalid", errors=checked)
    return edit_customer(ctx, s.workspace_id, s.user_id, s.record, checked,
                         dict(s.values.get("classes") or {}), now, reply.response_url)


def _reassign(ctx: ServiceContext, s: Submit, reply: Reply, now: datetime) -> Outcome:
    # A refusal is answered below the complaint (the form that would have shown it is closed).
    done = submit_reassign(ctx, s.workspace_id, s.user_id, s.record, s.values["owner"],
                           reply, now)
    return Outcome(status=done.status)


def _new_customer(ctx: ServiceContext, s: Submit, reply: Reply, now: datetime) -> Outcome:
    return create_from_form(ctx, s.workspace_id, s.user_id, s.values, view_id=s.view_id,
                            response_url=reply.response_url, now=now)


Does = Callable[[ServiceContext, Submit, Reply, datetime], Outcome]
DOES: dict[str, Does] = {
    NEW_CUSTOMER: _new_customer,
    "edit_customer": _edit_customer,
    "edit_log": lambda ctx, s, reply, now: submit_log_edit(
        ctx, s.workspace_id, s.user_id, s.record, _log_edit(s.values), reply, now),
    "reschedule": lambda ctx, s, reply, now: submit_reschedule(
        ctx, s.workspace_id, s.user_id, s.record, s.values["when"], reply, now),
    "reassign": _reassign,
}


def _save(ctx: ServiceContext, payload: dict[str, Any], received: datetime) -> None:
    s = Submit(**payload)
    reply = Reply(response_url=s.response_url, keep_message=s.keep_message)
    # As of when it was submitted: "tomorrow 9am" counts from the submit, not the save.
    outcome = DOES[s.does](ctx, s, reply, received)
    if outcome.errors:
        _tell(ctx, s, Outcome(status="invalid", message=NOT_SAVED,
                              problems=tuple(dict.fromkeys(outcome.errors.values()))), received)


def _give_up(ctx: ServiceContext, uow: UnitOfWork, payload: dict[str, Any],
             received: datetime, now: datetime) -> None:
    s = Submit(**payload)
    if s.response_url:
        _queue_told(ctx, uow, s, Outcome(status="invalid", message=FAILED), now)
    if s.view_id:  # the form still says "Checking…"
        queue_view_update(ctx, uow, workspace_id=s.workspace_id, recipient=s.user_id,
                          now=now, received=received,
                          payload={"view_id": s.view_id, "render": "failed",
                                   "lang": answer_language(ctx, s.user_id)})


def _tell(ctx: ServiceContext, s: Submit, told: Outcome, now: datetime) -> None:
    """Say below the form's message why nothing was saved (it is left as it was)."""
    if not s.response_url:
        return
    with ctx.uow() as uow:
        _queue_told(ctx, uow, s, told, now)
        uow.commit()


def _queue_told(ctx: ServiceContext, uow: UnitOfWork, s: Submit, told: Outcome,
                now: datetime) -> None:
    """Queue `told` (a code and its problems) in the submitter's own language."""
    lang = own_language(ctx, s.user_id, uow)
    queue(ctx, uow, workspace_id=s.workspace_id, kind=RESPOND, recipient=s.user_id, now=now,
          payload={"response_url": s.response_url, "render": "task", "replace": False,
                   "outcome": to_payload(replace(told, language=lang))})



_WORK = Work(do=_save, give_up=_give_up, with_its_request=True)
