"""The customer card and its history."""

from __future__ import annotations

from typing import Any

from bot.catalog import N_, tr, trn
from bot.domain.classification import STAGE, direction
from bot.services.views import CustomerView, Outcome, Ownership
from handlers.blocks.care import care_card_line
from handlers.blocks.classes import AXIS_TITLES, axis_word, class_word
from handlers.blocks.customer_actions import card_actions
from handlers.blocks.customer_file import file_blocks
from handlers.blocks.customer_history import history_blocks
from handlers.blocks.i18n import t
from handlers.blocks.i18n_complaints import CATEGORY, PRIORITY, STATUS
from handlers.blocks.ownership import ownership_text
from handlers.blocks.pool import ownership_blocks
from handlers.blocks.problems import problems_text
from handlers.blocks.tasks import task_line
from handlers.blocks.text import context, notice, section, shown

WAYS = {"up": N_("⬆ upgrade"), "down": N_("⬇ downgrade")}
TITLES = {"not_found": N_("No such customer"), "invalid": N_("Not understood")}
# What the services say about a customer answer, by code (Outcome.note).
NOTES = {
    "no_such_customer": N_("No customer is called \"{name}\"."),
    "customer_gone": N_("That customer no longer exists."),
    "refused": N_("Only the people who work this customer, their team lead and admins can "
                  "see it."),
    "refused_change": N_("Only the people who work this customer, their team lead and admins "
                         "can change its classification."),
    "created": N_("Created {name}; you own it."),
    "saved": N_("Saved."),
    "tags": N_("Tags: {tags}"),
    "tags_unchanged": N_("Tags unchanged."),
    "moved": N_("{axis}: {old} → {new}"),
    "already": N_("{axis} is already {new}."),
    "bad_value": N_("{axis} cannot be set to {value}."),
    "unknown_value": N_("\"{value}\" is not a {axis} I know."),
}
# A complaint's codes as its line on the card shows them.
COMPLAINT_WORDS = {**CATEGORY, **PRIORITY, **STATUS}


def customer_message(outcome: Outcome) -> dict[str, Any]:
    """The answer to /customer."""
    lang = outcome.language or "en"
    view = outcome.customer
    if view is None:
        text = said(outcome, lang) or tr(lang, "Not found.")
        if outcome.suggestions:
            text += tr(lang, " Did you mean {names}?", names=", ".join(
                f"*{shown(name, 100)}*" for _, name in outcome.suggestions))
        blocks = [section(text)]
        if outcome.status == "invalid":
            blocks.append(context(t(lang, "customer_usage")))
        title = TITLES.get(outcome.status)
        return {"text": tr(lang, title) if title else tr(lang, "Not allowed"), "blocks": blocks}
    blocks = [section(_heading(view, lang))]
    if outcome.message or outcome.note:
        blocks.insert(0, context(said(outcome, lang)))
    if outcome.status == "history":
        blocks += ownership_blocks(view.ownership, lang, view.pool_tz)
        blocks += history_blocks(view.history, lang, view.pool_tz)
    else:
        blocks += _card(view, lang)
    return {"text": notice(shown(view.name, 200)), "blocks": blocks[:50]}


def said(outcome: Outcome, lang: str) -> str:
    """The service's words about the outcome: its note translated (the values it quotes are
    data, or codes of an axis and its values), else its message as it is."""
    if outcome.problems:
        return "\n".join(problems_text(lang, outcome.problems))
    if outcome.note not in NOTES:
        return shown(outcome.message, 300)
    values = {k: shown(v, 100) for k, v in outcome.note_values.items()}
    axis = outcome.note_values.get("axis", "")
    if axis in AXIS_TITLES:  # an axis's code; otherwise the word as it was typed
        values["axis"] = axis_word(axis, lang)
    if outcome.note in ("moved", "already"):
        values |= {"axis": tr(lang, AXIS_TITLES[axis]) if axis in AXIS_TITLES else values["axis"],
                   "old": class_word(axis, outcome.note_values.get("old") or None, lang),
                   "new": class_word(axis, outcome.note_values.get("new") or None, lang)}
    return tr(lang, NOTES[outcome.note], **values)


