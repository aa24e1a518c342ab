"""Reading care dates from a log ("王总生日是3月5号", "renewal due 30 June", "合同6月30日到期"):
which kind of date, whose, and its month and day.

The date is read by the log reader's time parsing (bot/domain/parsing) on the clause that
names the date; only a month and day written outright that it cannot place (29 February in
a year without one) is read here. A renewal keeps the year it falls in (its next renewal);
a birthday or anniversary keeps only month and day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.care_dates import ANNIVERSARY, BIRTHDAY, RENEWAL
from bot.domain.parsing import DueReading, ParsedLog, find_due
from bot.domain.parsing.numerals import CN_NUM, cn_int

F = re.IGNORECASE
_KINDS = (
    (BIRTHDAY, re.compile(r"\b(?:birthday|b-day|bday)\b|生日|寿辰", F)),
    (ANNIVERSARY, re.compile(r"\b(?:anniversary|founding\s+day|founded\s+on)\b|周年|成立日|司庆",
                             F)),
    (RENEWAL, re.compile(r"\b(?:renewal|renews?|contract\s+(?:expires|ends|runs\s+out)|"
                         r"expir(?:es|y|ation))\b|续约|续签|续费|到期", F)),
)
_CLAUSE = re.compile(r"[^\n;；。!！?？,，]+")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_OUTRIGHT = re.compile(
    rf"(?P<zm>{CN_NUM}{{1,2}})\s*月\s*(?P<zd>{CN_NUM}{{1,3}})\s*[日号號]?|"
    rf"\b(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|"
    rf"\b(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    rf"(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\b", F)
# Whose birthday: the Chinese name and title just before 生日 (王总, 李经理), or an English
# possessive ("Mr Li's birthday") or "birthday of Wang".
_ZH_WHOSE = re.compile(r"(?P<who>[\u4e00-\u9fff]{1,4}?)的?(?:生日|寿辰)")
_EN_WHOSE = re.compile(r"(?P<who>(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w-]*)['’]s\s+birthday|"
                       r"\bbirthday\s+of\s+(?P<who2>(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w-]*)")
_ZH_FILLER = re.compile(r"^(?:客户|还有|另外|记得|记一下|对了|是|和|跟)+")


@dataclass(frozen=True)
class CareReading:
    """A key date a log names: its kind, month and day, a year (a renewal's), and whose."""

    kind: str
    month: int
    day: int
    year: int | None = None
    label: str = ""


def _outright(clause: str) -> tuple[int, int] | None:
    """A month and day written outright ("2月29日", "29 February"), checked against a leap
    year so 29 February is kept."""
    m = _OUTRIGHT.search(clause)
    if m is None:
        return None
    if m["zm"]:
        month, day = cn_int(m["zm"]), cn_int(m["zd"])
    else:
        month = _MONTHS.index((m["mon"] or m["mon2"]).lower()[:3]) + 1
        day = int(m["ed"] or m["ed2"])
    return (month, day) if 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 31) else None


def _whose(kind: str, text: str) -> str:
    if kind != BIRTHDAY:
        return ""
    m = _ZH_WHOSE.search(text)
    if m:
        return _ZH_FILLER.sub("", m["who"])
    m = _EN_WHOSE.search(text)
    return (m["who"] or m["who2"]) if m else ""


def _when(clause: str, now: datetime, zone: ZoneInfo) -> tuple[int, int, int] | None:
    """(year, month, day) of the clause's date by the log reader's parsing."""
    try:
        found = find_due(clause, now=now, tz=zone)
    except ValueError:  # a date that does not exist in the year it chose (2月29日)
        return None
    if found is None:
        return None
    day = found.due.astimezone(zone).date()
    return day.year, day.month, day.day


def read_care_dates(text: str, now: datetime, zone: ZoneInfo) -> list[CareReading]:
    """Every key date the log names, one per clause that names a kind and a date."""
    out: list[CareReading] = []
    for clause in _CLAUSE.findall(text):
        kind = next((k for k, pattern in _KINDS if pattern.search(clause)), None)
        if kind is None:
            continue
        outright, parsed = _outright(clause), _when(clause, now, zone)
        if outright is not None and (parsed is None or parsed[1:] != outright):
            month, day, year = *outright, None
        elif parsed is not None:
            year, month, day = parsed
        else:
            continue
        out.append(CareReading(kind, month, day, year if kind == RENEWAL else None,
                               _whose(kind, clause)))
    return out


def without_care_promises(parsed: ParsedLog, readings: list[CareReading],
                          zone: ZoneInfo) -> ParsedLog:
    """The log's promises less those that only state a key date ("王总生日是3月5号" is no
    next step: the care date's own yearly task takes its place)."""
    if not readings:
        return parsed
    days = {(r.month, r.day) for r in readings}

    def states_a_date(title: str, due: DueReading | None) -> bool:
        if due is None or not any(p.search(title) for _, p in _KINDS):
            return False
        local = due.due.astimezone(zone)
        return (local.month, local.day) in days

    kept = tuple(t for t in parsed.tasks if not states_a_date(*t))
    if kept == parsed.tasks:
        return parsed
    first_kept = bool(kept) and bool(parsed.tasks) and kept[0] == parsed.tasks[0]
    step, due = kept[0] if kept else (None, None)
    return replace(parsed, tasks=kept, next_step=step, due=due,
                   alternatives=parsed.alternatives if first_kept else ())
