"""Care dates as people read them (a log's reply, the customer card) and the brief before a
contact under every task reminder, in English and Chinese."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.catalog import tr
from bot.domain.brief import Brief
from bot.domain.language import is_chinese
from bot.services.views import CareDateView
from handlers.blocks.i18n import MESSAGES, t
from handlers.blocks.revisit_steps import step_words
from handlers.blocks.text import context, day_text, shown, when


def care_date_text(care: CareDateView, lang: str) -> str:
    """"Birthday of Mr Li: 5 Mar", "合同续约:2027年6月30日"."""
    key = f"care_{care.kind}" if f"care_{care.kind}" in MESSAGES else "care_named"
    what = shown(care.label, 60) if key == "care_named" and care.label else t(lang, key)
    if care.kind == "birthday" and care.label:
        what = t(lang, "care_of", what=what, who=shown(care.label, 60))
    year = care.year if care.year and care.kind == "renewal" else None
    # A yearly date is shown without a year (2000 is a leap year: 29 Feb is a valid day).
    try:
        day = day_text(date(year or 2000, care.month, care.day), lang, year=year is not None,
                       weekday=False)
    except ValueError:  # a stored day no calendar has: shown as stored
        day = f"{care.month}/{care.day}"
    return tr(lang, "{what}: {day}", what=what, day=day)


def care_recorded_lines(dates: Sequence[CareDateView], lang: str) -> list[str]:
    """What a log's reply says of the key dates it recorded."""
    return [t(lang, "care_recorded", what=care_date_text(d, lang)) for d in dates]


def care_card_line(dates: Sequence[CareDateView], lang: str) -> str | None:
    """The customer card's line of key dates (None: it has none)."""
    if not dates:
        return None
    sep = ";" if is_chinese(lang) else "; "
    return t(lang, "care_card", dates=sep.join(care_date_text(d, lang) for d in dates))


def brief_blocks(brief: Brief | None, tz: str, lang: str) -> list[dict[str, Any]]:
    """The brief before the contact: at most five short lines in one context block."""
    if brief is None:
        return []
    lines = [_last_contact(brief, tz, lang)]
    if brief.needs:
        lines.append(t(lang, "brief_needs", text=shown(brief.needs, 150)))
    if brief.concern is not None:
        lines.append(_concern(brief, lang))
    if brief.open_complaints:
        lines.append(t(lang, "brief_complaints", n=str(brief.open_complaints),
                       text=shown(brief.complaint, 120)))
    if brief.next_revisit_day is not None:
        lines.append(t(lang, "brief_revisit", step=_step(brief.next_revisit, lang),
                       when=_day(brief.next_revisit_day, lang)))
    return [context(f"*{t(lang, 'brief_head')}*\n" + "\n".join(lines[:5]))]


def _last_contact(brief: Brief, tz: str, lang: str) -> str:
    if brief.last_contact_at is None:
        return t(lang, "brief_no_contact")
    return t(lang, "brief_last", when=when(brief.last_contact_at, "day", tz, lang),
             text=shown(brief.last_contact, 150))


def _concern(brief: Brief, lang: str) -> str:
    if brief.concern_score is None:
        return t(lang, "brief_objection", text=shown(brief.concern, 150))
    code = f"rv_reason_{brief.concern}"  # a configured reason's code is translated
    reason = t(lang, code) if code in MESSAGES else shown(brief.concern, 150)
    sep = ":" if is_chinese(lang) else ": "
    return t(lang, "brief_unhappy", score=str(brief.concern_score),
             reason=f"{sep}{reason}" if reason else "")


def _step(step: str | None, lang: str) -> str:
    """A revisit's step as said to a person ("3 weeks", "3周"); as stored if unreadable."""
    try:
        return step_words(step or "", lang)
    except ValueError:
        return shown(step, 10)


def _day(day: date, lang: str) -> str:
    """A calendar day without a zone (a revisit's working day): "Thu, 26 Nov 2026"."""
    return day_text(day, lang)
