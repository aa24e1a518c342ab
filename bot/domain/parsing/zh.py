"""Chinese time phrases a follow-up needs, resolved by the rules in RULES.md.

Duckling handles the long tail of Chinese (上两天, 二零一五年…); these rules cover what it
gets wrong or lacks for follow-ups: date + part of day + clock in one phrase
(明天上午10点, 下周三下午两点), 下周X as "X of next week", 月底/月初, 年底, N个工作日,
and point readings of "N天后".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import calendar as cal
from .numerals import CN_NUM, cn_int
from .rules import add_months, at, bare_hour, roll_clock
from .types import Span

N = f"{CN_NUM}+"
_REL_DAYS = {
    "今天": 0, "今日": 0, "今儿": 0, "今早": 0, "今晚": 0, "明天": 1, "明日": 1, "明儿": 1,
    "聽日": 1, "听日": 1, "明早": 1, "明晚": 1, "后天": 2, "後天": 2, "後日": 2, "后日": 2,
    "大后天": 3, "大後天": 3, "大後日": 3, "昨天": -1, "昨日": -1, "尋日": -1, "昨晚": -1,
    "前天": -2, "前日": -2,
}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_WEEK_SHIFT = {"上上": -2, "上": -1, "这": 0, "這": 0, "本": 0, "今": 0, "下": 1, "下下": 2}
_POD_HOUR = {
    "凌晨": 6, "早上": 9, "早晨": 9, "清早": 9, "早": 9, "上午": 9, "中午": 12, "正午": 12,
    "午饭后": 13, "午飯後": 13, "下午": 14, "晏晝": 14, "傍晚": 18, "晚上": 18, "夜里": 20,
    "夜裡": 20, "晚间": 18, "晚": 18, "下班前": 17, "今晚": 18, "明晚": 18, "昨晚": 18,
    "今早": 9, "明早": 9,
}
_PM_PODS = {"下午", "晏晝", "傍晚", "晚上", "夜里", "夜裡", "晚间", "晚", "今晚", "明晚", "昨晚"}
_UNIT_DAYS = {"天": 1, "日": 1, "周": 7, "週": 7, "星期": 7, "礼拜": 7, "禮拜": 7}

_WEEK = "(?:周|週|星期|礼拜|禮拜)"
_MONTH_PRE = "这个月|這個月|本月|今個月|下个月|下個月|下月|上个月|上個月"
_DATE = (
    f"(?P<rel>{'|'.join(sorted(_REL_DAYS, key=len, reverse=True))})"
    f"|(?:{_WEEK}(?P<wdp>[一二三四五六日天])[,，\\s]*)?(?:(?P<y>{CN_NUM}{{2,4}})年)?"
    f"(?P<m>{CN_NUM}{{1,3}})月(?P<d>{CN_NUM}{{1,3}})(?:日|号|號)"
    f"|(?P<wpre>上上|下下|上|下|这|這|本|今)?(?:个|個)?{_WEEK}(?P<wd>[一二三四五六日天末])"
    f"|(?P<mpre>{_MONTH_PRE})(?P<d2>{CN_NUM}{{1,3}})(?:日|号|號)"
    f"|(?:(?P<mepre>{_MONTH_PRE})(?P<me1>底|末|初)|(?P<me2>月底|月末|月初))"
    f"|(?P<yepre>明年|今年)?(?P<ye>年底|年末|年初)"
    f"|(?P<wdn>{N}|下一?)(?:个|個)?工作日(?:之|以)?(?:内|內|后|後)?"
    f"|(?P<dn>{N}|半)(?:个|個)?(?P<dh>半)?(?P<du>秒钟|秒鐘|秒|分钟|分鐘|小时|小時|钟头|鐘頭|"
    f"鐘|钟|天|日|周|週|星期|礼拜|禮拜|月|年)(?P<dh2>半)?(?:之|以)?(?:后|後|内|內)"
    f"|(?:(?P<ypre>明年|今年|下年|去年)|(?P<y2>{CN_NUM}{{4}})年)?(?P<mo>{CN_NUM}{{1,2}})月份?"
    f"|(?P<nm>{_MONTH_PRE}|上月)"
    f"|(?P<yr>明年|今年|去年|下年|上年)"
    f"|(?P<wkpre>上上|下下|上|下|这|這|本|今個|今)(?:一)?(?:个|個)?(?P<wk>周|週|星期|礼拜|禮拜)"
    f"|(?P<dday>{CN_NUM}{{1,3}})(?:号|號)"
)
_POD = "|".join(sorted(_POD_HOUR, key=len, reverse=True))
_CLOCK = (
    f"(?<![有差快慢好])(?P<h>{CN_NUM}{{1,3}})\\s*(?:点|點|时|時)(?:钟|鐘)?"
    f"(?P<mm>半|一刻|三刻|整|(?:踏|搭)?[一二三四五六七八九](?:個字|个字)|过?{CN_NUM}{{1,3}}分?"
    f"|(?:踏|搭)[一二三四五六七八九半])?(?![儿兒东東心击擊])"
    f"|(?P<h2>\\d{{1,2}})[:：](?P<m2>\\d{{2}})"
)
_PHRASE = re.compile(
    f"(?:(?P<date>{_DATE})\\s*的?\\s*)?(?:(?P<pod>{_POD})\\s*)?(?P<clock>{_CLOCK})?"
)


def _week_day(today: date, shift: int | None, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday())
    if shift is None:  # bare 周三: the next one to come, never today
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    target = monday + timedelta(days=7 * shift + weekday)
    if shift == 0 and target < today:  # 这周一 said on Tuesday: the coming Monday
        target += timedelta(days=7)
    return target


def _month_shift(prefix: str) -> int:
    return 1 if prefix.startswith("下") else -1 if prefix.startswith("上") else 0


def _calendar_day(year: int, month: int, day: int, year_given: bool = False) -> date | None:
    """The day, or None when no calendar has it (13月, 4月31日); 2月29日 without a year is the
    next 29 February."""
    for ahead in range(1 if year_given else 8):
        try:
            return date(year + ahead, month, day)
        except ValueError:
            if (month, day) != (2, 29):
                return None
    return None


def _date(g: dict[str, str | None], now: datetime,
          country: str | None) -> tuple[date, str] | None:
    today = now.date()
    if g["rel"]:
        return today + timedelta(days=_REL_DAYS[g["rel"]]), "day"
    if g["m"] and g["d"]:
        year = cn_int(g["y"]) if g["y"] else today.year
        year += 2000 if year < 100 else 0
        found = _calendar_day(year, cn_int(g["m"]), cn_int(g["d"]), year_given=bool(g["y"]))
        if found is None:
            return None
        day = found
        if not g["y"] and day < today:
            keep = g["wdp"] and _WEEKDAYS[g["wdp"]] == day.weekday()
            day = day if keep else _calendar_day(day.year + 1, day.month, day.day) or day
        return day, "day"
    if g["wd"]:
        shift = _WEEK_SHIFT[g["wpre"]] if g["wpre"] else None
        return _week_day(today, shift, _WEEKDAYS[g["wd"]]), "day"
    if g["mpre"] and g["d2"]:
        first = add_months(today.replace(day=1), _month_shift(g["mpre"]))
        return first.replace(day=cn_int(g["d2"])), "day"
    if g["me1"] or g["me2"]:
        start = (g["me1"] or g["me2"] or "")[-1] == "初"
        shift = _month_shift(g["mepre"] or "")
        month = add_months(today.replace(day=1), shift)
        if start:
            first = cal.first_working_day_of_month(month.year, month.month, country)
            if first < today and not g["mepre"]:
                month = add_months(month, 1)
            return cal.first_working_day_of_month(month.year, month.month, country), "day"
        return cal.last_working_day_of_month(month.year, month.month, country), "day"
    if g["ye"]:
        year = today.year + (1 if g["yepre"] == "明年" else 0)
        if g["ye"] == "年初":
            year += 0 if g["yepre"] else 1
            return cal.first_working_day_of_month(year, 1, country), "day"
        return cal.last_working_day_of_month(year, 12, country), "day"
    if g["wdn"]:
        count = 1 if g["wdn"].startswith("下") else cn_int(g["wdn"])
        return cal.add_working_days(today, count, country), "day"
    if g["mo"]:
        year = today.year
        if g["ypre"]:
            year += {"明年": 1, "下年": 1, "去年": -1}.get(g["ypre"], 0)
        elif g["y2"]:
            year = cn_int(g["y2"])
        month_number = cn_int(g["mo"])
        if not (g["ypre"] or g["y2"]) and month_number < today.month:
            year += 1
        return date(year, month_number, 1), "month"
    if g["nm"]:
        return add_months(today.replace(day=1), _month_shift(g["nm"])), "month"
    if g["yr"]:
        shift = {"明年": 1, "下年": 1, "去年": -1, "上年": -1}.get(g["yr"], 0)
        return date(today.year + shift, 1, 1), "year"
    if g["wk"]:
        monday = today - timedelta(days=today.weekday())
        shift = _WEEK_SHIFT.get((g["wkpre"] or "")[:2], _WEEK_SHIFT.get((g["wkpre"] or "")[:1], 0))
        return monday + timedelta(days=7 * shift), "week"
    day_number = cn_int(g["dday"] or "1")
    this_month = today.replace(day=day_number)
    if this_month < today:
        return add_months(this_month.replace(day=1), 1).replace(day=day_number), "day"
    return this_month, "day"


def _duration(g: dict[str, str | None], now: datetime) -> tuple[datetime, str]:
    unit = g["du"] or ""
    amount = 0.5 if g["dn"] == "半" else float(cn_int(g["dn"] or "1"))
    amount += 0.5 if g["dh"] or g["dh2"] else 0.0
    if unit.startswith("秒"):
        return now + timedelta(seconds=amount), "second"
    if unit.startswith("分"):
        return now + timedelta(minutes=amount), "minute"
    if unit[0] in "小钟鐘":
        return now + timedelta(hours=amount), "minute"
    start = datetime.combine(now.date(), time(), now.tzinfo)
    if unit in _UNIT_DAYS:
        return start + timedelta(days=round(amount * _UNIT_DAYS[unit])), "day"
    months = round(amount * (12 if unit == "年" else 1))
    shifted = add_months(now.date(), months) if months else now.date() + timedelta(days=15)
    return datetime.combine(shifted, time(), now.tzinfo), "day"


def _minutes(mm: str | None) -> int | None:
    if not mm or mm == "整":
        return 0 if mm else None
    mm = mm.lstrip("踏搭")
    if mm in ("半", "一刻", "三刻"):
        return {"半": 30, "一刻": 15, "三刻": 45}[mm]
    if mm.endswith("字") or len(mm) == 1 and mm in "一二三四五六七八九":
        return 5 * cn_int(mm[0])  # Cantonese 三點三 / 三點三個字: counted in 5-minute marks
    return cn_int(mm.lstrip("过").rstrip("分"))


def zh_spans(text: str, now: datetime, tz: ZoneInfo, country: str | None) -> list[Span]:
    """Chinese time phrases in `text`, resolved against `now` in `tz`."""
    local = now.astimezone(tz)
    spans: list[Span] = []
    for match in _PHRASE.finditer(text):
        if not match.group(0).strip():
            continue
        g = match.groupdict()
        if g["dn"]:
            when, grain = _duration(g, local)
            spans.append(Span(match.start(), match.end(), when, grain, "zh"))
            continue
        dated = _date(g, local, country) if g["date"] else (local.date(), "day")
        if dated is None:  # a day no month has: no time, rather than a wrong one
            continue
        day, grain = dated
        pod = g["pod"] or (g["rel"] if g["rel"] in _POD_HOUR else None)
        alternatives: tuple[tuple[datetime, str], ...] = ()
        if g["clock"]:
            hour = cn_int(g["h"] or g["h2"] or "0")
            minute = _minutes(g["mm"]) if g["h"] else int(g["m2"] or 0)
            alt_hour = None
            if pod in _PM_PODS and hour < 12 or pod in ("中午", "正午") and hour < 6:
                hour += 12
            elif pod is None:
                hour, alt_hour = bare_hour(hour)
            if hour > 24 or (minute or 0) > 59:
                continue
            when = at(day, hour, minute or 0, tz)
            grain = "hour" if minute is None else "minute"
            if not g["date"]:
                when = roll_clock(when, local)
            if alt_hour is not None:
                alt = at(when.date(), alt_hour, minute or 0, tz)
                alternatives = ((roll_clock(alt, local) if not g["date"] else alt, grain),)
        elif pod:
            when, grain = at(day, _POD_HOUR[pod], 0, tz), "hour"
        else:
            when = at(day, 0, 0, tz)
        spans.append(Span(match.start(), match.end(), when, grain, "zh", alternatives))
    return spans
