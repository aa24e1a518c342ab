"""Task lists and reminder DMs, each task with Done / Snooze / Reschedule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from bot.catalog import N_, tr, trn
from bot.domain import reminders as rules
from bot.services.delivery.outbox import OVERDUE_LEAD
from bot.services.views import Outcome, Ownership, TaskView
from handlers import ids
from handlers.blocks.care import brief_blocks
from handlers.blocks.i18n import language_of, t
from handlers.blocks.logs import choice_buttons, question_text
from handlers.blocks.losses import win_back_button
from handlers.blocks.ownership import returning_text
from handlers.blocks.refusals import refusal_text
from handlers.blocks.revisits import revisit_controls, script_blocks
from handlers.blocks.text import (
    actions,
    button,
    context,
    day_text,
    notice,
    section,
    shown,
    when,
)

MAX_LISTED = 20  # 2 blocks a task keeps a list well inside Slack's 50 blocks


def task_controls(task: TaskView, lang: str | None = None) -> dict[str, Any]:
    """The buttons under a task, in the reader's language (without one: the language its
    title was written in); a revisit's task has the revisit's instead (answering it closes
    the task); a win-back task also has the form that records why the customer left."""
    lang = lang or language_of(task.title)
    if task.revisit_id is not None:
        return revisit_controls(task, lang)
    value = str(task.id)
    asks_why = [win_back_button(task, lang)] if task.win_back and task.status == "open" else []
    return actions(
        *asks_why,
        button(t(lang, "done_btn"), ids.TASK_DONE, value, "primary" if not asks_why else None),
        button(t(lang, "snooze_btn"), ids.TASK_SNOOZE_1H, value),
        button(t(lang, "tomorrow_btn"), ids.TASK_SNOOZE_TOMORROW, value),
        button(t(lang, "next_week_btn"), ids.TASK_SNOOZE_NEXT_WEEK, value),
        button(t(lang, "reschedule_btn"), ids.TASK_RESCHEDULE, value),
        block_id=f"task:{task.id}")


def task_line(task: TaskView, lang: str | None = None) -> str:
    """One task: overdue or snoozed, customer, what to do, when (in the reader's language;
    without one, the title's)."""
    lang = lang or language_of(task.title)
    flag = f"{t(lang, 'overdue_flag')} · " if task.overdue else ""
    if task.status == "snoozed" and task.snoozed_until:
        until = when(task.snoozed_until, "time", task.tz, lang)
        flag = f"{t(lang, 'snoozed_until', when=until)} · "
    customer = f"*{shown(task.customer, 100)}* — " if task.customer else ""
    due = t(lang, "due", when=when(task.due, task.due_precision, task.tz, lang))
    return f"{flag}{customer}{shown(task.title, 300)}\n{due}"


def tasks_usage_message(lang: str, unknown_person: bool = False) -> dict[str, Any]:
    """The help for /tasks (after "I didn't recognise that person" when one was not)."""
    text = t(lang, "tasks_usage")
    if unknown_person:
        text = t(lang, "tasks_who") + "\n\n" + text
    return {"text": t(lang, "tasks_usage_title"), "blocks": [section(text)]}


def task_list_message(outcome: Outcome) -> dict[str, Any]:
    """The answer to /tasks."""
    lang = outcome.language or "en"
    if outcome.status != "tasks":
        text = refusal_text(outcome, lang, 500)
        return {"text": notice(text), "blocks": [section(text)]}
    whose = t(lang, "tasks_yours") if outcome.subject_user is None else \
        t(lang, "tasks_theirs", user=outcome.subject_user)
    if not outcome.tasks:
        return {"text": t(lang, "tasks_none_title"),
                "blocks": [section(t(lang, "tasks_none", whose=whose))]}
    overdue = sum(1 for task in outcome.tasks if task.overdue)
    header = trn(lang, "{whose}: {n} task", "{whose}: {n} tasks", len(outcome.tasks),
                 whose=whose) + (tr(lang, ", {n} overdue", n=overdue) if overdue else "")
    blocks: list[dict[str, Any]] = [section(f"*{header}*")]
    for task in outcome.tasks[:MAX_LISTED]:
        blocks += [section(task_line(task, lang)), task_controls(task, lang)]
    if len(outcome.tasks) > MAX_LISTED:
        blocks.append(context(and_more(lang, len(outcome.tasks) - MAX_LISTED)))
    return {"text": header, "blocks": blocks}


def and_more(lang: str, n: int) -> str:
    """"…and 3 more." under a list cut short."""
    return trn(lang, "…and {n} more.", "…and {n} more.", n)


# What happened to a task, by the status of the answer.
CHANGED = {"task_done": N_("✅ Done"), "task_snoozed": N_("💤 Snoozed"),
           "task_rescheduled": N_("📅 Rescheduled"),
           "task_closed": N_("This task is already closed")}


def task_changed_message(outcome: Outcome) -> dict[str, Any]:
    """The message that replaces a task's controls after Done, Snooze or Reschedule, in the
    language of the person who clicked."""
    task = outcome.task
    lang = outcome.language or (language_of(task.title) if task else "en")
    if task is None:
        text = refusal_text(outcome, lang)
        return {"text": notice(text), "blocks": [section(text)]}
    head = tr(lang, CHANGED.get(outcome.status, N_("✅ Done")))
    blocks = [section(tr(lang, "{what}: {task}", what=head, task=task_line(task, lang)))]
    if task.status in ("open", "snoozed") and outcome.status != "task_snoozed":
        blocks.append(task_controls(task, lang))
    return {"text": notice(tr(lang, "{what}: {task}", what=head, task=shown(task.title, 100))),
            "blocks": blocks}


def reminder_message(kind: str, task: TaskView, *, lead_seconds: int | None, late: bool,
                     due_was: datetime | None, owner: str | None = None,
                     lang: str | None = None) -> dict[str, Any]:
    """A reminder, snooze-end or overdue DM about one task, in the reader's language (a
    payload queued before it carried one: the title's)."""
    lang = lang or language_of(task.title)
    if kind == rules.BEFORE:
        hours = (lead_seconds or 86400) // 3600
        head = t(lang, "due_tomorrow") if hours == 24 else t(lang, "due_in", hours=str(hours))
    elif kind == rules.AT_DUE:
        head = t(lang, "due_now")
    elif kind == rules.SNOOZE_END:
        head = t(lang, "back")
    elif kind == OVERDUE_LEAD and owner:
        head = t(lang, "overdue_for", who=f"<@{owner}>")
    else:
        head = t(lang, "overdue")
    blocks = [section(f"*{head}*\n{task_line(task, lang)}")]
    if late and due_was is not None:
        blocks.append(context(t(lang, "late", when=when(due_was, "time", task.tz, lang))))
    blocks += brief_blocks(task.brief, task.tz, lang)  # before the contact (domain §12)
    if kind != OVERDUE_LEAD:
        if task.revisit_id is not None:
            blocks += script_blocks(task, lang)
        blocks.append(task_controls(task, lang))
        blocks += _still_asking(task, lang)
    return {"text": notice(f"{head}: {shown(task.title, 150)}"), "blocks": blocks}


def _still_asking(task: TaskView, lang: str) -> list[dict[str, Any]]:
    """The log's unanswered "which customer?", asked again under its promise's reminder with
    the same choices as its first reply."""
    if task.pending_log_id is None:
        return []
    buttons = choice_buttons(task.pending_log_id, task.pending_guess, task.pending_choices, lang)
    return [section(question_text(task.pending_guess, lang)),
            actions(*buttons, block_id=f"log:{task.pending_log_id}")]


def digest_message(team: str, day: str, tasks: list[TaskView],
                   returning: Sequence[Ownership] = (), lang: str = "en",
                   overdue: int | None = None) -> dict[str, Any]:
    """The lead's morning list of the team's overdue tasks (`overdue` of them, the oldest
    listed; a digest queued before it was counted lists them all), and the prospects about
    to return to the team's pool (their owners were warned)."""
    listed = tasks[:MAX_LISTED * 2]
    total = max(overdue or 0, len(tasks))
    count = trn(lang, "{team}: {n} overdue task", "{team}: {n} overdue tasks", total,
                team=shown(team, 100))
    blocks: list[dict[str, Any]] = [section(f"*{count}* ({day_text(date.fromisoformat(day), lang)})"
                                            if _iso_day(day) else f"*{count}* ({shown(day, 40)})")]
    for task in listed:
        blocks.append(section(f"<@{task.owner_id}> · {task_line(task, lang)}"))
    if total > len(listed):
        blocks.append(context(and_more(lang, total - len(listed))))
    if returning:
        blocks.append(section(returning_text(returning, lang)))
    return {"text": notice(count), "blocks": blocks}


def _iso_day(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True
