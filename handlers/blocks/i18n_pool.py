"""The shared pool's words (their translations are in bot/locale; merged in i18n.py)."""

from __future__ import annotations

from bot.catalog import N_

POOL: dict[str, str] = {
    "pool_usage_title": N_("How to use /pool"),
    "pool_usage": N_("*The team's pool* — prospects nobody owns, oldest first, to claim:\n"
                     "• `/pool` — your team's pooled prospects\n"
                     "• `/pool tag:urgent stage:negotiating tier:B likelihood:A` — filtered as "
                     "in `/customers`\n"
                     "Phone and e-mail stay hidden until you claim one. *Claim* makes it yours, "
                     "protected until its term ends; the team's limits apply (customers held, "
                     "claims a day, and a wait before the previous owner may take it back)."),
    "handover_usage_title": N_("How to use /handover"),
    "handover_usage": N_("*Hand a rep's customers over* (their team lead or an admin):\n"
                         "• `/handover @sam to @kim` — all of Sam's customers go to Kim\n"
                         "• `/handover @sam` — shared round-robin across Sam's team\n"
                         "Open tasks move with each customer, and each new owner gets a message "
                         "with the customers' briefs. One customer: `/customer Acme Corp assign "
                         "@kim`."),
    "pool_head": N_("*{team}'s pool* · oldest first · {n} shown"),
    "pool_more": N_("…and more. Add a filter (tag:, stage:, tier:, likelihood:) to narrow it."),
    "pool_empty": N_("Nothing in {team}'s pool matches. `/pool help` shows the filters."),
    "pool_no_team": N_("You are on no team, so you have no pool. Ask an admin to add you."),
    "pool_invalid": N_("I could not read that filter:"),
    "pool_row": N_("*{name}* · {stage} · tier {tier} · likelihood {likelihood}{industry} · in "
                   "the pool since {since} ({reason})"),
    "claim_btn": N_("Claim"),
    "reason_protection_ended": N_("protection ended"),
    "reason_no_contact": N_("not followed up"),
    "reason_lead": N_("reassigned by a lead"),
    "reason_handover": N_("handover"),
    "reason_more_time": N_("more time given"),
    "reason_pool": N_("claimed from the pool"),
    "reason_shared": N_("shared"),
    "reason_after_sale": N_("after the sale"),
    "reason_win_undone": N_("the win was undone"),
    "claimed": N_("*{customer}* is yours, protected until {at}."),
    "taken": N_("{who} claimed *{customer}* first."),
    "taken_nobody": N_("*{customer}* is no longer in the pool."),
    "cooling_down": N_("*{customer}* came back from you: you may claim it again from {at}."),
    "holds_max": N_("You hold {limit} prospects already, the team's limit: win or release one "
                    "before claiming *{customer}*."),
    "daily_limit": N_("You have made {limit} claims today, the team's daily limit: try again "
                      "from {at}."),
    "forbidden": N_("You may not do that: it is for the owner's team lead and admins."),
    "not_found": N_("That customer no longer exists."),
    "no_such_customer": N_("No customer is called *{customer}*."),
    "not_yours": N_("*{customer}* is not yours (any more), so there is nothing to ask."),
    "not_pooled": N_("*{customer}* went back to the pool already; it can be claimed there."),
    "unknown_person": N_("{who} is on no team here, so I cannot give them customers."),
    "warning": N_("⏳ *{customer}* returns to the team's pool on {at} ({reason}) unless you win "
                  "it first{extra}."),
    "warning_no_contact": N_(" or log a follow-up"),
    "log_btn": N_("Log a follow-up"),
    "more_time_btn": N_("Ask the lead for more time"),
    "how_to_log": N_("Send me your follow-up as a message starting with `{customer}:` (or use "
                     "`/log {customer}: …`); it is recorded on the customer as usual."),
    "asked_more_time": N_("Asked {who} for more time on *{customer}*."),
    "no_lead": N_("Your team has no other lead to ask; *{customer}* returns as planned."),
    "more_time_request": N_("{owner} asks for more time on *{customer}*, which returns to the "
                            "pool on {at}."),
    "give_time_btn": N_("Give a new term"),
    "more_time_given": N_("{who} has a new term on *{customer}*, until {at}."),
    "returned": N_("↩️ *{customer}* went back to {team}'s pool ({reason}); anyone on the team "
                   "may claim it now."),
    "assigned": N_("*{customer}* is now {who}'s{previous}, protected until {at}."),
    "assigned_from": N_(" (from {people})"),
    "handed_over": N_("Handed over {count} of {who}'s customers to {people}."),
    "handed_over_none": N_("{who} owns no customers: nothing to hand over."),
    "handed_over_partly": N_("Something went wrong on my side part-way: {count} of {who}'s "
                             "customers were handed over to {people}; the rest are still "
                             "{who}'s. Run the same `/handover` again to hand over the rest."),
    "handed_over_left": N_(" {limit} stay with {who}: everyone else holds the team's limit."),
    "assigned_dm_more_time": N_("{by} gave you a new term on:"),
    "assigned_dm_after_sale": N_("Won by {by} and passed to you to look after:"),
    "assigned_dm_win_undone": N_("The win was undone (by {by}): yours again{previous}:"),
    "taken_back_dm": N_("{by} undid the win of *{customer}*: it goes back to {owner}, nothing "
                        "for you to do."),
    "assigned_dm_from": N_(" from {who}"),
    "assigned_dm_more": N_("…and {n} more (`/customers owner:me`)."),
    "brief": N_("*{name}* · {stage} · tier {tier} · likelihood {likelihood}"),
    "history_ownership": N_("*Ownership*"),
    "event_claim": N_("{at} · {to} claimed it from the pool"),
    "event_return": N_("{at} · it went back to the pool from {frm} ({reason}{unworked})"),
    "event_unworked": N_(", never followed up"),
    "event_reassign": N_("{at} · {actor} gave it to {to}{frm_part} ({reason})"),
    "event_from_part": N_(" from {frm}"),
    "event_share": N_("{at} · {actor} shared it with {to}"),
    "event_logged": N_("{at} · {to} logged on it and works it from then on"),
    "event_unshare": N_("{at} · {actor} took {frm} off it"),
    "event_warn": N_("{at} · {to} was warned it would return to the pool"),
    "the_bot": N_("the bot"),
    "card_pooled": N_("in {team}'s pool since {since} (was {was}'s): `/pool` to claim it"),
    "card_protected": N_(" · protected until {until}"),
    "own_owner": N_("owner {owner}"),
    "digest_returning": N_("*Returning to the pool soon ({count})* — their owners were warned "
                           "(`/customer <name> assign @someone` gives one a new term):"),
    "digest_returning_line": N_("• *{customer}* · {owner} · returns {until}"),
    "digest_returning_more": N_("…and {count} more."),
    "own_log": N_("*{customer}*: {standing}"),
    "dup_title": N_("⚠️ *This looks like a customer you already have.*"),
    "dup_name": N_("the same name"),
    "dup_phone": N_("the same phone number"),
    "dup_email": N_("the same e-mail address"),
    "dup_line": N_("*{name}* has {what} · {standing}"),
    "dup_open": N_("Open file"),
    "dup_taken": N_("A customer with this name exists: open it, or change the name below to "
                    "create a different customer."),
    "dup_anyway": N_("Open the existing file, or press *Create anyway* if this is a different "
                     "customer."),
    "row_pooled": N_("in the pool"),
    "row_protected": N_("protected until {until}"),
    "new_title": N_("New customer"),
    "new_close": N_("Close"),
    "new_checking": N_("⏳ Checking for similar customers…"),
    "new_refused": N_("A customer with this name exists: choose another name."),
    "new_failed": N_("Sorry, something went wrong on my side and the customer was not created. "
                     "Please try again."),
}
