"""A revisit's step and purpose in the reader's words: "3 days", "3天"; "satisfaction call",
"满意度回访". bot/domain/revisit_titles.py names them in a task's stored title; what is shown
around the title is translated here."""

from __future__ import annotations

from bot.catalog import N_, tr, trn
from bot.domain.revisit_plans import parse_offset
from bot.domain.revisit_titles import CHECK_IN, ONBOARDING, SATISFACTION, SOLVED, USAGE, purpose

PURPOSES = {ONBOARDING: N_("onboarding contact"), SATISFACTION: N_("satisfaction call"),
            USAGE: N_("usage and maintenance call"), CHECK_IN: N_("check-in"),
            SOLVED: N_("is the problem solved?")}


def step_words(step: str, lang: str) -> str:
    """How long after the event a step falls, counted in the reader's language."""
    offset = parse_offset(step)
    n = offset.count
    if offset.unit == "wd":
        return trn(lang, "{n} working day", "{n} working days", n)
    if offset.unit == "w":
        return trn(lang, "{n} week", "{n} weeks", n)
    if offset.unit == "m":
        return trn(lang, "{n} month", "{n} months", n)
    return trn(lang, "{n} day", "{n} days", n)


def purpose_text(kind: str, step: str, lang: str) -> str:
    """Which call the step is, in the reader's words."""
    return tr(lang, PURPOSES[purpose(kind, step)])
