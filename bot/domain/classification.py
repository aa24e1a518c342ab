"""The three classification axes of a customer (docs/domain.md section 2) and their values.

Value tier (by expected yearly business), funnel stage, and close likelihood of an open deal.
`find_moves` reads explicit moves out of a log; it is deliberately conservative (a missed
move costs one command, a wrong one misleads the nightly review), so every rule below needs
an unambiguous cue and a hedge or negation before it cancels it. Phrases: docs/pipeline.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.customers import name_key

TIER, STAGE, LIKELIHOOD = "tier", "stage", "likelihood"
AXES = (TIER, STAGE, LIKELIHOOD)
GRADES = ("A", "B", "C")  # best first, for tier and likelihood alike
# The funnel in order; "lost" sits outside it (it can follow any stage).
STAGES = ("inquiry", "first_meeting", "qualified", "negotiating", "won", "after_sales")
LOST = "lost"
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


@dataclass(frozen=True)
class Move:
    """A customer moved on one axis to a value, and the words that said so."""

    axis: str
    value: str
    phrase: str


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



# --- reading moves from a log -------------------------------------------------------------

_CLAUSE = re.compile(r"[^\n.;!?。；！？]+[.;!?。；！？]?")
_EN_STAGE = (r"inquiry|enquiry|first[ -]meeting|qualified|negotiating|negotiation|won|"
             r"after[ -]sales|lost")
_ZH_STAGE = "询价|初次会面|首次会面|需求确认|谈判|成交|售后|流失"
_GRADE = r"(?P<grade>[ABC])(?![\w'’-])"  # capitals only: "likelihood a deal..." is English
_ARROW = r"\s*(?:→|->|=>|⇒)\s*"
_TO_STAGE = rf"(?:the\s+)?(?P<stage>{_EN_STAGE})(?:\s+stage)?(?![\w-])"
_ZH_GRADE = r"(?P<grade>[ABCabc])(?![A-Za-z\d股])"  # "A股" is the stock market
# Words before a cue that make it a wish, a doubt, a question or a denial.
_EN_HEDGE = re.compile(
    r"\b(?:if|unless|whether|almost|nearly|not|never|no|hope|hopefully|expect|expects|might|"
    r"may|could|would|should|will|plan|planning|want|risk|afraid|before|until|"
    r"\w+n['’]t)\b", re.IGNORECASE)
_ZH_HEDGE = re.compile(r"没|未|不|别|无|非|勿|若|如果|要是|假如|争取|希望|准备|计划|预计|"
                       r"即将|可能|也许|担心|怕|防止|避免|快|将|会|要|想|能否|是否")
_ZH_PAUSE = re.compile(r"[，,、:：\s]")
_END = r"\s*(?:[.!,;—–-]|$)"
Rule = tuple[re.Pattern[str], str | None]  # axis None: the named group decides


def _en_rules(name: str) -> list[Rule]:
    """English patterns; those naming the customer are built for its name."""
    n = r"\s+".join(re.escape(part) for part in name.split())
    flags = re.IGNORECASE
    signed_what = r"(?:\s+(?:the|a|our|their)\s+(?:contract|deal|order|agreement|po))?"
    return [
        (re.compile(rf"(?<!\w)(?i:{n}){_ARROW}(?:{_GRADE}|(?i:{_TO_STAGE}))"), None),
        (re.compile(rf"\b(?:close\s+)?likelihood\s*(?:[:：]|is|now|to|→|->)?\s*(?:now\s+)?"
                    rf"(?-i:{_GRADE})", flags), LIKELIHOOD),
        (re.compile(rf"\b(?:value\s+)?tier\s*(?:[:：]|is|now|to|→|->)?\s*(?-i:{_GRADE})", flags),
         TIER),
        (re.compile(rf"\bstage\s*(?:[:：]|is|now|to|→|->)\s*{_TO_STAGE}", flags), STAGE),
        (re.compile(rf"\bmov(?:e|ed|ing)\s+{n}\s+(?:back\s+)?to\s+(?:(?-i:{_GRADE})|"
                    rf"{_TO_STAGE})", flags), None),
        (re.compile(rf"(?<!\w){n}\s+(?:has\s+|was\s+)?moved\s+(?:back\s+)?to\s+{_TO_STAGE}",
                    flags), STAGE),
        (re.compile(rf"(?<!\w){n}\s*[:,-]?\s+(?:has\s+|just\s+|finally\s+|officially\s+)*"
                    rf"(?P<won>signed){signed_what}{_END}", flags), STAGE),
        (re.compile(rf"\b(?:we\s+(?:have\s+)?)?(?P<lost>lost)\s+{n}(?:\s+to\s+\w.*|{_END})",
                    flags), STAGE),
        (re.compile(rf"(?<!\w){n}\s*[:,-]?\s+(?:is\s+|was\s+|has\s+been\s+)?(?P<lost>lost)"
                    rf"{_END}", flags), STAGE),
    ]


_ZH_RULES: list[Rule] = [
    (re.compile(rf"(?<![A-Za-z])(?P<up>升)级?\s*(?:为|到|至|成)?\s*{_ZH_GRADE}"), LIKELIHOOD),
    (re.compile(rf"(?<![A-Za-z])(?P<down>降)级?\s*(?:为|到|至|成)?\s*{_ZH_GRADE}"), LIKELIHOOD),
    (re.compile(rf"(?:成交)?(?:可能性|把握)\s*(?:[:：]|为|是|调到|改为)?\s*{_ZH_GRADE}"),
     LIKELIHOOD),
    (re.compile(rf"(?:价值|客户)?(?:等级|级别)\s*(?:[:：]|为|是|调到|改为)?\s*{_ZH_GRADE}"), TIER),
    (re.compile(rf"(?:阶段\s*(?:[:：]|为|是|改为)\s*|(?:进入|转入|推进到|到了)\s*)"
                rf"(?P<zhstage>{_ZH_STAGE})(?:阶段)?"), STAGE),
    (re.compile(r"(?P<won>(?:已经?|终于|正式)(?:签约|签单|成交)了?|(?:签约|签单|成交)了"
                r"|^(?:签约|签单|成交)\s*[!！]*$)(?![吗么嘛没])"), STAGE),
    (re.compile(r"(?P<lost>丢单|(?:客户)?流失)(?!率|风险|预警)"), STAGE),
]


def _value(match: re.Match[str], axis: str | None) -> tuple[str, str] | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "won" in groups:
        return STAGE, "won"
    if "lost" in groups:
        return STAGE, LOST
    if "grade" in groups:
        return axis or LIKELIHOOD, groups["grade"].upper()
    stage = groups.get("stage") or groups.get("zhstage")
    found = value_named(STAGE, stage) if stage else None
    return (STAGE, found) if found else None


def find_moves(text: str, customer: str) -> list[Move]:
    """Explicit moves of `customer` in a log, in the order written; one per axis (the last)."""
    moves: dict[str, Move] = {}
    found: list[tuple[int, Move]] = []
    for clause_match in _CLAUSE.finditer(text):
        clause, start = clause_match.group(), clause_match.start()
        if clause.rstrip().endswith(("?", "？")):
            continue  # a question moves nothing
        for offset, move in _clause_moves(clause.strip(), customer):
            found.append((start + offset, move))
    for _, move in sorted(found, key=lambda pair: pair[0]):
        moves.pop(move.axis, None)
        moves[move.axis] = move
    return list(moves.values())


def _clause_moves(clause: str, customer: str) -> list[tuple[int, Move]]:
    out: list[tuple[int, Move]] = []
    english = _en_rules(customer) if customer.strip() else []
    for pattern, axis in english + _ZH_RULES:
        for match in pattern.finditer(clause):
            if _hedged(clause[:match.start()], chinese=(pattern, axis) not in english):
                continue
            value = _value(match, axis)
            if value is not None:
                out.append((match.start(), Move(value[0], value[1], match.group().strip())))
    return out


def _hedged(before: str, *, chinese: bool) -> bool:
    """A wish, doubt or denial just before the cue ("almost lost", "没签约", "希望升A")."""
    if chinese:  # Chinese hedges sit right before the verb, within the same phrase
        return bool(_ZH_HEDGE.search(_ZH_PAUSE.split(before)[-1][-4:]))
    return bool(_EN_HEDGE.search(before))
