"""What the bot answers to a log: what it understood, and buttons to fix it."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.language import log_language
from bot.services.views import FollowUpView, Outcome
from handlers import ids
from handlers.blocks.care import care_recorded_lines
from handlers.blocks.i18n import language_of, t
from handlers.blocks.log_moves import complaint_note, move_lines, raise_complaint_button
from handlers.blocks.log_sharing import STATUSES as SHARE_STATUSES
from handlers.blocks.log_sharing import share_message
from handlers.blocks.ownership import someone_elses
from handlers.blocks.refusals import refusal_text
from handlers.blocks.revisits import log_revisit_lines
from handlers.blocks.text import actions, button, context, notice, section, shown, when

CHANNELS = ("call", "visit", "email", "chat", "meeting")


def usage_message(lang: str | None = None) -> dict[str, Any]:
    """The help for /log, in English or Chinese."""
    lang = lang or "en"
    return {"text": t(lang, "log_usage_title"), "blocks": [section(t(lang, "log_usage"))]}


def received_message(outcome: Outcome) -> dict[str, Any]:
    """The instant answer to /log: the text is safe; what was understood follows."""
    if outcome.status == "usage":
        return usage_message(outcome.language)
    if outcome.status == "duplicate" and outcome.follow_up and outcome.follow_up.status != \
            "received":
        return log_reply_message(outcome)
    saved = t(language_of(outcome.follow_up.raw_text if outcome.follow_up else None), "saved")
    return {"text": saved, "blocks": [context(saved)]}


def log_reply_message(outcome: Outcome) -> dict[str, Any]:
    """The reply to a log, whatever became of it, in the language the rep wrote it in."""
    fu = outcome.follow_up
    if outcome.status == "usage" or fu is None:
        return usage_message(outcome.language) if outcome.status == "usage" \
            else _note(outcome, outcome.language or "en")
    # A reply to a log follows the log (a Chinese log in the rep's Chinese, docs/language.md).
    lang = log_language(outcome.language or "en", fu.raw_text)
    if outcome.status == "failed":
        return _note(outcome, lang)
    if outcome.status == "undone":
        return {"text": t(lang, "withdrawn"),
                "blocks": [section("\n".join([f"~{shown(fu.summary, 200)}~",
                                               t(lang, "withdrawn"), *move_lines(fu, lang)]))]}
    if outcome.status == "needs_customer":
        return _needs_customer(fu, outcome.suggestions, lang)
    if outcome.status in SHARE_STATUSES:
        return share_message(outcome.status, fu, lang)
    heading = t(lang, {"duplicate": "already", "edited": "updated",
                       "shared": "shared_heading"}.get(outcome.status, "logged"))
    return {"text": notice(f"{heading}: {shown(fu.customer, 200)}"),
            "blocks": _understood(fu, heading, lang)}


def _understood(fu: FollowUpView, heading: str, lang: str) -> list[dict[str, Any]]:
    channel = t(lang, fu.channel) if fu.channel in CHANNELS else fu.channel
    lines = [f"*{heading}* — *{shown(fu.customer, 200)}*"
             + (f" ({shown(fu.contact, 100)})" if fu.contact else "")
             + (f" · {channel}" if fu.channel else ""),
             f">{shown(fu.summary, 500)}"]
    due = when(fu.due, fu.due_precision, fu.tz, lang)
    lines.extend(_next_lines(fu, lang))
    lines.extend(move_lines(fu, lang))
    lines.extend(log_revisit_lines(fu.revisit_notes, fu.tz, lang))
    lines.extend(care_recorded_lines(fu.care_dates, lang))
    blocks = [section("\n".join(lines))]
    if fu.due and fu.due_label:
        note = t(lang, "read_as", label=shown(fu.due_label, 80), when=due)
        if fu.alternatives:
            note += t(lang, "other_time")
        blocks.append(context(note))
    elif fu.next_step and not fu.due:
        blocks.append(context(t(lang, "no_due")))
    if fu.too_soon is not None:
        blocks.append(context(_too_soon(fu, lang)))
    if fu.ownership is not None:  # someone else's customer, or a pooled one: say whose
        blocks.append(context(someone_elses(fu.ownership, lang)))
    buttons = [button(t(lang, "edit"), ids.LOG_EDIT, str(fu.id)),
               button(t(lang, "undo"), ids.LOG_UNDO, str(fu.id), "danger")]
    raise_button = raise_complaint_button(fu, lang)
    if raise_button is not None:
        blocks.append(context(complaint_note(lang)))
        buttons.insert(0, raise_button)
    for i, alt in enumerate(fu.alternatives[:3]):
        buttons.insert(i, button(t(lang, "use", when=when(alt.due, alt.precision, fu.tz, lang)),
                                 ids.LOG_USE_ALTERNATIVE, f"{fu.id}:{alt.due.isoformat()}:"
                                 f"{alt.precision}"))
    blocks.append(actions(*buttons, block_id=f"log:{fu.id}"))
    return blocks


def _next_lines(fu: FollowUpView, lang: str) -> list[str]:
    """One line per promise of the log: its next step first, then the others."""
    if not (fu.next_step or fu.due):
        return []
    first = (shown(fu.next_step, 300) or t(lang, "follow_up"),
             when(fu.due, fu.due_precision, fu.tz, lang))
    more = [(shown(m.label, 300), when(m.due, m.precision, fu.tz, lang)) for m in fu.more_tasks]
    return [f"*{t(lang, 'next')}:* {step} — *{due}*" for step, due in (first, *more)]


def _too_soon(fu: FollowUpView, lang: str) -> str:
    """The over-contacting warning: a note, the log and its task are kept."""
    soon = fu.too_soon
    assert soon is not None
    tier = {"none": t(lang, "no_tier"), "no_need": t(lang, "no_need_label")}.get(
        soon.tier) or t(lang, "tier_label", tier=soon.tier)
    earliest = when(datetime.combine(soon.earliest, time(12), tzinfo=ZoneInfo(fu.tz)), "day",
                    fu.tz, lang)
    return t(lang, f"too_soon_{'next' if soon.kind == 'next_step' else 'contact'}",
             customer=shown(fu.customer, 100), tier=tier, min=str(soon.min_days),
             gap=str(soon.gap_days), earliest=earliest)


def _needs_customer(fu: FollowUpView, suggestions: tuple[tuple[int, str], ...],
                    lang: str) -> dict[str, Any]:
    text = question_text(fu.customer_guess, lang)
    question, buttons = question_blocks(fu, suggestions, lang, f"log:{fu.id}")
    kept = context(t(lang, "kept") + (" " + t(lang, "tasks_kept") if fu.task_id else ""))
    return {"text": notice(text.replace("*", "")), "blocks": [question, kept, buttons]}


def question_text(guess: str | None, lang: str) -> str:
    """"Which customer is this about?", naming the customer the log gave if it gave one."""
    return t(lang, "which", name=shown(guess, 200)) if guess else t(lang, "which_none")


def choice_buttons(log_id: int, guess: str | None, choices: tuple[tuple[int, str], ...],
                   lang: str) -> list[dict[str, Any]]:
    """The answers to a log's "which customer?": create the one it named, pick one of the
    customers offered, or edit the log."""
    value = str(log_id)
    buttons = [button(t(lang, "create", name=guess), ids.LOG_CREATE_CUSTOMER, value,
                      "primary")] if guess else []
    buttons += [button(name, ids.LOG_PICK_CUSTOMER, f"{value}:{customer_id}")
                for customer_id, name in choices[:4]]
    buttons.append(button(t(lang, "edit"), ids.LOG_EDIT, value))
    return buttons


def question_blocks(fu: FollowUpView, choices: tuple[tuple[int, str], ...], lang: str,
                    block_id: str) -> list[dict[str, Any]]:
    """A log's question: what was typed, the promises waiting on it, and its buttons."""
    promised = "\n".join(_next_lines(fu, lang)) if fu.task_id else ""
    text = question_text(fu.customer_guess, lang) + f"\n>{shown(fu.raw_text, 500)}" + (
        f"\n{promised}" if promised else "")
    return [section(text), actions(*choice_buttons(fu.id, fu.customer_guess, choices, lang),
                                   block_id=block_id)]


def _note(outcome: Outcome, lang: str) -> dict[str, Any]:
    text = refusal_text(outcome, lang)
    return {"text": notice(text), "blocks": [section(text)]}
