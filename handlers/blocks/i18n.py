"""The bot's messages by code; their translations are gettext catalogs (bot/catalog.py)."""

from __future__ import annotations

from bot.catalog import N_, tr
from bot.domain.language import writes_chinese
from handlers.blocks.i18n_care import CARE
from handlers.blocks.i18n_help import HELP
from handlers.blocks.i18n_losses import LOSSES
from handlers.blocks.i18n_pool import POOL
from handlers.blocks.i18n_review import REVIEW
from handlers.blocks.i18n_revisits import REVISITS
from handlers.blocks.i18n_sharing import SHARING
from handlers.blocks.i18n_stats import STATS

CORE: dict[str, str] = {
    "logged": N_("Logged"),
    "updated": N_("Updated"),
    "already": N_("Already logged"),
    "next": N_("Next"),
    "follow_up": N_("follow up"),
    "read_as": N_("Read \"{label}\" as {when}."),
    "other_time": N_(" Did you mean another time? Pick it below."),
    "no_due": N_("No due time found: the task has no reminder. Use *Edit* to add one."),
    "edit": N_("Edit"),
    "undo": N_("Undo"),
    "use": N_("Use {when}"),
    "create": N_("Create \"{name}\""),
    "which": N_("Which customer is this about? I don't know *{name}* yet."),
    "which_none": N_("Which customer is this about? Start a log with `Customer name: …`."),
    "kept": N_("Your text is saved; nothing is lost while you choose."),
    "tasks_kept": N_("The reminders are set already; they follow the customer you choose."),
    "questions_why": N_("Your text and promises are kept; once you answer, each log is filed "
                        "under its customer."),
    "withdrawn": N_("Withdrawn: the task is cancelled; your text stays on record."),
    "saved": N_("📝 Saved. Reading it…"),
    "due_tomorrow": N_("⏰ Due tomorrow"),
    "due_in": N_("⏰ Due in {hours} h"),
    "due_now": N_("⏰ Due now"),
    "back": N_("⏰ Back from snooze"),
    "overdue": N_("🔴 Overdue"),
    "overdue_for": N_("🔴 Overdue for {who}"),
    "due": N_("Due {when}"),
    "snoozed_until": N_("💤 snoozed until {when}"),
    "overdue_flag": N_("🔴 *Overdue*"),
    "late": N_("Late: this was due to reach you at {when}, while the bot was offline."),
    "no_due_time": N_("no due time"),
    "call": N_("📞 call"),
    "visit": N_("🏢 visit"),
    "email": N_("✉️ email"),
    "chat": N_("💬 chat"),
    "meeting": N_("🤝 meeting"),
    "done_btn": N_("Done"),
    "snooze_btn": N_("Snooze 1h"),
    "tomorrow_btn": N_("Tomorrow 9:00"),
    "next_week_btn": N_("Next week"),
    "reschedule_btn": N_("Reschedule"),
    "too_soon_next": N_("⚠️ Over-contacting: {customer} is a {tier} customer, contacted at most "
                        "every {min} days; this next step is {gap} days after today's contact "
                        "(the earliest would be {earliest}). Kept as you wrote it."),
    "too_soon_contact": N_("⚠️ Over-contacting: {customer} is a {tier} customer, contacted at "
                           "most every {min} days; the previous contact was {gap} days ago (the "
                           "next was due from {earliest})."),
    "tier_label": N_("tier {tier}"),
    "no_tier": N_("not yet tiered"),
    "no_need_label": N_("“no need for now”"),
}
# Every message by its code: a code names a message where the code comes from elsewhere
# (a reason, a kind, a command); the English text is the gettext msgid.
MESSAGES: dict[str, str] = {**CORE, **REVIEW, **REVISITS, **LOSSES, **CARE, **SHARING, **HELP,
                            **POOL, **STATS}


def language_of(*texts: str | None) -> str:
    """"zh" when the person wrote Chinese, else "en"."""
    return "zh" if writes_chinese(*texts) else "en"


def t(lang: str, key: str, **values: object) -> str:
    """The message with code `key` in `lang`, with `values` filled in."""
    return tr(lang, MESSAGES[key], **values)
