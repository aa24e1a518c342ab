"""What a refused or failed task or log action says: the services name it with a code (in
`Outcome.message`), the reader's language says it. A message that is no code (older
payloads, another area's words) is shown as it came."""

from __future__ import annotations

from bot.catalog import N_, tr
from bot.services.views import Outcome
from handlers.blocks.problems import problems_text
from handlers.blocks.text import shown

REFUSALS: dict[str, str] = {
    "task_gone": N_("That task no longer exists."),
    "task_not_yours": N_("You can only change your own tasks."),
    "tasks_not_yours": N_("Only their team lead or an admin can see someone else's tasks."),
    "reschedule_not_yours": N_("You can only reschedule your own tasks."),
    "unknown_record": N_("That button names nothing I can find: it may come from an old or "
                         "altered message. Nothing was changed."),
    "unknown_action": N_("That button asks for something I do not know: it may come from an "
                         "old or altered message. Nothing was changed."),
    "unreadable_time": N_("I could not read a time in what you typed. Try “Friday 3pm”."),
    "log_gone": N_("That log no longer exists."),
    "log_not_yours": N_("Only the person who logged it can change it."),
    "no_customer_to_create": N_("This log names no customer to create."),
    "not_offered": N_("That customer was not offered for this log: pick one of the buttons "
                      "under it."),
    "customer_gone": N_("That customer no longer exists."),
    "bad_due_choice": N_("That choice of time is not valid."),
    "log_unreadable": N_("Sorry, I could not read this log. Your text is saved as you typed "
                         "it; please log it again in simpler words."),
    "not_waiting_share": N_("This log is not waiting for a share."),
    "share_answered": N_("This request was already answered."),
    "share_forbidden": N_("Only the customer's owner, their team lead and admins can share "
                          "it."),
    "form_failed": N_("Sorry, something went wrong on my side and your form was not saved. "
                      "Please try again."),
    "click_failed": N_("Sorry, something went wrong on my side with that button. Please try "
                       "again."),
}
NOT_SAVED = N_("Not saved: {problems}")
COMMAND_FAILED = N_("Sorry, something went wrong on my side and nothing was changed. Please try "
                    "again in a minute.")
SOMETHING_WRONG = N_("Something went wrong.")


def refusal_text(outcome: Outcome, lang: str, limit: int = 1000) -> str:
    """What went wrong, in `lang`: a code's message (a form not saved: its problems), else
    the message as it came."""
    code = outcome.message or ""
    if code == "not_saved":
        return tr(lang, NOT_SAVED, problems=" ".join(problems_text(lang, outcome.problems)))
    if code in REFUSALS:
        return tr(lang, REFUSALS[code])
    return shown(code, limit) if code else tr(lang, SOMETHING_WRONG)
