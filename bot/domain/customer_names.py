"""Where a customer's name starts and stops in what a rep typed (docs/customers.md, "Which
customer a log is about").

A rep's words around a name are not part of it: "Cyberdyne Systems feedback:", "比亚迪 stage:",
"Yesterday's call with Massive Dynamic:", "Acme Corp Monday". In Latin script a name is a run
of capitalised words (with "&", "of", "and"… between them); a lower-case word, a number alone
or a time word ends it, unless the rep typed everything in one case (then nothing tells the
name from the rest, and all of it is kept). In Chinese a name is written without spaces, so a
space or a punctuation mark ends it. A log that opens with such a run ("Initech Labs 新客户",
"阿里云 要对接我们的API") opens with the name of the company it is about.
"""

from __future__ import annotations

import re

_CJK = r"\u3400-\u9fff"
_PUNCT = r",，;；:：()（）\[\]!！?？。、"
_SEGMENT = re.compile(rf"[{_CJK}]+|[^\s{_CJK}{_PUNCT}]+|[{_PUNCT}]")
_BREAK = re.compile(rf"^(?:[{_PUNCT}]|[-–—→/|]+)$")
# Generic company suffixes (name_keys.core drops them): part of a name in any case ("ACME corp.").
LATIN_SUFFIXES = frozenset((
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "corp", "corporation", "co",
    "company", "gmbh", "ag", "sa", "plc", "group", "pty", "bv", "nv", "srl", "kk"))
_LINKS = frozenset(("&", "and", "of", "de", "la", "du", "von", "van", "der", "y", "+"))
# What reps write after a name ("cyberdyne systems called, …"): it ends the name in any case.
_VERBS = frozenset((
    "called", "calls", "emailed", "pinged", "said", "says", "wants", "needs", "asked", "signed",
    "confirmed", "replied", "is", "are", "was", "were", "has", "have", "will", "would"))
_TIME_WORDS = frozenset((
    "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur",
    "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun", "today", "tomorrow", "tmrw",
    "yesterday", "tonight", "morning", "afternoon", "evening", "noon", "eod", "eow", "week",
    "month", "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may",
    "june", "jun", "july", "jul", "august", "aug", "september", "sep", "sept", "october",
    "oct", "november", "nov", "december", "dec", "last", "next", "this"))
# Chinese company names often open with where they are registered (北京字节跳动, 深圳市大疆创新,
# 上海浦东发展银行); people leave the place out (字节, 大疆, 浦发).
_PLACES = (
    "中国", "中华", "北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "南京", "苏州", "成都",
    "武汉", "西安", "青岛", "厦门", "宁波", "大连", "沈阳", "长沙", "郑州", "济南", "合肥", "福州",
    "东莞", "佛山", "无锡", "珠海", "香港", "澳门", "台湾", "广东", "江苏", "浙江", "山东", "河北",
    "河南", "湖北", "湖南", "四川", "福建", "安徽", "江西", "辽宁", "吉林", "黑龙江", "山西",
    "陕西", "甘肃", "云南", "贵州", "海南", "广西", "内蒙古", "宁夏", "新疆", "西藏", "青海",
)
_PLACE = re.compile(rf"^(?:{'|'.join(_PLACES)})[市省]?(?=[{_CJK}]{{2}})")


def _is_cjk(token: str) -> bool:
    return bool(re.match(rf"^[{_CJK}]+$", token))


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word).strip(".'’").casefold()


def _name_word(word: str, cased: bool) -> bool:
    bare = _bare(word)
    if not bare or bare in _TIME_WORDS or bare in _VERBS or bare.isdigit():
        return False
    return word[0].isupper() or word[0].isdigit() if cased else True


def name_runs(typed: str) -> list[str]:
    """The names in a phrase a rep typed, in order: "Yesterday's call with Massive Dynamic" ->
    ["Massive Dynamic"], "顺丰速运 投诉" -> ["顺丰速运", "投诉"]."""
    tokens = _SEGMENT.findall(typed)
    latin = "".join(t for t in tokens if not _is_cjk(t))
    cased = latin != latin.lower() and latin != latin.upper()
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if _is_cjk(token):  # one character alone (的, 和) is no name
            runs += [current, [token] if len(token) > 1 else []]
            current = []
        elif (token.casefold() in _LINKS and current
              or _bare(token).replace(".", "") in LATIN_SUFFIXES and current
              or not _BREAK.match(token) and _name_word(token, cased)):
            current.append(token)
            if re.search(r"['’]s$", token):  # "Acme Corp's CFO": the name ends there
                current[-1] = re.sub(r"['’]s$", "", token)
                runs.append(current)
                current = []
        else:
            runs.append(current)
            current = []
    runs.append(current)
    out = []
    for run in runs:
        while run and run[-1].casefold() in _LINKS:
            run = run[:-1]
        if run:
            out.append(" ".join(run))
    return list(dict.fromkeys(out))


def opening_name(text: str) -> str | None:
    """The name a log opens with, when it opens with one ("Globex Retail - met their buyer",
    "华为终端 want samples"): its first run, if nothing comes before it."""
    head = text.lstrip()
    cjk = re.match(rf"([{_CJK}]{{2,12}})(?=\s|[A-Za-z0-9]|$)", head)
    if cjk:
        return cjk.group(1)
    first = re.match(rf"[^,，;；:：()（）!！?？。\n{_CJK}]+", head)
    if first is None:
        return None
    runs = name_runs(first.group(0))
    return runs[0] if runs and first.group(0).startswith(runs[0].split()[0]) else None


def without_place(name: str) -> str:
    """A Chinese name without the place it opens with ("深圳市大疆创新" -> "大疆创新")."""
    return _PLACE.sub("", name, count=1)
