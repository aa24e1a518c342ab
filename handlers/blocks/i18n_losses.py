"""The loss messages' words in English and Chinese (merged into handlers/blocks/i18n.py)."""

from __future__ import annotations

from bot.catalog import N_

LOSSES: dict[str, str] = {
    "ls_reason_price": N_("price"),
    "ls_reason_competitor": N_("went to a competitor"),
    "ls_reason_no_budget": N_("no budget"),
    "ls_reason_no_need": N_("no need"),
    "ls_reason_service": N_("service"),
    "ls_reason_other": N_("other"),
    "ls_ask": N_("*{customer}* was moved to lost. Why was it lost? (price, a competitor, no "
                 "budget, no need, service, or your own words)"),
    "ls_ask_btn": N_("Give the reason"),
    "ls_asked_owner": N_("*{customer}* was moved to lost. I have asked its owner {who} why."),
    "ls_win_back_btn": N_("Record why they left"),
    "ls_form_title": N_("Why was it lost?"),
    "ls_form_win_back_title": N_("Why did they leave?"),
    "ls_form_reason": N_("Reason"),
    "ls_form_text": N_("In your words (or the customer's)"),
    "ls_form_hint": N_("Pick a reason; \"other\" needs a few words."),
    "ls_form_save": N_("Save"),
    "ls_form_cancel": N_("Cancel"),
    "ls_recorded_move": N_("📝 *{customer}* lost — reason recorded: {reason}"),
    "ls_recorded_win_back": N_("📝 Win-back call with *{customer}*: why they left is recorded "
                               "({reason}); the task is done."),
    "ls_already": N_("A reason is recorded for *{customer}* already ({reason}, by {who}): "
                     "nothing changed."),
    "ls_not_found": N_("This loss no longer exists (an Undo took the move back?): nothing was "
                       "recorded."),
    "ls_proposal_not_found": N_("This proposal no longer exists: nothing changed."),
    "ls_forbidden": N_("Only the people who work *{customer}*, their team lead and admins can do "
                       "that."),
    "ls_invalid": N_("That reason is not one I can record for *{customer}*."),
    "ls_proposals_head": N_("Quiet customers: no won deal and no contact for a while. Lost, or "
                            "still active?"),
    "ls_proposal": N_("*{customer}* — quiet since {since}"),
    "ls_mark_lost": N_("Mark lost"),
    "ls_still_active": N_("Still active"),
    "ls_marked_lost": N_("*{customer}* is now lost. I have asked you why in a message."),
    "ls_marked_lost_owner": N_("*{customer}* is now lost. I have asked its owner {who} why."),
    "ls_kept_active": N_("*{customer}* stays active; I will ask again after another quiet spell."),
    "ls_proposal_was_lost": N_("*{customer}* was marked lost already (by {who})."),
    "ls_proposal_was_active": N_("*{customer}* was kept active already (by {who})."),
}
