"""A customer's classification in the reader's words: the axes, the stages, the grades'
meanings. A grade's letter (A, B, C) reads the same in every language."""

from __future__ import annotations

from bot.catalog import N_, tr
from bot.domain.classification import GRADES, LIKELIHOOD, STAGE, TIER, VALUES
from handlers.blocks.text import shown

AXIS_WORDS = {TIER: N_("value tier"), STAGE: N_("stage"), LIKELIHOOD: N_("likelihood")}
AXIS_TITLES = {TIER: N_("Value tier"), STAGE: N_("Stage"), LIKELIHOOD: N_("Close likelihood")}
STAGE_WORDS = {"inquiry": N_("inquiry"), "first_meeting": N_("first meeting"),
               "qualified": N_("qualified"), "negotiating": N_("negotiating"), "won": N_("won"),
               "after_sales": N_("after-sales"), "lost": N_("lost")}
GRADE_MEANINGS = {
    LIKELIHOOD: {"A": N_("A · signs within a week"), "B": N_("B · within two weeks"),
                 "C": N_("C · within a month")},
    TIER: {"A": N_("A · ≥ 500,000 a year"), "B": N_("B · ≥ 100,000"),
           "C": N_("C · below 100,000")}}


def class_word(axis: str, value: str | None, lang: str) -> str:
    """A value as the reader says it: "negotiating" / "谈判", "A"; a dash when unset."""
    if value is None:
        return "—"
    if axis == STAGE and value in STAGE_WORDS:
        return tr(lang, STAGE_WORDS[value])
    return shown(value, 40)  # a grade; or whatever a payload carried, made inert


def axis_word(axis: str, lang: str) -> str:
    """An axis's name inside a sentence ("stage", "阶段"); an unknown one as it is."""
    return tr(lang, AXIS_WORDS[axis]) if axis in AXIS_WORDS else axis


def axis_options(axis: str, lang: str) -> list[tuple[str, str]]:
    """(value, label) of every value of an axis, in order, for a menu."""
    if axis == STAGE:
        return [(v, class_word(STAGE, v, lang)) for v in VALUES[STAGE]]
    return [(g, tr(lang, GRADE_MEANINGS[axis][g])) for g in GRADES]
