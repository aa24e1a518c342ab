"""The answer to /team."""

from __future__ import annotations

from typing import Any

from babel.dates import format_time

from bot.catalog import N_, babel_locale, tr
from bot.domain.teams import Team
from handlers.blocks.text import mention, notice, section, shown

# The configuration's weekday codes, as a reader reads them.
WEEKDAYS = {"mon": N_("Mon"), "tue": N_("Tue"), "wed": N_("Wed"), "thu": N_("Thu"),
            "fri": N_("Fri"), "sat": N_("Sat"), "sun": N_("Sun")}


def _channel(channel_id: str | None) -> str:
    return f"<#{channel_id}>"


def _days(lang: str, days: tuple[str, ...]) -> str:
    return ", ".join(tr(lang, WEEKDAYS[d]) if d in WEEKDAYS else shown(d, 10) for d in days)


def team_message(team: Team | None, viewer: str, lang: str = "en") -> dict[str, Any]:
    """A person's team: channel, lead, members, time zone, working days, review time."""
    if team is None:
        return {"text": tr(lang, "No team"), "blocks": [section(tr(
            lang, "You are not in a team yet, so you work on your own: nobody else is told "
                  "about your overdue tasks. Ask an admin to add you to the team file "
                  "(`CRM_CONFIG`)."))]}
    name = shown(team.name, 100)
    head = tr(lang, "*{team}* — you are its lead", team=name) if team.lead == viewer \
        else tr(lang, "*{team}* — you are a member", team=name)
    members = ", ".join(f"<@{m}>" for m in team.members) or tr(lang, "none yet")
    review = format_time(team.review_time, "HH:mm", locale=babel_locale(lang))
    zone = tr(lang, "Time zone {tz}", tz=team.timezone)
    if team.country:
        zone += " · " + tr(lang, "holidays of {country}", country=team.country)
    zone += " · " + tr(lang, "working days {days}", days=_days(lang, team.working_days))
    zone += " · " + tr(lang, "nightly review {time}", time=review)
    lines = [head, tr(lang, "Channel {channel} · lead {lead}", channel=_channel(team.channel),
                      lead=mention(team.lead)),
             tr(lang, "Members: {members}", members=members), zone]
    return {"text": notice(tr(lang, "Team {team}", team=name)),
            "blocks": [section("\n".join(lines))]}
