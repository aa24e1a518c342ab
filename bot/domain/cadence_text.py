"""What a cadence task says, in the rep's language: why it exists. The title is data: it is
written once, when the task is made, in the owner's language then (docs/language.md)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.catalog import N_, day_words, tr, trn
from bot.domain.cadence import (
    REFRESH,
    REVIEW,
    SENIOR,
    STAGE_EVENT,
    SURVEY,
    WIN_BACK,
    Period,
)

_EVERY = {7: N_("Weekly"), 14: N_("Two-weekly"), 30: N_("Monthly"), 90: N_("Quarterly"),
          180: N_("Six-monthly")}


def task_title(period: Period, name: str, tier: str | None, stage: str | None,
               last_contact: datetime | None, today: date, zone: ZoneInfo, lang: str) -> str:
    """Why the task exists, in the rep's language: "Weekly contact for tier A customer Acme —
    last contact 8 days ago"."""
    if period.kind in (SENIOR, REVIEW, REFRESH, SURVEY):
        return _periodic_title(period, name, tier, lang)
    ago = (today - last_contact.astimezone(zone).date()).days if last_contact else None
    if period.kind == WIN_BACK:
        # The call also asks why they left (recorded from the task's button).
        return trn(lang, "Win-back contact with {name} — lost {n} day ago; ask why they left",
                   "Win-back contact with {name} — lost {n} days ago; ask why they left",
                   period.days, name=name)
    last = trn(lang, "last contact {n} day ago", "last contact {n} days ago", ago) \
        if ago is not None else tr(lang, "no contact logged yet")
    if period.kind == STAGE_EVENT:
        return trn(lang, "Follow up {name} within {n} day of moving to {stage} — {last}",
                   "Follow up {name} within {n} days of moving to {stage} — {last}",
                   period.days, name=name, stage=stage, last=last)
    return tr(lang, "{every} contact for {who} {name} — {last}", every=_every(period.days, lang),
              who=_who(tier, lang), name=name, last=last)


def _periodic_title(period: Period, name: str, tier: str | None, lang: str) -> str:
    every, who, n = _every(period.days, lang), _who(tier, lang), period.days
    if period.kind == REFRESH:
        d = period.since
        assert d is not None
        return tr(lang, "Refresh the file of {name} (last updated {day})", name=name,
                  day=day_words(d, lang, weekday=False))
    if period.kind == SURVEY:
        return tr(lang, "{every} satisfaction survey for {who} {name}", every=every, who=who,
                  name=name)
    if period.kind == REVIEW:
        return tr(lang, "{every} needs review for {who} {name}", every=every, who=who,
                  name=name)
    return trn(lang, "{every} contact with a senior person at {who} {name} — none logged in "
               "the last {n} day", "{every} contact with a senior person at {who} {name} — "
               "none logged in the last {n} days", n, every=every, who=who, name=name)


def _every(days: int, lang: str) -> str:
    if days in _EVERY:
        return tr(lang, _EVERY[days])
    return trn(lang, "Every-{n}-day", "Every-{n}-days", days)


def _who(tier: str | None, lang: str) -> str:
    return tr(lang, "tier {tier} customer", tier=tier) if tier else tr(lang, "customer")
