"""Every promise in a log: each next step with its own due time is its own task, and a past
time is when the contact happened (rules in RULES.md)."""

from __future__ import annotations

import re
from datetime import datetime

from .types import DueReading, ParsedLog

_CLAUSE = re.compile(r"[^.;。；!！?？\n,，]+")
# A clause with its own future time is a promise when it says something to do.
_ACTION = re.compile(
    r"(?i)\b(?:send|follow[- ]?up|call|try|email|remind|schedule|book|prepare|share|chase|"
    r"check|visit|meet|get back|demo|quote|proposal|contract|deliver|sign|finish|renew|close|"
    r"review|confirm)\b|发|交|签|約|约|做|给|給|送|演示|方案|合同|报价|報價|确认|確認|跟进|跟進|"
    r"回访|回訪|回电|电话|電話|联系|聯繫|安排|准备|準備|提交"
)
_NAMED = re.compile(r"^[^:：\n\d]{1,40}[:：]\s*")  # "华为: …", "Customer: Acme, …"
_LEAD_IN = re.compile(r"(?i)^\s*(?:(?:and\s+)?then|and|also|plus|然后|然後|并且|並且|再)\s*")


def every_promise(parsed: ParsedLog, text: str,
                  future: list[DueReading]) -> tuple[tuple[str, DueReading | None], ...]:
    """The log's tasks: its next step first, then each other clause that names something to
    do with a future time of its own, in the order written."""
    if parsed.next_step is None and parsed.due is None:
        return ()
    first = (parsed.next_step or parsed.summary, parsed.due)
    taken = {parsed.due.due} if parsed.due else set()
    more: list[tuple[str, DueReading]] = []
    for clause in _CLAUSE.findall(_NAMED.sub("", text, count=1)):
        said = clause.strip()
        if not said or said == parsed.next_step or not _ACTION.search(said):
            continue
        own = next((r for r in future if r.label and r.label in said and r.due not in taken),
                   None)
        if own is None:
            continue
        taken.add(own.due)
        more.append((_LEAD_IN.sub("", said) or said, own))
    return (first, *more)


def contact_time(past: list[DueReading]) -> datetime | None:
    """When the contact happened: the latest past time the log names ("yesterday
    afternoon", "上周五"), or None when it names none (then it is the time of logging)."""
    return max((r.due for r in past), default=None)
