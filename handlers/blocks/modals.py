"""The Edit-log and Reschedule modals, and reading their submitted values."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.catalog import tr
from bot.services.logs.editing import promise_field
from bot.services.views import FollowUpView
from handlers import ids
from handlers.blocks.text import clock_text, day_text, plain, plain_block

# A modal holds 100 blocks; a log with more promises than this keeps the rest as they are.
MAX_PROMISES = 20


def _input(block_id: str, label: str, initial: str | None, *, multiline: bool = False,
           optional: bool = False, hint: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": block_id,
                               "multiline": multiline}
    if initial:
        element["initial_value"] = plain_block(initial, 3000)
    block: dict[str, Any] = {"type": "input", "block_id": block_id, "optional": optional,
                             "label": {"type": "plain_text", "text": label},
                             "element": element}
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def _typed_when(due: datetime | None, precision: str | None, tz: str, lang: str) -> str | None:
    """A due time as words the form reads back ("Fri, 27 Nov 2026 15:00", "2026年11月27日周五
    15:00"), without its zone (the form's hint names it)."""
    if due is None:
        return None
    local = due.astimezone(ZoneInfo(tz))
    day = day_text(local.date(), lang)
    return day if precision == "day" else f"{day} {clock_text(local, lang)}"


def _when_hint(lang: str, tz: str) -> str:
    return tr(lang, "In words: “Friday 3pm”, “明天上午10点”. Your zone: {zone}.", zone=tz)


def edit_log_modal(fu: FollowUpView, lang: str = "en") -> dict[str, Any]:
    """The modal that edits a log's fields and each of its promises, in the reader's
    language; due times are typed in words; emptying a further promise's two fields drops
    it."""
    hint = _when_hint(lang, fu.tz)
    promises: list[dict[str, Any]] = []
    for number, more in enumerate(fu.more_tasks[:MAX_PROMISES], start=2):
        promises += [
            _input(promise_field(ids.FIELD_NEXT_STEP, more.step),
                   tr(lang, "Next step {number}", number=number), more.label, optional=True,
                   hint=tr(lang, "Empty this and its due to drop it.")),
            _input(promise_field(ids.FIELD_WHEN, more.step), tr(lang, "Due {number}",
                                                                 number=number),
                   _typed_when(more.due, more.precision, fu.tz, lang), optional=True,
                   hint=hint)]
    return {
        "type": "modal", "callback_id": ids.VIEW_EDIT_LOG, "private_metadata": str(fu.id),
        "title": {"type": "plain_text", "text": plain(tr(lang, "Edit log"), 24)},
        "submit": {"type": "plain_text", "text": plain(tr(lang, "Save"), 24)},
        "close": {"type": "plain_text", "text": plain(tr(lang, "Cancel"), 24)},
        "blocks": [
            _input(ids.FIELD_CUSTOMER, tr(lang, "Customer"), fu.customer or fu.customer_guess),
            _input(ids.FIELD_SUMMARY, tr(lang, "What happened"), fu.summary, multiline=True),
            _input(ids.FIELD_NEXT_STEP, tr(lang, "Next step"), fu.next_step, optional=True),
            _input(ids.FIELD_WHEN, tr(lang, "Due"),
                   _typed_when(fu.due, fu.due_precision, fu.tz, lang), optional=True,
                   hint=hint),
            *promises,
            {"type": "context", "elements": [{"type": "plain_text", "text": plain(
                tr(lang, "You typed: {text}", text=fu.raw_text), 2000)}]},
        ],
    }


def reschedule_modal(task_id: int, title: str, lang: str = "en") -> dict[str, Any]:
    """The modal that asks for a task's new due time, in the reader's language."""
    return {
        "type": "modal", "callback_id": ids.VIEW_RESCHEDULE, "private_metadata": str(task_id),
        "title": {"type": "plain_text", "text": plain(tr(lang, "Reschedule"), 24)},
        "submit": {"type": "plain_text", "text": plain(tr(lang, "Reschedule"), 24)},
        "close": {"type": "plain_text", "text": plain(tr(lang, "Cancel"), 24)},
        "blocks": [
            {"type": "section", "text": {"type": "plain_text",
                                          "text": plain_block(title, 2000)}},
            _input(ids.FIELD_WHEN, tr(lang, "New due time"), None,
                   hint=tr(lang, "In words: “next Tuesday 10am”, “下周三下午两点”.")),
        ],
    }


def submitted(view: dict[str, Any], block_id: str) -> str:
    """The text typed into one input of a submitted modal ('' when left empty)."""
    values = view.get("state", {}).get("values", {})
    value = values.get(block_id, {}).get(block_id, {}).get("value")
    return str(value or "")


def submitted_block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    """The state of one input of a submitted modal, whatever its action_id."""
    values = (view.get("state") or {}).get("values") or {}
    return next(iter((values.get(block_id) or {}).values()), {}) or {}


def submitted_choice(view: dict[str, Any], block_id: str) -> str | None:
    """The value of the option picked in one menu of a submitted modal (None: none)."""
    option = submitted_block(view, block_id).get("selected_option") or {}
    value = option.get("value")
    return value if isinstance(value, str) else None


def submitted_promises(view: dict[str, Any]) -> list[tuple[int, str, str]]:
    """A submitted Edit form's further promises: (step, next step, due) as typed."""
    steps = []
    for key in view.get("state", {}).get("values", {}):
        name, _, number = key.rpartition("_")
        if name == ids.FIELD_NEXT_STEP and number.isdigit():
            steps.append(int(number))
    return [(step, submitted(view, promise_field(ids.FIELD_NEXT_STEP, step)),
             submitted(view, promise_field(ids.FIELD_WHEN, step))) for step in sorted(steps)]


def submit_key(body: dict[str, Any], view: dict[str, Any]) -> str:
    """What names one submit of a form: its view (closed once submitted, so a second delivery
    of the same submit has the same view), else the request's trigger."""
    return f"form:{view.get('id') or body.get('trigger_id') or ''}"
