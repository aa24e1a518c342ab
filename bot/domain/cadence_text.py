"""What a cadence task says, in the rep's language (English or Chinese): why it exists."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.cadence import (
    REFRESH,
    REVIEW,
    SENIOR,
    STAGE_EVENT,
    SURVEY,
    WIN_BACK,
    Period,
)
from bot.domain.language import is_chinese

_EVERY_EN = {7: "Weekly", 14: "Two-weekly", 30: "Monthly", 90: "Quarterly",
             180: "Six-monthly"}
_EVERY_ZH = {7: "每周", 14: "每两周", 30: "每月", 90: "每季度", 180: "每半年"}


def task_title(period: Period, name: str, tier: str | None, stage: str | None,
               last_contact: datetime | None, today: date, zone: ZoneInfo, lang: str) -> str:
    """Why the task exists, in the rep's language: "Weekly contact for tier A customer Acme —
    last contact 8 days ago"."""
    zh = is_chinese(lang)
    if period.kind in (SENIOR, REVIEW, REFRESH, SURVEY):
        return _periodic_title(period, name, tier, zh)
    ago = (today - last_contact.astimezone(zone).date()).days if last_contact else None
    if period.kind == WIN_BACK:
        # The call also asks why they left (recorded from the task's button).
        return (f"挽回联系 {name} — 流失已 {period.days} 天,问清离开原因" if zh else
                f"Win-back contact with {name} — lost {period.days} days ago; ask why they "
                "left")
    if zh:
        last = f"上次联系 {ago} 天前" if ago is not None else "尚无联系记录"
    else:
        last = f"last contact {ago} days ago" if ago is not None else "no contact logged yet"
    if period.kind == STAGE_EVENT:
        return (f"跟进 {name}（进入{stage}阶段后 {period.days} 天内）— {last}" if zh else
                f"Follow up {name} within {period.days} days of moving to {stage} — {last}")
    every, who = _every(period.days, zh), _who(tier, zh)
    if zh:
        return f"{every}联系{who} {name} — {last}"
    return f"{every} contact for {who} {name} — {last}"


def _periodic_title(period: Period, name: str, tier: str | None, zh: bool) -> str:
    every, who, n = _every(period.days, zh), _who(tier, zh), period.days
    if period.kind == REFRESH:
        d = period.since
        assert d is not None
        return (f"更新客户 {name} 的档案（上次更新 {d.year}年{d.month}月{d.day}日）" if zh else
                f"Refresh the file of {name} (last updated {d.day} {d:%b %Y})")
    if period.kind == SURVEY:
        return (f"{every}满意度调查{who} {name}" if zh else
                f"{every} satisfaction survey for {who} {name}")
    if period.kind == REVIEW:
        return f"{every}需求回顾{who} {name}" if zh else f"{every} needs review for {who} {name}"
    return (f"{every}联系{who} {name} 的高层 — 近 {n} 天无高层联系记录" if zh else
            f"{every} contact with a senior person at {who} {name} — none logged in the "
            f"last {n} days")


def _every(days: int, zh: bool) -> str:
    if zh:
        return _EVERY_ZH.get(days, f"每 {days} 天")
    return _EVERY_EN.get(days, f"Every-{days}-days")


def _who(tier: str | None, zh: bool) -> str:
    if zh:
        return f" {tier} 类客户" if tier else "客户"
    return f"tier {tier} customer" if tier else "customer"
