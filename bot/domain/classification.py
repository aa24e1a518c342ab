"""The three classification axes of a customer (docs/domain.md section 2) and their values.

Value tier (by expected yearly business), funnel stage, and close likelihood of an open deal.
Reading the moves a log states is bot/domain/log_moves.py.
"""

from __future__ import annotations

from decimal import Decimal

from bot.domain.customers import name_key

TIER, STAGE, LIKELIHOOD = "tier", "stage", "likelihood"
AXES = (TIER, STAGE, LIKELIHOOD)
GRADES = ("A", "B", "C")  # best first, for tier and likelihood alike
# The funnel in order; "lost" sits outside it (it can follow any stage).
STAGES = ("inquiry", "first_meeting", "qualified", "negotiating", "won", "after_sales")
LOST = "lost"
WON = "won"  # a purchase: starts the after-sale revisits (docs/revisits.md)
VALUES: dict[str, tuple[str, ...]] = {TIER: GRADES, STAGE: (*STAGES, LOST), LIKELIHOOD: GRADES}

STAGE_NAMES: dict[str, tuple[str, str]] = {  # value: (English, Chinese) as shown to people
    "inquiry": ("inquiry", "询价"),
    "first_meeting": ("first meeting", "初次会面"),
    "qualified": ("qualified", "需求确认"),
    "negotiating": ("negotiating", "谈判"),
    "won": ("won", "成交"),
    "after_sales": ("after-sales", "售后"),
    LOST: ("lost", "流失"),
}
AXIS_NAMES: dict[str, tuple[str, str]] = {
    TIER: ("value tier", "价值等级"),
    STAGE: ("stage", "阶段"),
    LIKELIHOOD: ("likelihood", "成交可能性"),
}
# Other ways people write a stage, by name_key. Chinese synonyms are common shorthand in
# sales teams; "enquiry" is British spelling.
_STAGE_SYNONYMS = {
    "enquiry": "inquiry", "first meeting": "first_meeting", "first-meeting": "first_meeting",
    "meeting": "first_meeting", "初次见面": "first_meeting", "首次会面": "first_meeting",
    "need confirmed": "qualified", "negotiation": "negotiating", "negotiate": "negotiating",
    "价格谈判": "negotiating", "closed won": "won", "signed": "won", "签约": "won",
    "after sales": "after_sales", "after-sales": "after_sales", "aftersales": "after_sales",
    "closed lost": LOST, "丢单": LOST,
}
# Only words unlikely inside a customer's name: `/customer NAME AXIS VALUE` looks for them.
_AXIS_WORDS = {
    "tier": TIER, "value tier": TIER, "等级": TIER, "价值等级": TIER, "客户等级": TIER,
    "stage": STAGE, "阶段": STAGE,
    "likelihood": LIKELIHOOD, "close likelihood": LIKELIHOOD, "可能性": LIKELIHOOD,
    "成交可能性": LIKELIHOOD, "把握": LIKELIHOOD,
}
DEFAULT_THRESHOLDS = (Decimal(500_000), Decimal(100_000))  # A at least, B at least


def axis_named(word: str) -> str | None:
    """The axis a word names ("stage", "阶段", "likelihood", "tier"...), or None."""
    return _AXIS_WORDS.get(name_key(word))


def value_named(axis: str, word: str) -> str | None:
    """The canonical value of `axis` a word names ("Negotiating", "谈判", "b"), or None."""
    key = name_key(word)
    if axis in (TIER, LIKELIHOOD):
        return key.upper() if key.upper() in GRADES else None
    if axis != STAGE:
        return None
    canonical = key.replace(" ", "_").replace("-", "_")
    if canonical in VALUES[STAGE]:
        return canonical
    for value, names in STAGE_NAMES.items():
        if key in names:
            return value
    return _STAGE_SYNONYMS.get(key)


def display(axis: str, value: str | None, lang: str = "en") -> str:
    """A value as people read it: "negotiating" / "谈判", "A"; a dash when unset."""
    if value is None:
        return "—"
    if axis == STAGE and value in STAGE_NAMES:
        return STAGE_NAMES[value][1 if lang == "zh" else 0]
    return value


def tier_for_amount(amount: Decimal | int | float,
                    thresholds: tuple[Decimal, Decimal] = DEFAULT_THRESHOLDS) -> str:
    """The value tier of an expected yearly business: A ≥ 500,000; B ≥ 100,000; else C."""
    at_least_a, at_least_b = thresholds
    money = Decimal(str(amount))
    if money >= at_least_a:
        return "A"
    return "B" if money >= at_least_b else "C"


def _rank(axis: str, value: str) -> int:
    """Higher is better: A above C; further down the funnel above earlier; lost lowest."""
    if axis == STAGE:
        return -1 if value == LOST else STAGES.index(value)
    return len(GRADES) - GRADES.index(value)


def direction(axis: str, old: str | None, new: str | None) -> str | None:
    """"up", "down", or None when nothing moved or either side is unset (a first setting)."""
    if old is None or new is None or old == new:
        return None
    return "up" if _rank(axis, new) > _rank(axis, old) else "down"


def is_upgrade(axis: str, old: str | None, new: str | None) -> bool:
    """Whether the change is an upgrade (C→B→A, or further down the funnel)."""
    return direction(axis, old, new) == "up"


def is_downgrade(axis: str, old: str | None, new: str | None) -> bool:
    """Whether the change is a downgrade (A→B, back up the funnel, or lost)."""
    return direction(axis, old, new) == "down"
