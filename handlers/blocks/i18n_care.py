"""Care dates' and the brief's words in English and Chinese (merged into
handlers/blocks/i18n.py)."""

from __future__ import annotations

CARE_EN: dict[str, str] = {
    "care_birthday": "Birthday", "care_anniversary": "Company anniversary",
    "care_renewal": "Contract renewal", "care_named": "Key date",
    "care_recorded": "📅 Recorded: {what} — a yearly reminder comes ahead of it.",
    "care_of": "{what} of {who}",
    "care_card": "📅 Key dates: {dates}",
    "brief_head": "Before you call",
    "brief_last": "Last contact {when}: {text}",
    "brief_no_contact": "No contact logged yet",
    "brief_needs": "Needs: {text}",
    "brief_objection": "Last objection: {text}",
    "brief_unhappy": "⚠️ Dissatisfied at the last revisit ({score}/5){reason}",
    "brief_complaints": "🔴 Open complaints ({n}): {text}",
    "brief_revisit": "Next revisit: {step} on {when}",
}

CARE_ZH: dict[str, str] = {
    "care_birthday": "生日", "care_anniversary": "公司周年纪念日",
    "care_renewal": "合同续约", "care_named": "重要日子",
    "care_recorded": "📅 已记录:{what} — 每年会提前提醒。",
    "care_of": "{who}{what}",
    "care_card": "📅 重要日子:{dates}",
    "brief_head": "联系前请看",
    "brief_last": "上次联系 {when}:{text}",
    "brief_no_contact": "尚无联系记录",
    "brief_needs": "需求:{text}",
    "brief_objection": "最近的异议:{text}",
    "brief_unhappy": "⚠️ 上次回访不满意({score}/5){reason}",
    "brief_complaints": "🔴 未结投诉({n}):{text}",
    "brief_revisit": "下次回访:{step},{when}",
}
