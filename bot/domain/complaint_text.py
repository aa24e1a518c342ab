"""Reading a complaint's text: is a DM a complaint, and which category and priority to suggest.

Keyword rules, English and Chinese, deliberately simple: the suggestion is shown to the
person raising the complaint, who can change it, so a miss costs one click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "complaint: …", "Complaint - …", "投诉:…", "投诉：…", "客诉:…"
_PREFIX = re.compile(r"^\s*(?:complaint|complain|投诉|客诉)\s*[:：\-—,，]\s*(?P<rest>\S.*)$",
                     re.IGNORECASE | re.DOTALL)

_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "product": ("broken", "defect", "faulty", "bug", "crash", "doesn't work", "does not work",
                "not working", "damaged", "quality", "malfunction", "error", "leak",
                "质量", "坏了", "故障", "缺陷", "损坏", "不能用", "用不了", "漏", "次品", "报错",
                "产品"),
    "service": ("delivery", "delivered", "deliver", "late", "delay", "delayed", "slow",
                "shipping", "shipment", "invoice",
                "refund", "no reply", "no answer", "support", "installation", "billing",
                "overcharged", "wrong order", "交货", "发货", "物流", "送货", "太慢", "延迟",
                "迟到", "退款", "发票", "售后", "没人回", "不回复", "安装", "账单", "多收"),
    "experience": ("rude", "attitude", "unprofessional", "impolite", "ignored", "confusing",
                   "waited", "hung up", "disrespect", "态度", "不专业", "不礼貌", "体验", "冷淡",
                   "挂电话", "不耐烦", "敷衍"),
}
_HIGH = ("urgent", "immediately", "asap", "right now", "cancel", "terminate", "lawyer",
         "legal", "lawsuit", "switch supplier", "competitor", "safety", "injured",
         "injury", "furious",
         "escalate", "紧急", "马上", "立刻", "立即", "取消", "解约", "终止合作", "律师", "起诉",
         "换供应商", "不合作", "安全", "受伤", "非常生气", "投诉到")
_LOW = ("minor", "small issue", "suggestion", "would be nice", "nice to have", "feedback",
        "cosmetic", "小问题", "建议", "希望", "反馈", "有点")


@dataclass(frozen=True)
class Suggestion:
    """The category and priority suggested for a complaint, and the words that decided."""

    category: str
    priority: str
    matched: tuple[str, ...] = ()


def complaint_body(text: str) -> str | None:
    """The complaint in a DM that says it is one ("complaint: …", "投诉:…"), else None."""
    m = _PREFIX.match(text)
    return m["rest"].strip() if m else None


def _hits(text: str, words: tuple[str, ...]) -> list[str]:
    lowered = text.lower()
    # English words must stand alone ("late" is not in "translate"); Chinese has no spaces.
    return [w for w in words
            if (re.search(rf"\b{re.escape(w)}\b", lowered) if w.isascii() else w in lowered)]


def suggest(text: str) -> Suggestion:
    """Suggest a category (most keyword hits; service when none) and a priority (high on
    words of urgency or leaving, low on words of mildness, medium otherwise)."""
    scores = {c: _hits(text, words) for c, words in _CATEGORY_WORDS.items()}
    best = max(scores, key=lambda c: len(scores[c]))
    category = best if scores[best] else "service"
    high, low = _hits(text, _HIGH), _hits(text, _LOW)
    priority = "high" if high else "low" if low else "medium"
    matched = tuple(scores[category]) + tuple(high if high else low)
    return Suggestion(category, priority, matched)


# --- a log that reads as a complaint ------------------------------------------------------
# A complaint needs the customer's displeasure, said outright ("complained", "投诉") or as
# anger about a problem ("Li is angry, delivery is two weeks late"). A problem alone ("send
# the invoice", "price too high") or losing a deal ("went with a competitor") is ordinary news.
OFFER_AT = 0.5  # the reply offers Raise complaint from this confidence
_SAID = re.compile(r"\bcomplain(?:ed|ing|s|t|ts)?\b|投诉|客诉|抱怨|不满|埋怨", re.IGNORECASE)
_ANGER = re.compile(
    r"\b(?:angry|upset|furious|annoyed|frustrated|unhappy|not\s+happy|livid|fed\s+up|"
    r"disappointed|outraged|yelled|shouted|threaten\w*|escalat\w+|mad|pissed)\b|"
    r"生气|发火|恼火|不高兴|火大|很气|气坏|失望|骂|威胁|不爽|急了", re.IGNORECASE)
# Milder displeasure: with a problem it is a complaint, alone it is a mood.
_DISPLEASED = re.compile(
    r"(?:\bnot|n't)\s+(?:thrilled|pleased|impressed|happy)\b|"
    r"\b(?:dissatisfied|displeased|unimpressed|irritated|grumbl\w*|moan\w*|gripe[sd]?|"
    r"concerns?|concerned|unacceptable)\b|not\s+(?:great|ok|okay|acceptable)\b|嫌|有意见|"
    r"意见很大|吐槽|怨言|不满意|差评|情绪(?:比较|很|非常)?大|有情绪|闹情绪|"
    r"不耐烦|着急|语气很冲", re.IGNORECASE)
# The customer asking us to put a problem right, or threatening to leave over it.
_REMEDY = re.compile(
    r"\bwants?\s+(?:a\s+|an\s+|the\s+|us\s+to\s+)?(?:(?:replacement|refund|credit|"
    r"compensation|apology|rca)\w*|(?:it|this|that|them)\s+fixed|fix\b)|"
    r"\bneeds?\s+(?:a\s+)?fix\b|\b(?:demand\w*|"
    r"switch(?:ing)?\s+(?:supplier|vendor|provider)s?|cancel(?:ling)?\s+the\s+(?:contract|order))"
    r"\b|要求[^，。,.；;！!]{0,8}?(?:解决|处理|换货|退货|退款|赔偿|补偿|重开|整改|修复|说法|道歉|答复)|"
    r"要(?:换货|退货|退款|赔偿|补偿|换供应商)|换供应商|取消订单|解约", re.IGNORECASE)
# A problem with someone else's product (the vendor they would leave for us) is a lead,
# not a complaint: then only displeasure said outright or anger count.
_THEIRS = re.compile(
    r"\b(?:their|current|old|existing|previous|incumbent)\s+(?:\w+\s+)?(?:vendor|supplier|"
    r"provider|system|solution|tool)s?\b|\bcompetitor['’]s\b|友商的|竞品的|竞争对手的|现在用的|"
    r"原来的|现有的|别家的", re.IGNORECASE)
_PROBLEM = re.compile(
    r"\b(?:wrong|incorrect|missing|broken|damaged|defect\w*|faulty|late|delay\w*|crash\w*|"
    r"still\s+(?:not|no)|never\s+(?:arrived|came)|not\s+working|doesn't\s+work|overcharged|"
    r"no\s+(?:reply|answer|one)|rude|bug|error|leak\w*)\b|"
    r"开错|发错|错了|少发|漏发|还没到|没收到|迟迟|延迟|晚了|坏了|故障|质量|损坏|报错|多收|"
    r"太慢|不回复|没人回|态度|响应慢|很慢|很卡|卡顿|超时|掉线|死机|停了|开不了|重复扣费|还没收到|"
    r"打不通|"
    r"\b(?:errors|bugs|outage|slow|misprint\w*|outdated|no-?show\w*|didn't\s+show|slipped|"
    r"can'?t\s+log\s+in|double[- ]charg\w*|(?:been|is|went|was)\s+down)\b", re.IGNORECASE)
# Said before a cue, these deny it: "no complaints", "not angry", "没有投诉", "不生气".
_DENIED = re.compile(r"(?:\b(?:no|not|never|nothing|without|wasn't|isn't|aren't|weren't|"
                     r"didn't|no\s+longer|any)\s+(?:\w+\s+)?|[没无未不]有?)$", re.IGNORECASE)


@dataclass(frozen=True)
class ComplaintIntent:
    """How surely a log reads as a complaint (0..1), and its suggested category and
    priority."""

    confidence: float
    category: str
    priority: str


def _said(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the cue occurs at least once without a denial just before it."""
    return any(not _DENIED.search(text[max(0, m.start() - 20):m.start()])
               for m in pattern.finditer(text))


def complaint_intent(text: str) -> ComplaintIntent | None:
    """A log's complaint, or None when it reads as ordinary (even negative) news."""
    said, anger, problem, displeased, remedy = (
        _said(p, text) for p in (_SAID, _ANGER, _PROBLEM, _DISPLEASED, _REMEDY))
    if _THEIRS.search(text):
        displeased = remedy = False
    confidence = 0.9 if said else 0.85 if anger and problem else 0.75 if displeased and problem \
        else 0.7 if remedy and problem else 0.6 if anger else 0.0
    if confidence < OFFER_AT:
        return None
    guess = suggest(text)
    return ComplaintIntent(confidence, guess.category, guess.priority)


def reads_as_complaint(text: str) -> bool:
    """Whether a log's reply should offer Raise complaint."""
    return complaint_intent(text) is not None
