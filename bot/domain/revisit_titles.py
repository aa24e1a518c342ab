"""What a revisit task is called, in English or Chinese (docs/revisits.md): the plan's step
says which call it is ("1wd" the onboarding contact, "3d" the satisfaction call, ...).

Stored as the task's title: data, written once in the language chosen when the task is made;
its reminder is in the reader's own language whatever the title's (docs/language.md).
"""

from __future__ import annotations

from bot.domain.language import is_chinese
from bot.domain.revisit_plans import SERVICE, parse_offset

ONBOARDING, SATISFACTION, USAGE, CHECK_IN, SOLVED = (
    "onboarding", "satisfaction", "usage", "check_in", "solved")
_PURPOSES = {
    "en": {ONBOARDING: "onboarding contact", SATISFACTION: "satisfaction call",
           USAGE: "usage and maintenance call", CHECK_IN: "check-in",
           SOLVED: "is the problem solved?"},
    "zh": {ONBOARDING: "首次联系(使用指导)", SATISFACTION: "满意度回访",
           USAGE: "使用与保养回访", CHECK_IN: "定期回访", SOLVED: "问题是否已解决"},
}
_UNITS = {"en": {"wd": " working day", "d": " day", "w": " week", "m": " month"},
          "zh": {"wd": "个工作日", "d": "天", "w": "周", "m": "个月"}}


def purpose(kind: str, step: str) -> str:
    """Which call a step is: a service visit's is "solved?"; after a purchase, by how long
    after it falls (within 1 day onboarding, within a week satisfaction, within a month usage,
    later a check-in)."""
    if kind == SERVICE:
        return SOLVED
    days = parse_offset(step).rough_days()
    return ONBOARDING if days <= 1 else SATISFACTION if days <= 7 else \
        USAGE if days <= 30 else CHECK_IN


def step_label(step: str, lang: str) -> str:
    """"3d" as said to a person: "3 days", "3天"."""
    offset = parse_offset(step)
    unit = _UNITS["zh" if is_chinese(lang) else "en"][offset.unit]
    plural = "s" if not is_chinese(lang) and offset.count != 1 else ""
    return f"{offset.count}{unit}{plural}"


def purpose_words(kind: str, step: str, lang: str) -> str:
    """Which call a step is, in words: "satisfaction call", "满意度回访"."""
    return _PURPOSES["zh" if is_chinese(lang) else "en"][purpose(kind, step)]


def revisit_title(kind: str, step: str, customer: str, lang: str) -> str:
    """The task's title: "After-sale revisit (3 days) for Acme: satisfaction call"."""
    what = purpose_words(kind, step, lang)
    if is_chinese(lang):
        head = "售后服务回访" if kind == SERVICE else "售后回访"
        return f"{head}({step_label(step, lang)}):{customer}——{what}"
    head = "Service revisit" if kind == SERVICE else "After-sale revisit"
    return f"{head} ({step_label(step, lang)}) for {customer}: {what}"
