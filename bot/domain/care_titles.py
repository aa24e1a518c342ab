"""What a care date's task says, in the owner's language: whose date, which day, how far
ahead (docs/revisits.md, "Care dates")."""

from __future__ import annotations

from datetime import date

from bot.domain.care_dates import ANNIVERSARY, BIRTHDAY, RENEWAL

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def care_task_title(kind: str, label: str, customer: str, occurrence: date, days_before: int,
                    lang: str) -> str:
    """"Birthday of Mr Li (Acme) on 5 Mar — in 3 days" / "王总(华为)生日 3月5日 — 还有 3 天"."""
    if lang == "zh":
        day = f"{occurrence.month}月{occurrence.day}日"
        ahead = "就在今天" if days_before == 0 else f"还有 {days_before} 天"
        if kind == BIRTHDAY:
            who = f"{label}({customer})" if label else customer
            return f"{who}生日 {day} — {ahead}"
        if kind == ANNIVERSARY:
            return f"{customer} 公司周年纪念日 {day} — {ahead}"
        if kind == RENEWAL:
            return f"{customer} 合同续约 {occurrence.year}年{day} — {ahead}"
        return f"{customer}:{label or '重要日子'} {day} — {ahead}"
    day = f"{occurrence.day} {_MONTHS_EN[occurrence.month - 1]}"
    ahead = "today" if days_before == 0 else \
        f"in {days_before} day{'s' if days_before != 1 else ''}"
    if kind == BIRTHDAY:
        who = f"{label} ({customer})" if label else f"the contact at {customer}"
        return f"Birthday of {who} on {day} — {ahead}"
    if kind == ANNIVERSARY:
        return f"Company anniversary of {customer} on {day} — {ahead}"
    if kind == RENEWAL:
        return f"Contract renewal of {customer} due {day} {occurrence.year} — {ahead}"
    return f"{label or 'Key date'} of {customer} on {day} — {ahead}"
