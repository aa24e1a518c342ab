"""What the bot answers to a log: what it understood, and buttons to fix it."""

from __future__ import annotations

from typing import Any

from bot.services.views import FollowUpView, Outcome
from handlers import ids
from handlers.blocks.text import actions, button, context, section, shown, when

USAGE = (
    "*Log a call or visit* — say what happened and what comes next:\n"
    "• `/log Acme Corp: called Li, wants a quote for 20 seats. Send quote by Friday 3pm`\n"
    "• `/log Initech: no answer, try again next Tuesday at 9`\n"
    "• `/log 华为: 拜访了王总,需求明确,下周三下午两点再回访`\n"
    "Or just send me the same text as a direct message.\n"
    "Start with the customer's name and a colon; I keep your words as typed, and turn the "
    "next step and its time into a task with reminders (a day before and when it is due).\n"
    "`/tasks` lists your open tasks. `/log help` shows this again."
)
CHANNEL_LABEL = {"call": "📞 call", "visit": "🏢 visit", "email": "✉️ email", "chat": "💬 chat",
                 "meeting": "🤝 meeting"}


def usage_message() -> dict[str, Any]:
    """The help for /log."""
    return {"text": "How to use /log", "blocks": [section(USAGE)]}


def received_message(outcome: Outcome) -> dict[str, Any]:
    """The instant answer to /log: the text is safe; what was understood follows."""
    if outcome.status == "usage":
        return usage_message()
    if outcome.status == "duplicate" and outcome.follow_up and outcome.follow_up.status != \
            "received":
        return log_reply_message(outcome)
    return {"text": "📝 Saved. Reading it…", "blocks": [context("📝 Saved. Reading it…")]}


def log_reply_message(outcome: Outcome) -> dict[str, Any]:
    """The reply to a log, whatever became of it."""
    fu = outcome.follow_up
    if outcome.status == "usage" or fu is None:
        return usage_message() if outcome.status == "usage" else _note(outcome.message)
    if outcome.status == "failed":
        return _note(outcome.message)
    if outcome.status == "undone":
        return {"text": "Log withdrawn",
                "blocks": [section(f"~{shown(fu.summary, 200)}~\nWithdrawn: the task is "
                                   "cancelled; your text stays on record.")]}
    if outcome.status == "needs_customer":
        return _needs_customer(fu, outcome.suggestions)
    heading = {"duplicate": "Already logged", "edited": "Updated"}.get(outcome.status, "Logged")
    return {"text": f"{heading}: {fu.customer or ''}", "blocks": _understood(fu, heading)}


def _understood(fu: FollowUpView, heading: str) -> list[dict[str, Any]]:
    lines = [f"*{heading}* — *{shown(fu.customer, 200)}*"
             + (f" ({shown(fu.contact, 100)})" if fu.contact else "")
             + (f" · {CHANNEL_LABEL.get(fu.channel, fu.channel)}" if fu.channel else ""),
             f">{shown(fu.summary, 500)}"]
    if fu.next_step or fu.due:
        lines.append(f"*Next:* {shown(fu.next_step, 300) or 'follow up'} — "
                     f"*{when(fu.due, fu.due_precision, fu.tz)}*")
    blocks = [section("\n".join(lines))]
    if fu.due and fu.due_label:
        note = f"Read \"{shown(fu.due_label, 80)}\" as {when(fu.due, fu.due_precision, fu.tz)}."
        if fu.alternatives:
            note += " Did you mean another time? Pick it below."
        blocks.append(context(note))
    elif fu.next_step and not fu.due:
        blocks.append(context("No due time found: the task has no reminder. "
                              "Use *Edit* to add one."))
    buttons = [button("Edit", ids.LOG_EDIT, str(fu.id)),
               button("Undo", ids.LOG_UNDO, str(fu.id), "danger")]
    for i, alt in enumerate(fu.alternatives[:3]):
        buttons.insert(i, button(f"Use {when(alt.due, alt.precision, fu.tz)}",
                                 ids.LOG_USE_ALTERNATIVE, f"{fu.id}:{alt.due.isoformat()}:"
                                 f"{alt.precision}"))
    blocks.append(actions(*buttons, block_id=f"log:{fu.id}"))
    return blocks


def _needs_customer(fu: FollowUpView, suggestions: tuple[tuple[int, str], ...]) -> dict[str, Any]:
    guess = fu.customer_guess
    text = (f"Which customer is this about? I don't know *{shown(guess, 200)}* yet."
            if guess else "Which customer is this about? Start a log with `Customer name: …`.")
    buttons = []
    if guess:
        buttons.append(button(f"Create \"{guess}\"", ids.LOG_CREATE_CUSTOMER, str(fu.id),
                              "primary"))
    for customer_id, name in suggestions[:4]:
        buttons.append(button(name, ids.LOG_PICK_CUSTOMER, f"{fu.id}:{customer_id}"))
    buttons.append(button("Edit", ids.LOG_EDIT, str(fu.id)))
    blocks = [section(text + f"\n>{shown(fu.raw_text, 500)}"),
              context("Your text is saved; nothing is lost while you choose."),
              actions(*buttons, block_id=f"log:{fu.id}")]
    return {"text": "Which customer is this about?", "blocks": blocks}


def _note(message: str | None) -> dict[str, Any]:
    text = message or "Something went wrong."
    return {"text": text, "blocks": [section(shown(text, 1000))]}