def classification_message(outcome: Outcome) -> dict[str, Any]:
    """The answer to `/customer NAME stage|likelihood|tier VALUE`."""
    lang = outcome.language or "en"
    view = outcome.customer
    if view is None or not view.history:
        answer = customer_message(outcome)
        if outcome.status == "invalid":
            answer["text"] = tr(lang, "Not understood")
            answer["blocks"].append(context(t(lang, "customer_usage")))
        return answer
    move = view.history[0]
    axis = axis_word(move.field, lang)
    old, new = class_word(move.field, move.old, lang), class_word(move.field, move.new, lang)
    name = shown(view.name, 200)
    if outcome.status == "unchanged":
        text = tr(lang, "*{name}* is already {axis} {value}.", name=name, axis=axis, value=new)
    else:
        way = WAYS.get(direction(move.field, move.old, move.new) or "")
        text = tr(lang, "*{name}* · {axis}: {old} → {new}", name=name, axis=axis, old=old,
                  new=new) + (" " + tr(lang, way) if way else "")
    return {"text": notice(f"{name}: {axis} {new}"),
            "blocks": [section(text), context(_classes(view, lang))]}


def _classes(view: CustomerView, lang: str) -> str:
    return tr(lang, "Tier {tier} · Stage {stage} · Likelihood {likelihood}",
              tier=class_word("tier", view.value_tier, lang),
              stage=class_word(STAGE, view.stage, lang),
              likelihood=class_word("likelihood", view.likelihood, lang))


def _heading(view: CustomerView, lang: str) -> str:
    people = ", ".join(f"<@{p}>" for p in view.people if p != view.owner_id)
    pooled = view.in_pool_since is not None  # nobody owns it: who had it is history
    owner = ownership_text(Ownership(
        view.name, None if pooled else view.owner_id, view.protected_until, view.pool_team,
        view.in_pool_since, view.owner_id, view.pool_tz), lang)
    line = f"*{shown(view.name, 200)}* · {owner}"
    lines = [line + tr(lang, " · also {people}", people=people) if people else line]
    if view.phone or view.email:
        lines.append(" · ".join(shown(v, 200) for v in (view.phone, view.email) if v))
    elif view.contact_hidden:
        lines.append(tr(lang, "_Contact details are shown to the owner, their lead and "
                              "admins._"))
    return "\n".join(lines)


def _card(view: CustomerView, lang: str) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [context(_classes(view, lang))]
    if view.dissatisfied is not None:  # the newest revisit's score was 1-3
        blocks.append(context(t(lang, "rv_flag", score=str(view.dissatisfied))))
    blocks += file_blocks(view, lang)
    dates = care_card_line(view.care_dates, lang)
    if dates:
        blocks.append(context(dates))
    if view.open_tasks:
        head = trn(lang, "*{n} open task*", "*{n} open tasks*", len(view.open_tasks))
        blocks.append(section(head + "\n" + "\n".join(
            task_line(t) for t in view.open_tasks[:10])))
    if view.recent_logs:
        blocks.append(section(tr(lang, "*Recent logs*") + "\n" + "\n".join(
            f"• {shown(log.summary, 200)}"
            + (f" → {shown(log.next_step, 100)}" if log.next_step else "")
            for log in view.recent_logs)))
    if view.complaints:
        head = trn(lang, "*{n} complaint*", "*{n} complaints*", len(view.complaints))
        blocks.append(section(head + "\n" + "\n".join(
            f"• #{c.number} · {_word(c.category, lang)} · {_word(c.priority, lang)} · "
            f"{_word(c.status, lang)} · <@{c.owner_id}> · {shown(c.text, 120)}"
            for c in view.complaints)))
    if not view.open_tasks and not view.recent_logs:
        blocks.append(context(tr(lang, "No open tasks and no logs yet.")))
    blocks.append(card_actions(view, lang))
    return blocks


def _word(code: str, lang: str) -> str:
    return tr(lang, COMPLAINT_WORDS[code]) if code in COMPLAINT_WORDS else shown(code, 40)
