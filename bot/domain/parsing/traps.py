"""Numbers that are not times: masked out before any time parser sees the text.

Masking replaces the characters with spaces, so offsets of everything else stay valid.
"""

from __future__ import annotations

import calendar
import re

from bot.domain.parsing.numerals import CN_NUM, cn_int

_TIME_WORDS = (
    r"am|a\.?m\.?|pm|p\.?m\.?|a|p|h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|weeks?|"
    r"wks?|months?|mos?|years?|yrs?|quarters?|qtrs?|fortnights?|o'?clock|oclock|ish|th|st|nd|"
    r"rd|business|working|work|biz|upcoming|more|of|to|at|in|on|from|and|or|till|until|thru|"
    r"through|tomorrow|tonight|today|this|next|morning|afternoon|evening|night|noon|midnight|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|sat|sun|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december|ad|a\.d\.|bc|gmt|utc|cet|cest|pst|pdt|"
    r"est|edt|cst|cdt|mst|mdt|bst|ist|jst|hence|ago|back|later|after|before|sharp|but|"
    r"approximately|about|around|tomorrows|then|for|by|latest|eod|eom|eow|cob|p\.?|a\.?|z|"
    r"past|til|untill|ish|sharp|tmrw|tmr|is|was"
)
# phone numbers: 7+ digits in groups, not a date
_PHONE = re.compile(r"(?<![\w/:])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,4}(?![\w/:])")
_PATTERNS = [
    # money, percentages
    r"[$€£¥￥]\s?\d[\d,.]*\s?(?:k|m|bn|万|萬|千|百)?",
    r"\d[\d,.]*\s?(?:%|％|percent|pct|k\b|usd|rmb|eur|cny|dollars?|bucks|元|块|塊|万|萬|美元|美金)",
    # versions and identifiers
    r"(?i:\bv(?:ersion)?\.?\s?\d+(?:\.\d+)+|\b(?:version|release|ver|model|sku)\s?\d[\w.]*)",
    r"\b\d+\.\d+\.\d+\b",
    r"(?i:\b(?:room|rm|suite|ste|floor|fl|bldg|building|gate|ext|extension|no\.|number|order|"
    r"ticket|invoice|po|case|#)\s?#?\d[\w-]*)",
    r"#\d+",
    # 有一点 / 早一点 / 一点儿: "a little", not one o'clock
    r"(?:有|差|快|慢|好|早|晚|多|少)一[点點]|一[点點](?:点|點|儿|兒)",
    # Chinese measure words after a number (quantities, rooms, money)
    r"[\d零〇一二两兩三四五六七八九十百千万萬]+\s?(?:套|台|件|份|箱|张|張|瓶|人|位|条|條|本|支|"
    r"辆|輛|家|款|只|隻|米|公斤|千克|吨|噸|间|間|室|号楼|號樓|层|層|楼|樓|次|单|單|部|把|块|塊|"
    r"元|万|萬|%|％)",
    r"[\d零〇一二两兩三四五六七八九十百千]+\s?[个個](?!\s?(?:月|星期|礼拜|禮拜|工作日|小时|小時|"
    r"钟|鐘|周|週|半|季度|多|字))",
]


def _quantity(match: re.Match[str]) -> bool:
    word = match.group(2).lower()
    return re.fullmatch(_TIME_WORDS, word) is None


_MASK = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# "20 seats", "500 reams", "the 2027 budget": a number followed by a non-time word
_NUMBER_WORD = re.compile(r"\b(\d[\d,.]*)\s?([A-Za-z][A-Za-z'.]*)")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2}:\d{2}")


_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Days a month never has (29 February exists, in leap years); Duckling reads "April 31" as
# April 2031 and "Feb 30th" as February 2030, a due date nobody meant.
_LONGEST = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}
_MONTH_DAY = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\b"
    r"|(?<![\d/.:-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/.:])", re.IGNORECASE)


# 4月31日, 13月5日, 2027年2月29日: masked whole, or "31日" alone is read as this month's 31st.
_ZH_MONTH_DAY = re.compile(
    f"(?:(?P<y>{CN_NUM}{{2,4}})年)?(?P<m>{CN_NUM}{{1,3}})月(?P<d>{CN_NUM}{{1,3}})(?:日|号|號)")


def _no_such_day(month: int, day: int, year: int | None = None) -> bool:
    if year is not None and (month, day) == (2, 29):
        return not calendar.isleap(year)
    return not 1 <= month <= 12 or not 1 <= day <= _LONGEST.get(month, 31)


def _impossible_zh(match: re.Match[str]) -> bool:
    year = cn_int(match["y"]) if match["y"] else None
    year = year + 2000 if year is not None and year < 100 else year
    return _no_such_day(cn_int(match["m"]), cn_int(match["d"]), year)


def _impossible(match: re.Match[str]) -> bool:
    if match["a"]:  # 2/30 is no day whichever of the two is the month
        a, b = int(match["a"]), int(match["b"])
        return _no_such_day(a, b) and _no_such_day(b, a)
    month = _MONTHS[(match["m1"] or match["m2"]).lower()]
    return _no_such_day(month, int(match["d1"] or match["d2"]))


def mask_traps(text: str) -> str:
    """`text` with quantities, money, percentages, versions, phones, room numbers and days no
    month has blanked."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)

    for match in _PHONE.finditer(text):
        found = match.group(0).strip()
        if sum(c.isdigit() for c in found) >= 7 and not _DATE_LIKE.fullmatch(found):
            blank(match.start(), match.end())
    for match in _MASK.finditer(text):
        blank(match.start(), match.end())
    for match in _NUMBER_WORD.finditer(text):
        if _quantity(match):
            blank(match.start(), match.end())
    for match in _MONTH_DAY.finditer(text):
        if _impossible(match):
            blank(match.start(), match.end())
    for match in _ZH_MONTH_DAY.finditer(text):
        if _impossible_zh(match):
            blank(match.start(), match.end())
    return "".join(chars)
