"""A customer's audit trail in words, in the reader's language: "Stage: negotiating → won,
by Kim, 3 Dec 14:05" / "阶段：谈判 → 成交，Kim，12月3日 14:05". The trail keeps column names,
codes and ISO times (store/audit.py); people read field names, words and local times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.catalog import N_, Np_, tr
from bot.domain.classification import LIKELIHOOD, STAGE
from bot.domain.customer_form import KIND_LABELS, LABELS, SOURCE_LABELS
from bot.services.views import ChangeView
from handlers.blocks.classes import class_word
from handlers.blocks.i18n import MESSAGES, t
from handlers.blocks.text import context, mention, moment_text, reader_time, section, shown

HISTORY_SHOWN = 30
PER_SECTION = 12
# What each audited column is called (store/audit.py FIELDS); the file's own are LABELS.
FIELD_WORDS = {**LABELS, "value_tier": N_("Value tier"), "stage": N_("Stage"),
               "likelihood": N_("Likelihood"), "owner_id": N_("Owner"),
               "customer_id": N_("Customer"), "status": N_("Status"), "title": N_("Title"),
               "due_at": N_("Due"), "snoozed_until": N_("Snoozed until"),
               "overdue_since": N_("Overdue since"), "summary": N_("Summary"),
               "next_step": N_("Next step"), "contact": N_("Contact")}
# "open" is said otherwise of a task (待办) than of a complaint (未处理): a message context.
STATUS_WORDS = {"open": Np_("task status", "open"), "done": N_("done"),
                "snoozed": N_("snoozed"),
                "cancelled": N_("cancelled"), "received": N_("received"),
                "recorded": N_("recorded"), "needs_customer": N_("waiting for its customer"),
                "undone": N_("undone"), "failed": N_("failed")}
ENTITIES = {"task": N_("Task #{id} · "), "log": N_("Log #{id} · ")}
_TIMES = ("due_at", "snoozed_until", "overdue_since")
_PEOPLE = ("owner_id",)


def history_blocks(changes: Sequence[ChangeView], lang: str, tz: str) -> list[dict[str, Any]]:
    """The newest changes first, each a sentence; `tz` is the zone the times are read in."""
    if not changes:
        return [context(tr(lang, "No changes recorded yet."))]
    lines = [change_line(c, lang, tz) for c in changes[:HISTORY_SHOWN]]
    blocks = [section(tr(lang, "*History* (newest first)") + "\n"
                      + "\n".join(lines[:PER_SECTION]))]
    if len(lines) > PER_SECTION:
        blocks.append(section("\n".join(lines[PER_SECTION:])))
    return blocks


def change_line(c: ChangeView, lang: str, tz: str) -> str:
    """One change: what moved from what to what, by whom, when."""
    whom = tr(lang, "the bot") if c.actor == "bot" else mention(c.actor)
    at = reader_time(c.at, lang, tz)  # each reader's own zone; the fallback the team's
    prefix = tr(lang, ENTITIES[c.entity], id=c.entity_id) if c.entity in ENTITIES else ""
    if c.field == "tag":  # a tag is added or removed, never changed
        tag = f"`{shown(c.new or c.old, 60)}`"
        said = tr(lang, "Tag added: {tag}, by {who}, {at}", tag=tag, who=whom, at=at) \
            if c.new is not None else \
            tr(lang, "Tag removed: {tag}, by {who}, {at}", tag=tag, who=whom, at=at)
        return prefix + said
    field = tr(lang, FIELD_WORDS[c.field]) if c.field in FIELD_WORDS else shown(c.field, 40)
    return prefix + tr(lang, "{field}: {old} → {new}, by {who}, {at}", field=field,
                       old=value_words(c.field, c.old, lang, tz),
                       new=value_words(c.field, c.new, lang, tz), who=whom, at=at)


def value_words(field: str, value: str | None, lang: str, tz: str) -> str:
    """A stored value as the reader says it: a stage's name, a person's mention, a local
    time, a code's word; typed text as typed."""
    if value is None or value == "":
        return "—"
    if field in (STAGE, "value_tier", LIKELIHOOD):
        return class_word(STAGE if field == STAGE else LIKELIHOOD, value, lang)
    if field in _PEOPLE:
        return mention(value)
    if field == "customer_id":
        return tr(lang, "customer #{id}", id=value)
    if field in _TIMES:
        try:
            return moment_text(datetime.fromisoformat(value), lang, tz)
        except ValueError:
            return shown(value, 40)
    words = {"status": STATUS_WORDS, "kind": KIND_LABELS, "source_channel": SOURCE_LABELS}
    if value in words.get(field, {}):
        return tr(lang, words[field][value])
    if field == "contact" and value in MESSAGES:
        return t(lang, value)
    return shown(value, 80)

