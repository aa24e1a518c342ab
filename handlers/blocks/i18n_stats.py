"""The team figures' words (their translations are in bot/locale; merged in i18n.py)."""

from __future__ import annotations

from bot.catalog import N_

STATS: dict[str, str] = {
    "st_week": N_("this week"),
    "st_month": N_("this month"),
    "st_prev_week": N_("last week"),
    "st_prev_month": N_("last month"),
    "st_title": N_("*{who}*: {period} so far ({passed} of {total} working days), against {prev}"),
    "st_team_who": N_("Team {team}"),
    "st_nr": N_("not yet recorded"),
    "st_pts": N_("{sign}{n} pts"),
    "st_same": N_("no change"),
    "st_line": N_("{label}: *{now}*  ·  {prev} {before}  ·  {change}"),
    "st_snapshot": N_("{label}: *{now}*"),
    "st_timeliness": N_("Follow-up timeliness"),
    "st_overdue": N_("Overdue rate"),
    "st_still_open": N_("{n} still open"),
    "st_new_a": N_("New A deals"),
    "st_conversion": N_("Conversion (won / qualified closed)"),
    "st_churn": N_("Churn (lost / customers)"),
    "st_aging": N_("A deals older than their week"),
    "st_open_a": N_("Open A deals"),
    "st_reach": N_("Revisit reach rate"),
    "st_revisit_on_time": N_("Revisits done on time"),
    "st_satisfaction": N_("Satisfaction rate (4-5 / rated)"),
    "st_avg_score": N_("Average score"),
    "st_dissatisfied": N_("Why dissatisfied"),
    "st_loss_reasons": N_("Why lost"),
    "st_resolution": N_("Complaint resolution rate"),
    "st_ack": N_("Time to acknowledge (median / 90th pct)"),
    "st_resolve": N_("Time to resolve (median / 90th pct)"),
    "st_pool": N_("Pool: claims / returns (unworked) / reassigned in / out"),
    "st_none": N_("none"),
    "st_min": N_("{n} min"),
    "st_h": N_("{n} h"),
    "st_reps": N_("Each rep"),
    "st_rep_line": N_("{person}: timeliness {timeliness}, overdue {overdue}, new A {new_a}, "
                      "conversion {conversion}, revisits reached {reach}, complaints "
                      "{complaints}"),
    "st_more_reps": N_("…and {n} more: `/stats @rep` shows one."),
    "st_forbidden": N_("You can see your own figures (`/stats`), a lead their team's and each "
                       "rep's, an admin every team's. `/stats help` explains."),
    "st_which_team": N_("Which team? Say `/stats TEAM`; teams: {names}."),
    "st_all_teams": N_("All teams"),
    "st_all_hint": N_("One team's figures and each of its reps: `/stats TEAM`."),
    "st_no_team": N_("You are not in a team yet, so there are no figures to show; ask an admin "
                     "to add you to one."),
    "st_alt": N_("Chart. Open deals by stage and likelihood: {pipeline}. Last {n} weeks "
                 "({weeks}): {series}."),
    "st_chart_title": N_("Team figures, {day}"),
    "st_report_title": N_("Weekly report: {team}, {first} to {last}"),
    "st_report_hint": N_("The chart is in this thread. `/stats` shows this week so far; every "
                         "figure is defined in docs/figures.md."),
    "hm_title": N_("Your day"),
    "hm_none": N_("Nothing here."),
    "hm_overdue": N_("Overdue"),
    "hm_upcoming": N_("Today and the next 7 days"),
    "hm_revisits": N_("Revisits to make"),
    "hm_a_deals": N_("Your A deals"),
    "hm_complaints": N_("Open complaints you own"),
    "hm_returning": N_("Prospects about to return to the pool"),
    "hm_revisit": N_("{customer}: {step} revisit, due {due}"),
    "hm_returning_line": N_("{customer}: protected until {until}"),
    "hm_more": N_("{n} more"),
    "hm_more_elsewhere": N_("…and {n} more (`/tasks`, `/revisit`)."),
    "hm_late_reps": N_("Reps with overdue tasks"),
    "hm_chart": N_("The team's latest chart"),
    "hm_chart_alt": N_("The team's latest chart: open deals by stage and likelihood, and the "
                       "last 8 weeks' figures (the same figures are in words above)."),
    "hm_cut": N_("…more than the Home tab holds: `/tasks` and `/stats` have it all."),
    "stats_usage_title": N_("How to use /stats"),
    "stats_usage": N_("*Team figures, this period against the last*\n"
                      "• `/stats` — this week so far: yours (a rep), or your team's and each "
                      "rep's (a lead)\n"
                      "• `/stats month` — this month so far against last month\n"
                      "• `/stats @sam` — one rep's (their lead, or an admin)\n"
                      "• `/stats team` or `/stats East` — a team's (its lead, or an admin)\n"
                      "• `/stats all` — every team, a line each (admins)\n"
                      "Follow-up timeliness, overdue rate, new A deals, conversion, churn, A "
                      "deals older than their week, revisits and satisfaction, complaints "
                      "(median and 90th percentile times), pool claims and returns. Every figure "
                      "is defined in docs/figures.md."),
}
