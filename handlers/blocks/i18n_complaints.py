"""The words of complaints that come as codes: their status, category and priority, and why a
request was refused (the services' reason codes). A deal's stage is handlers/blocks/classes.py's."""

from __future__ import annotations

from bot.catalog import N_, Np_, tr

# "open" is said otherwise of a complaint (未处理) than of a task (待办): a message context.
STATUS = {"open": Np_("complaint status", "open"), "acknowledged": N_("acknowledged"),
          "resolved": N_("resolved")}
CATEGORY = {"product": N_("product"), "service": N_("service"), "experience": N_("experience")}
PRIORITY = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}

# Why a complaint request was refused (ComplaintOutcome.message holds the code); {number},
# {status} and {owner} come from the complaint as it is.
REFUSALS = {
    "gone": N_("That complaint no longer exists."),
    "not_allowed": N_("Only its team, the people it escalates to and admins can act on a "
                      "complaint."),
    "already_status": N_("Complaint #{number} is already {status}."),
    "is_resolved": N_("Complaint #{number} is resolved."),
    "already_owner": N_("{owner} already owns it."),
    "no_check_back": N_("Complaint #{number} has no check-back pending."),
    "unknown_triage": N_("Unknown category or priority."),
    "not_raiser": N_("Only the person who raised it, its owner, backup or lead can change it."),
    "no_customer": N_("Say which customer it is, e.g. `/complaint Acme Corp: delivery two weeks "
                      "late` or `投诉:联想说交货太慢`."),
    "failed": N_("Sorry, something went wrong on my side and the complaint was not raised. "
                 "Please raise it again in a minute."),
}

# Why /oncall could not answer (DutyView.message holds the code); {team}, {who}, {phrase}.
DUTY = {
    "no_team": N_("You are in no team, so you have no duty rotation."),
    "no_rotation": N_("Team {team} has no duty rotation; complaints go to its lead."),
    "no_team_cover": N_("You are in no team, so there is no duty to cover."),
    "not_member": N_("{who} is not in team {team}."),
    "past": N_("That time has already passed."),
    "too_long": N_("A cover can last at most 31 days; change the rotation instead."),
    "until_what": N_("Say until when, e.g. `/oncall cover @kim until Friday 18:00`."),
    "unread_time": N_("I could not read a time in \"{phrase}\"."),
    "forbidden": N_("/complaints is for team leads and admins."),
}


def word(lang: str, table: dict[str, str], code: str | None) -> str:
    """A code's word in `lang`; a code the table does not know is shown as it is."""
    if code in table:
        return tr(lang, table[code])
    return code or "-"
