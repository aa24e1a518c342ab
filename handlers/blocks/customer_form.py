"""The customer form (new, confirm "create anyway", edit) and reading what was submitted."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.catalog import N_, tr
from bot.domain.care_dates import FILE_KINDS, NAMED_FIELD, field_date
from bot.domain.customer_form import KIND_LABELS, LABELS, SOURCE_LABELS
from bot.domain.record_ids import record_ids
from bot.services.customers.create import Match
from handlers import ids
from handlers.blocks.classes import AXIS_TITLES, axis_options
from handlers.blocks.i18n import t
from handlers.blocks.ownership import ownership_text
from handlers.blocks.text import plain, plain_block, shown

FOR_COMPANY = ("industry", "size", "contact_person", "contact_title")
_FOR_COMPANY, _CONTACT = N_("Required for a company."), N_(
    "A phone number or an e-mail address is required.")
HINTS = {"industry": _FOR_COMPANY, "size": _FOR_COMPANY, "contact_person": _FOR_COMPANY,
         "contact_title": _FOR_COMPANY, "occupation": N_("Required for a person."),
         "phone": _CONTACT, "email": _CONTACT,
         "tags": N_("Separated by commas: urgent, manufacturing, 2026-Q3 intent"),
         "first_contact": N_("The day of the first contact."),
         "birthday": N_("A yearly reminder comes a few days ahead (the year is not needed)."),
         "anniversary": N_("The company's founding day: a yearly reminder comes ahead of it."),
         "renewal": N_("Reminded 30 days and a few days ahead, every year from this one.")}
ORDER = ("kind", "name", "industry", "size", "occupation", "contact_person", "contact_title",
         "phone", "email", "needs", "source_channel", "first_contact", "tags", *FILE_KINDS)
REQUIRED_INPUTS = ("kind", "name", "needs", "source_channel", "first_contact")
INPUT_LIMIT = 3000
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a datepicker refuses anything else
AXIS_LABELS = AXIS_TITLES


def customer_form(callback_id: str, values: Mapping[str, str], *, title: str, submit: str,
                  private_metadata: str = "", contact: bool = True,
                  top: Sequence[dict[str, Any]] = (),
                  classes: Mapping[str, str | None] | None = None,
                  named: Sequence[str] = (), lang: str = "en") -> dict[str, Any]:
    """The modal with every field of the file, filled with `values`; without phone and
    e-mail when the person may not see them; with tier, stage and likelihood menus when
    `classes` (their current values) is given; a date field for each of the team's `named`
    dates (CRM_CONFIG care.named); in the reader's `lang` (what was typed stays as typed)."""
    blocks: list[dict[str, Any]] = list(top)
    for field in (*ORDER, *(NAMED_FIELD + n for n in named)):
        if field in ("phone", "email") and not contact:
            continue
        if len(values.get(field, "")) > INPUT_LIMIT:  # Slack's input holds 3,000 characters
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
                tr(lang, "{field} is longer than a Slack form holds: it is left out of this "
                         "form and kept as it is.", field=tr(lang, LABELS[field])))}]})
            continue
        blocks.append(_input(field, values.get(field, ""), lang))
    for axis, current in (classes or {}).items():
        blocks.append(_axis_input(axis, current, lang))
    if not contact:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
            tr(lang, "Phone and e-mail are shown to and changed by the owner, their lead and "
                     "admins only."))}]})
    return {"type": "modal", "callback_id": callback_id,
            "private_metadata": private_metadata[:3000],
            "title": {"type": "plain_text", "text": title},
            "submit": {"type": "plain_text", "text": submit},
            "close": {"type": "plain_text", "text": tr(lang, "Cancel")}, "blocks": blocks}


def _input(field: str, value: str, lang: str) -> dict[str, Any]:
    element: dict[str, Any]
    if field in ("kind", "source_channel"):
        labels = KIND_LABELS if field == "kind" else SOURCE_LABELS
        options = [_option(v, tr(lang, label)) for v, label in labels.items()]
        element = {"type": "static_select", "action_id": field, "options": options,
                   "placeholder": {"type": "plain_text", "text": tr(lang, "Choose")}}
        if value in labels:
            element["initial_option"] = _option(value, tr(lang, labels[value]))
    elif field == "first_contact" or field_date(field) is not None:
        element = {"type": "datepicker", "action_id": field}
        if DAY.fullmatch(value):
            element["initial_date"] = value
    else:
        element = {"type": "plain_text_input", "action_id": field,
                   "multiline": field == "needs"}
        if value:
            element["initial_value"] = plain_block(value, INPUT_LIMIT)
    block: dict[str, Any] = {"type": "input", "block_id": field,
                             "optional": field not in REQUIRED_INPUTS,
                             "label": {"type": "plain_text", "text": plain(
                                 tr(lang, LABELS[field]) if field in LABELS
                                 else field[len(NAMED_FIELD):])[:150]},
                             "element": element}
    if field in HINTS:
        block["hint"] = {"type": "plain_text", "text": tr(lang, HINTS[field])}
    return block


