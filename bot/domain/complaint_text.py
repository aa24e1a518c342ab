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
