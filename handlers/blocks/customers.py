"""The customer card and its history."""

from __future__ import annotations

from typing import Any

from bot.domain.classification import AXIS_NAMES, STAGE, direction, display
from bot.services.views import ChangeView, CustomerView, Outcome, Ownership
from handlers.blocks.care import care_card_line
from handlers.blocks.customer_actions import card_actions
from handlers.blocks.customer_file import file_blocks
from handlers.blocks.i18n import language_of, t
from handlers.blocks.ownership import ownership_text
from handlers.blocks.pool import ownership_blocks
from handlers.blocks.tasks import task_line
from handlers.blocks.text import context, notice, section, shown, when

CUSTOMER_USAGE = t("en", "customer_usage")
FIELD_NAMES = {"value_tier": "tier"}  # the audit trail names columns; people read axes
WAYS = {"up": " ⬆ upgrade", "down": " ⬇ downgrade"}
HISTORY_SHOWN = 30
TITLES = {"not_found": "No such customer", "invalid": "Not understood"}


def customer_message(outcome: Outcome) -> dict[str, Any]:
    """The answer to /customer."""
    view = outcome.customer
    if view is None:
        text = shown(outcome.message or "Not found.", 300)
        if outcome.suggestions:
            text += " Did you mean " + ", ".join(
                f"*{shown(name, 100)}*" for _, name in outcome.suggestions) + "?"
        blocks = [section(text)]
        if outcome.status == "invalid":
            blocks.append(context(CUSTOMER_USAGE))
        return {"text": TITLES.get(outcome.status, "Not allowed"), "blocks": blocks}
    blocks = [section(_heading(view, outcome.language or "en"))]
    if outcome.message:
        blocks.insert(0, context(shown(outcome.message, 300)))
    if outcome.status == "history":
        blocks += ownership_blocks(view.ownership, outcome.language or "en")
        blocks += _history(view.history)
    else:
        blocks += _card(view)
    return {"text": notice(shown(view.name, 200)), "blocks": blocks[:50]}


def classification_message(outcome: Outcome) -> dict[str, Any]:
    """The answer to `/customer NAME stage|likelihood|tier VALUE`."""
    view = outcome.customer
    if view is None or not view.history:
        answer = customer_message(outcome)
        if outcome.status == "invalid":
            answer["text"] = "Not understood"
            answer["blocks"].append(context(CUSTOMER_USAGE))
        return answer
    move = view.history[0]
    old, new = display(move.field, move.old), display(move.field, move.new)
    if outcome.status == "unchanged":
        text = f"*{shown(view.name, 200)}* is already {AXIS_NAMES[move.field][0]} {new}."
    else:
        text = (f"*{shown(view.name, 200)}* · {AXIS_NAMES[move.field][0]}: {old} → {new}"
                + WAYS.get(direction(move.field, move.old, move.new) or "", ""))
    return {"text": notice(f"{shown(view.name, 200)}: {AXIS_NAMES[move.field][0]} {new}"),
            "blocks": [section(text), context(_classes(view))]}


def _classes(view: CustomerView) -> str:
    return (f"Tier {display('tier', view.value_tier)} · "
            f"Stage {display(STAGE, view.stage)} · "
            f"Likelihood {display('likelihood', view.likelihood)}")


def _heading(view: CustomerView, lang: str) -> str:
    people = ", ".join(f"<@{p}>" for p in view.people if p != view.owner_id)
    pooled = view.in_pool_since is not None  # nobody owns it: who had it is history
    owner = ownership_text(Ownership(
        view.name, None if pooled else view.owner_id, view.protected_until, view.pool_team,
        view.in_pool_since, view.owner_id, view.pool_tz), lang)
    lines = [f"*{shown(view.name, 200)}* · {owner}" + (f" · also {people}" if people else "")]
    if view.phone or view.email:
        lines.append(" · ".join(shown(v, 200) for v in (view.phone, view.email) if v))
    elif view.contact_hidden:
        lines.append("_Contact details are shown to the owner, their lead and admins._")
    return "\n".join(lines)


def _card(view: CustomerView) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [context(_classes(view))]
    if view.dissatisfied is not None:  # the newest revisit's score was 1-3
        blocks.append(context(t(language_of(view.name), "rv_flag",
                                score=str(view.dissatisfied))))
    blocks += file_blocks(view)
    dates = care_card_line(view.care_dates, language_of(view.name))
    if dates:
        blocks.append(context(dates))
    if view.open_tasks:
        blocks.append(section("*Open tasks*\n" + "\n".join(
            task_line(t) for t in view.open_tasks[:10])))
    if view.recent_logs:
        blocks.append(section("*Recent logs*\n" + "\n".join(
            f"• {shown(log.summary, 200)}"
            + (f" → {shown(log.next_step, 100)}" if log.next_step else "")
            for log in view.recent_logs)))
    if view.complaints:
        blocks.append(section("*Complaints*\n" + "\n".join(
            f"• #{c.number} · {c.category} · {c.priority} · {c.status} · <@{c.owner_id}> · "
            f"{shown(c.text, 120)}" for c in view.complaints)))
    if not view.open_tasks and not view.recent_logs:
        blocks.append(context("No open tasks and no logs yet."))
    blocks.append(card_actions(view))
    return blocks


def _who(actor: str) -> str:
    return "the bot" if actor == "bot" else f"<@{actor}>"


def _history(changes: tuple[ChangeView, ...]) -> list[dict[str, Any]]:
    if not changes:
        return [context("No changes recorded yet.")]
    lines = [f"{when(c.at, 'time', 'UTC')} · {_who(c.actor)} · {c.entity} {c.entity_id} · "
             f"{shown(FIELD_NAMES.get(c.field, c.field), 40)}: {shown(c.old or '—', 80)} → "
             f"{shown(c.new or '—', 80)}"
             for c in changes[:HISTORY_SHOWN]]
    blocks = [section("*History* (newest first)\n" + "\n".join(lines[:12]))]
    if len(lines) > 12:
        blocks.append(section("\n".join(lines[12:])))
    return blocks