def _axis_input(axis: str, current: str | None, lang: str) -> dict[str, Any]:
    options = [_option(v, label) for v, label in axis_options(axis, lang)]
    element: dict[str, Any] = {"type": "static_select", "action_id": axis, "options": options,
                               "placeholder": {"type": "plain_text", "text": tr(lang, "Not set")}}
    chosen = next((o for o in options if o["value"] == current), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return {"type": "input", "block_id": axis, "optional": True, "element": element,
            "label": {"type": "plain_text", "text": tr(lang, AXIS_LABELS[axis])}}


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": plain(label)}, "value": value}


def form_values(view: Mapping[str, Any]) -> dict[str, str]:
    """What was typed or chosen in each field of a submitted customer form ('' when empty);
    a field the form did not have is absent."""
    found: dict[str, str] = {}
    for block_id, inputs in (view.get("state", {}).get("values", {}) or {}).items():
        if (block_id not in (*ORDER, *AXIS_LABELS) and not block_id.startswith(NAMED_FIELD)) \
                or not isinstance(inputs, dict):
            continue
        state = inputs.get(block_id) or {}
        option = state.get("selected_option") or {}
        value = state.get("value") or option.get("value") or state.get("selected_date") or ""
        found[block_id] = str(value)
    return found


def duplicate_warning(matches: Sequence[Match], *, name_taken: bool, lang: str = "en"
                      ) -> list[dict[str, Any]]:
    """The warning above the form: each existing customer it matches, whose it is (owner and
    protection, or its pool), with a button to open it, and what the user can do."""
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": (
        t(lang, "dup_title"))}}]
    for m in matches[:10]:
        what = t(lang, f"dup_{m.what}") if m.what in ("name", "phone", "email") else \
            shown(m.what, 40)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": t(
            lang, "dup_line", name=shown(m.name, 200), what=what,
            standing=ownership_text(m.standing, lang))},
            "accessory": {"type": "button", "action_id": ids.CUSTOMER_OPEN,
                          "value": str(m.id),
                          "text": {"type": "plain_text", "text": t(lang, "dup_open")}}})
    advice = t(lang, "dup_taken" if name_taken else "dup_anyway")
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": advice}]})
    blocks.append({"type": "divider"})
    return blocks


def confirm_form(values: Mapping[str, str], matches: Sequence[Match],
                 *, name_taken: bool, private_metadata: str, lang: str = "en",
                 refused: bool = False) -> dict[str, Any]:
    """The form again, as typed, under the warning: "Create anyway" unless the name is
    taken (then only another name helps; `refused`: it was submitted again unchanged)."""
    top = duplicate_warning(matches, name_taken=name_taken, lang=lang)
    if refused:
        top.insert(0, {"type": "section", "text": {"type": "mrkdwn",
                                                   "text": f"*{t(lang, 'new_refused')}*"}})
    return customer_form(ids.VIEW_CUSTOMER_CONFIRM, values, title=tr(lang, "New customer"),
                         submit=tr(lang, "Create") if name_taken else tr(lang, "Create anyway"),
                         private_metadata=private_metadata, top=top,
                         named=[k[len(NAMED_FIELD):] for k in values
                                if k.startswith(NAMED_FIELD)], lang=lang)


def new_form_metadata(warned: Sequence[int], response_url: str | None, round_: int) -> str:
    """The New form's private_metadata: the customers it warned about, where the new card
    goes, and how many times it was put back (a submit of each round is a new request)."""
    return f"{','.join(map(str, warned))}|{response_url or ''}|{round_}"


def read_new_form_metadata(view: Mapping[str, Any]) -> tuple[list[int], str | None, int]:
    """(customers warned about, response_url, round) from a submitted New or Confirm form;
    a form opened before rounds were counted reads as round 0."""
    head, _, rest = str(view.get("private_metadata", "")).partition("|")
    response_url, _, round_ = rest.partition("|")
    counted = round_.isascii() and round_.isdigit() and len(round_) < 6  # what the bot wrote
    return record_ids(head), response_url or None, int(round_) if counted else 0


def new_form_notice(lang: str, key: str = "new_checking") -> dict[str, Any]:
    """The New form as a notice: "Checking for similar customers…" while the worker looks
    for look-alikes, or that it failed. Without a submit button, a second press cannot send
    the form again."""
    return {"type": "modal", "callback_id": ids.VIEW_CUSTOMER_NEW,
            "title": {"type": "plain_text", "text": t(lang, "new_title")},
            "close": {"type": "plain_text", "text": t(lang, "new_close")},
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": t(lang, key)}}]}
