"""Reading a revisit from a log ("回访了华为,很满意,5分", "called Acme back, unhappy with delivery,
2/5"): the outcome of the call, the score, satisfied or not, and the reason.

Plain keyword rules in English and Chinese, in the style of complaint_text: the reading is
shown to the rep with the revisit's buttons, so a miss costs a click. The customer is read by
the log reader as for any log. A text reads as a revisit when it says so (回访, "revisit",
"satisfaction call") or gives a score; satisfaction words alone are ordinary news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.parsing.numerals import CN_NUM, cn_int
from bot.domain.revisit_outcomes import CALL_BACK, NO_ANSWER, REACHED, WRONG_NUMBER

F = re.IGNORECASE
_CUE = re.compile(r"\b(?:re-?visit(?:ed|ing)?|satisfaction\s+(?:call|check|survey)|"
                  r"follow[- ]up\s+call|after[- ]sales?\s+call|check(?:ed)?[- ]in\s+call)\b|"
                  r"回访|满意度|售后电话|电话随访|随访", F)
# "Called Acme back" is a revisit only with a word of (dis)satisfaction: else it is any call.
_WEAK_CUE = re.compile(r"\bcall(?:ed)?\s+(?:\S+\s+){0,3}?back\b|回电", F)
_OUTCOMES = (
    (WRONG_NUMBER, re.compile(r"\bwrong\s+(?:phone\s+)?number\b|\bnumber\s+(?:is\s+|was\s+)?"
                              r"(?:wrong|invalid|disconnected|not\s+in\s+service)\b|"
                              r"空号|号码(?:错|不对|有误|无效)|打错|停机", F)),
    (NO_ANSWER, re.compile(r"\bno\s+(?:answer|one\s+(?:answered|picked\s+up))\b|"
                           r"\b(?:didn'?t|did\s+not|not)\s+(?:pick(?:ing)?\s+up|answer\w*)\b|"
                           r"\bvoice\s*mail\b|\bunreachable\b|\bcould(?:n'?t| not)\s+reach\b|"
                           r"没人接|无人接听?|没接|未接|打不通|关机|无法接通|联系不上", F)),
    (CALL_BACK, re.compile(r"\bcall\s+(?:\w+\s+)?(?:back\s+)?(?:later|again|tomorrow)\b|"
                           r"\basked\s+(?:us|me|to)\s+(?:to\s+)?call\s+back\b|\bbusy\b|"
                           r"(?:稍后|晚点|回头|改天|明天)再?(?:打|联系|回电)|再打|在忙|在开会|"
                           r"没空", F)),
)
# Denials are matched before the plain words they contain ("不满意" holds "满意").
_UNHAPPY = re.compile(r"\b(?:unhappy|not\s+(?:happy|satisfied|pleased)|dissatisfied|"
                      r"disappointed|upset|annoyed|complain\w*)\b|"
                      r"不满意?|不太满意|失望|不高兴|抱怨|投诉|有意见", F)
_HAPPY = re.compile(r"\b(?:happy|satisfied|pleased|delighted|very\s+good|great|love[sd]?)\b|"
                    r"满意|挺好|很好|不错|好评|认可", F)
_SCORE = re.compile(
    rf"(?<![\d.])(?P<a>[1-5])\s*/\s*5\b|(?<![\d.])(?P<b>[1-5])\s*(?:out\s+of\s+5|stars?|pts?|"
    rf"points?)\b|\b(?:score[ds]?|rated?|rating|gave\s+(?:us\s+)?)\s*(?:of\s+|us\s+|it\s+|a\s+)?"
    rf"(?P<c>[1-5])(?!\s*/\s*(?:10|100)\b)(?![\d.%])|(?<![点點时:：\d])(?P<d>{CN_NUM}{{1,2}})\s*(?:分|星)(?!钟)|"
    rf"(?P<full>满分|五星好评)", F)
# Words that name a reason (the default reason codes); a configured reason that is not here
# is read when its own name appears in the text.
_REASON_WORDS: dict[str, re.Pattern[str]] = {
    "product": re.compile(r"\b(?:quality|broken|defect\w*|faulty|bugs?|product)\b|"
                          r"质量|故障|坏了|缺陷|产品|毛病", F),
    "delivery": re.compile(r"\b(?:deliver\w*|late|shipping|shipment|logistics|delay\w*)\b|"
                           r"交货|发货|物流|送货|到货|延迟|晚到", F),
    "service": re.compile(r"\b(?:service|support|attitude|rude|installation|engineer)\b|"
                          r"服务|态度|售后|安装|工程师", F),
    "price": re.compile(r"\b(?:price[sd]?|pricing|expensive|cost\w*|overcharg\w*)\b|"
                        r"价格|太贵|贵了|费用|价钱", F),
    "usage": re.compile(r"\b(?:training|how\s+to\s+use|usage|manual|hard\s+to\s+use)\b|"
                        r"培训|使用|操作|不会用|说明书", F),
}


@dataclass(frozen=True)
class RevisitReading:
    """What a log says about a revisit call; fields left None were not said."""

    outcome: str
    score: int | None = None
    satisfied: bool | None = None
    reason: str | None = None


def read_score(text: str) -> tuple[int, bool] | None:
    """A satisfaction score of 1-5 written in the text ("2/5", "5分", "rated 4", "满分"), and
    whether its form says it is a score ("2/5" alone may be a date)."""
    for m in _SCORE.finditer(text):
        if m["full"]:
            return 5, True
        raw = m["a"] or m["b"] or m["c"] or m["d"]
        value = cn_int(raw) if raw else 0
        if 1 <= value <= 5:
            return value, m["a"] is None
    return None


def read_reason(text: str, reasons: Sequence[str]) -> str | None:
    """The first configured reason the text names (by its words, or by the reason itself)."""
    lowered = text.lower()
    for reason in reasons:
        words = _REASON_WORDS.get(reason)
        if (words.search(text) if words is not None
                else reason.lower().replace("_", " ") in lowered):
            return reason
    return None


def read_revisit(text: str, reasons: Sequence[str]) -> RevisitReading | None:
    """The revisit a log records, or None when the log does not read as one."""
    found, cue = read_score(text), _CUE.search(text) is not None
    unhappy = _UNHAPPY.search(text) is not None
    happy = not unhappy and _HAPPY.search(text) is not None
    # A score says "revisit" by itself only in a form no date has ("5分", "rated 4"); "3/5"
    # or "called them back" needs a word of (dis)satisfaction beside it.
    weak = found is not None or _WEAK_CUE.search(text) is not None
    if not (cue or (found is not None and found[1]) or (weak and (happy or unhappy))):
        return None
    score = found[0] if found is not None else None
    outcome = next((name for name, pattern in _OUTCOMES if pattern.search(text)), REACHED)
    if outcome != REACHED and score is None:
        return RevisitReading(outcome)
    satisfied = score >= 4 if score is not None else True if happy else False if unhappy \
        else None
    reason = read_reason(text, reasons) if satisfied is False else None
    return RevisitReading(REACHED, score, satisfied, reason)


# A service visit or repair done (domain §6: the 3-day "problem solved?" call follows), said
# in the past: a repair still to come ("need to repair", "要维修", "下周上门维修") is a promise.
_SERVICE_DONE = re.compile(
    r"\b(?:repaired|fixed\s+(?:the|their|its|a|an)\b|serviced\s+(?:the|their|its)\b|"
    r"(?:did|made|finished|completed)\s+(?:the\s+|a\s+|an\s+)?(?:repair|service\s+visit|"
    r"maintenance|on-?site\s+service)|service\s+visit\s+(?:done|completed|today)|"
    r"technician\s+(?:visited|went|came)|engineer\s+(?:visited|went|came))|"
    r"(?:维修|修理|检修|保养|上门服务|售后上门)(?:了|完|好了|完成|已完成)|修好了?|已(?:上门)?维修|"
    r"上门(?:维修|服务|检修)过|(?:去|到)\S{0,12}?(?:维修|检修|保养)了", F)
_SERVICE_PROMISED = re.compile(
    r"\b(?:will|to|need(?:s|ed)?\s+(?:a\s+)?|going\s+to|next\s+\w+)\s+(?:repair|fix|service)|"
    r"(?:要|需要|准备|打算|计划|将|待|下周|明天|后天)\S{0,4}(?:上门)?(?:维修|修理|检修|保养)", F)


def reads_as_service_visit(text: str) -> bool:
    """Whether a log records a service visit or repair done ("repaired the printer on site",
    "上门维修了", "修好了"): it starts the "problem solved?" call. A repair only planned or
    asked for does not."""
    return _SERVICE_DONE.search(text) is not None and _SERVICE_PROMISED.search(text) is None
