"""The revisit messages' words in English and Chinese (merged into handlers/blocks/i18n.py)."""

from __future__ import annotations

from bot.catalog import N_

REVISITS: dict[str, str] = {
    "rv_reached": N_("Reached: score…"),
    "rv_score_5": N_("Reached · 5 very satisfied"),
    "rv_score_4": N_("Reached · 4 satisfied"),
    "rv_score_3": N_("Reached · 3 so-so"),
    "rv_score_2": N_("Reached · 2 dissatisfied"),
    "rv_score_1": N_("Reached · 1 very dissatisfied"),
    "rv_no_answer": N_("No answer"),
    "rv_wrong_number": N_("Wrong number"),
    "rv_call_back": N_("Call back later"),
    "rv_script_head": N_("Script"),
    "rv_script": N_("May I take two minutes of your time?\n"
                    "How satisfied are you, from 1 to 5? What could we do better?\n"
                    "When shall we speak next?"),
    "rv_flag": N_("⚠️ Dissatisfied at the last revisit ({score}/5)"),
    "rv_done_reached": N_("✅ Revisit of *{customer}* ({step}): reached"),
    "rv_done_scored": N_("✅ Revisit of *{customer}* ({step}): reached, satisfaction {score}/5"),
    "rv_because": N_("Reason: {reason}"),
    "rv_retry": N_("📞 {outcome}: it comes back {when} (try {n} of {max})."),
    "rv_unreached": N_("📵 {outcome}: {max} tries made; the revisit ends unreached."),
    "rv_fix_number": N_("Please correct the number on the customer's card (`/customer "
                        "{customer}`)."),
    "rv_repeat": N_("Already recorded: nothing changed."),
    "rv_closed": N_("This revisit was settled already; your answer is kept on record, nothing "
                    "changed."),
    "rv_offer": N_("A score of {score} for a complaint reason: raise a complaint now? The form "
                   "is filled in; raising it is your call."),
    "rv_raise": N_("Raise complaint"),
    "rv_list_head": N_("Your revisits still to make ({n})"),
    "rv_list_none": N_("You have no revisits to make. They come by themselves after a sale; "
                       "`/revisit help` says how."),
    "rv_line": N_("*{customer}* — {what} · {when}"),
    "rv_out": N_("out now, try {n}"),
    "rv_planned": N_("planned"),
    "rv_log_service": N_("🛠️ Service visit: a “problem solved?” call on {when}."),
    "rv_log_answered": N_("📞 Recorded as the revisit ({step}): {what}."),
    "rv_log_reached": N_("reached"),
    "rv_log_scored": N_("reached, satisfaction {score}/5"),
    "rv_started": N_("🛠️ Service visit to *{customer}* recorded: a “problem solved?” call on "
                     "{when}."),
    "rv_covered": N_("*{customer}* already has a “problem solved?” call from a recent visit: no "
                     "second one."),
    "rv_usage_title": N_("How to use /revisit"),
    "rv_usage": N_("`/revisit` lists your revisits still to make.\n"
                   "`/revisit Acme Corp service` records a service visit or repair today: the "
                   "“problem solved?” call follows in 3 days.\n"
                   "Revisits after a purchase start by themselves when a customer moves to won; "
                   "each comes as a task with *Reached*, *No answer*, *Wrong number* and *Call "
                   "back later*."),
    "rv_form_title": N_("Why this score?"),
    "rv_form_reason": N_("Reason"),
    "rv_form_text": N_("In the customer's words"),
    # Refusals (Outcome.message holds the code)
    "rv_not_yours": N_("Only the person making this revisit, their team lead and admins can "
                       "record it."),
    "rv_gone": N_("That revisit no longer exists."),
    "rv_bad_button": N_("That button names nothing I can record."),
    "rv_taken": N_("This revisit has been recorded already, or is not yours to record: only "
                   "its caller, their team lead and admins can."),
    "rv_customer_refused": N_("Only the people who work this customer, their team lead and "
                              "admins can do that."),
    "rv_form_hint": N_("Needed for a score of 1 to 3: pick a reason, write one, or both."),
    "rv_form_save": N_("Save"),
    "rv_form_cancel": N_("Cancel"),
    "rv_reason_product": N_("product"),
    "rv_reason_delivery": N_("delivery"),
    "rv_reason_service": N_("service"),
    "rv_reason_price": N_("price"),
    "rv_reason_usage": N_("usage / training"),
    "rv_reason_other": N_("other"),
}
