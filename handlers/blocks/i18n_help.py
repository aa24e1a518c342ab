"""Help texts and task lists (their translations are in bot/locale; merged in i18n.py)."""

from __future__ import annotations

from bot.catalog import N_

HELP: dict[str, str] = {
    "log_usage_title": N_("How to use /log"),
    "log_usage": N_("*Log a call or visit* — say what happened and what comes next:\n"
                    "• `/log Acme Corp: called Li, wants a quote for 20 seats. Send quote by "
                    "Friday 3pm`\n"
                    "• `/log Initech: no answer, try again next Tuesday at 9`\n"
                    "• `/log 华为: 拜访了王总,需求明确,下周三下午两点再回访`\n"
                    "Or just send me the same text as a direct message.\n"
                    "Start with the customer's name and a colon; I keep your words as typed, and "
                    "turn the next step and its time into a task with reminders (a day before "
                    "and when it is due).\n"
                    "`/tasks` lists your open tasks. `/log help` shows this again."),
    "tasks_usage_title": N_("How to use /tasks"),
    "tasks_usage": N_("*Your follow-up tasks*\n"
                      "• `/tasks` — your open tasks, overdue first\n"
                      "• `/tasks @someone` — a rep's tasks (their team lead and admins only)\n"
                      "Each task has *Done*, *Snooze* (1 hour, tomorrow 9:00, next week) and "
                      "*Reschedule*."),
    "tasks_who": N_("I didn't recognise that person. Mention them with @."),
    "tasks_yours": N_("Your open tasks"),
    "tasks_theirs": N_("<@{user}>'s open tasks"),
    "tasks_none": N_("{whose}: none. 🎉"),
    "tasks_none_title": N_("No open tasks"),
    "customer_usage_title": N_("How to use /customer"),
    "customer_usage": N_("*A customer's file*\n"
                         "• `/customer Acme Corp` — who works it, open tasks, recent logs (phone "
                         "and e-mail for its owner, their lead and admins)\n"
                         "• `/customer Acme Corp history` — every change: who, when, from and "
                         "to, and who owned it\n"
                         "• `/customer Acme Corp assign @kim` — give it to Kim (the owner's lead "
                         "or an admin)\n"
                         "• `/customer Acme Corp stage negotiating` — stages: inquiry, first "
                         "meeting, qualified, negotiating, won, after-sales, lost (or 询价, "
                         "初次会面, 需求确认, 谈判, 成交, 售后, 流失)\n"
                         "• `/customer Acme Corp likelihood A` — A signs within a week, B two "
                         "weeks, C a month\n"
                         "• `/customer Acme Corp tier B` — A ≥ 500,000 a year, B ≥ 100,000, C "
                         "below\n"
                         "• `/customer Acme Corp tag +urgent +manufacturing -cold` — add and "
                         "remove tags (case does not matter; Chinese tags welcome; a tag with "
                         "spaces goes in *Edit*)\n"
                         "• `/customer new` or `/customer new Acme Corp` — the form for a new "
                         "customer\n"
                         "• `/customers tag:urgent stage:negotiating` — find customers "
                         "(`/customers help`)"),
    "customers_usage_title": N_("How to use /customers"),
    "customers_usage": N_("*Find customers* — `/customers` followed by any filters, all of which "
                          "must match:\n"
                          "• `tag:urgent tag:manufacturing` — every tag given (case does not "
                          "matter; 标签:展会 too)\n"
                          "• `stage:negotiating` — inquiry, first_meeting, qualified, "
                          "negotiating, won, after-sales, lost\n"
                          "• `likelihood:A` (A signs within a week, B two weeks, C a month) · "
                          "`tier:B`\n"
                          "• `owner:@sam` or `owner:me`\n"
                          "Example: `/customers tag:urgent stage:negotiating owner:me "
                          "likelihood:A`\n"
                          "You see the customers you work; a team lead sees the team's, admins "
                          "everyone's. Likelihood A comes first, then the most recently "
                          "contacted."),
    "complaint_usage_title": N_("How to raise a complaint"),
    "complaint_usage": N_("*Raise a complaint* — `/complaint CUSTOMER: what happened`, e.g.\n"
                          "`/complaint Acme Corp: delivery two weeks late, they threaten to "
                          "cancel`\n"
                          "or DM me `complaint: …` / `投诉:联想说交货太慢`, or use *Raise "
                          "complaint* on any message.\n"
                          "It goes at once to whoever is on duty (`/oncall`), with a thread in "
                          "the team's complaints channel. Category (product, service, "
                          "experience) and priority (high, medium, low) are suggested from the "
                          "text; change them under the confirmation. Unacknowledged complaints "
                          "escalate to the backup, then the team lead."),
    "oncall_usage_title": N_("How to use /oncall"),
    "oncall_usage": N_("*Who is on duty for complaints*\n"
                       "• `/oncall` — who is on duty now and next, their backup, and the coming "
                       "week\n"
                       "• `/oncall cover @kim until Friday 18:00` — Kim is on duty from now "
                       "until then, whatever the rotation says (`/oncall cover until …` covers "
                       "it yourself)\n"
                       "The rotation, its handoff (e.g. Monday 09:00 team time) and the backup "
                       "are set in the team configuration (`duty:`)."),
    "complaints_usage_title": N_("How to use /complaints"),
    "complaints_usage": N_("*Complaint figures* — `/complaints` (team leads and admins): open "
                           "complaints with their age and owner; for the last 30 days the count, "
                           "resolution rate, median time to acknowledge and to resolve, SLA "
                           "breaches, per owner and the most frequent categories."),
    "review_usage_title": N_("How to use /review"),
    "review_usage": N_("*Tonight's pipeline review, now* (team leads and admins)\n"
                       "• `/review` — post your team's review in its channel now: the team's "
                       "picture, then one reply per rep in its thread. It counts as today's "
                       "review: the scheduled one is not posted again.\n"
                       "• `/review again` — post a further copy today (after changes, say)\n"
                       "• `/review preview` — show it to you alone, posting nothing\n"
                       "• `/review East` — name the team (admins, or a lead of several teams)\n"
                       "Reps reply in the thread to log follow-ups, as in a DM to the bot."),
    "team_usage_title": N_("How to use /team"),
    "team_usage": N_("*Your team* — `/team` shows its channel, lead, members, time zone, working "
                     "days and nightly review time, as the team file (`CRM_CONFIG`) sets them."),
}
