"""The keys a customer or contact name is found by, and the keys a log is looked up with.

A name's *core* is what stays of it once case, accents, width and a generic company suffix
are gone: "ＡＣＭＥ Corp." and "acme" share the core "acme", "华为技术有限公司" has the core
"华为技术". The matching index (store/match_index.py) stores these keys per customer, so
reading a log probes the index with the keys of its own words instead of loading every
customer of the workspace (docs/customers.md, "Which customer a log is about").
Stored keys follow these rules: a change to them needs a migration that calls
store.match_index.rebuild.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .customer_names import LATIN_SUFFIXES as _LATIN_SUFFIXES
from .customer_names import without_place

EXACT, TOKEN, DELETE, INITIALS, ABBREVIATION = "k:", "t:", "d:", "i:", "a:"
PERSON, PERSON_WORD, SURNAME = "p:", "w:", "s:"
_CJK_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司")
_CJK = r"\u3400-\u9fff"
_WORD = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_DOTTED = re.compile(r"(?<![^\W_])([^\W_])\.(?=[^\W_](?![^\W_]))")  # "S.A." -> "SA."
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")
_TITLE_AFTER = re.compile(rf"([{_CJK}])(?:总|總|经理|經理|先生|女士|小姐|老师|老師|主任|工)")
SCAN_CHARS = 300  # a log names its customer near its start
_MAX_WORDS = 5
_CJK_SPAN = (2, 10)
_FUZZY_WORDS, _TYPO_WORDS, _FUZZY_PAIRS = 3, 2, 6
_CJK_STARTS = 24  # names start near the start of a run of Chinese: "拜访了顺丰速运, …"
_ABBREVIATION_CHARS = 8  # a Chinese abbreviation takes its characters from the name's start
_ABBREVIATION_LOOKUP = 6  # 中国平安 (4), 浦发银行 (4): longer typed names are names


def fold(text: str) -> str:
    """Width-, case- and accent-insensitive form ("Ｎｅｓｔｌé" -> "nestle")."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text; a run of Chinese characters is one word."""
    return list(_words(text))


@lru_cache(maxsize=8192)  # a candidate's contacts are read by several rules per log
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_DOTTED.sub(r"\1", fold(text))))


def core_of_words(parts: list[str]) -> str:
    """The core of a name already split into words: generic suffixes dropped from its end."""
    # "Procter and Gamble" is Procter & Gamble ("&" is no word)
    parts = [p for i, p in enumerate(parts) if p != "and" or i in (0, len(parts) - 1)]
    while len(parts) > 1 and parts[-1] in _LATIN_SUFFIXES:
        parts.pop()
    if parts and is_cjk(parts[-1]):
        for suffix in _CJK_SUFFIXES:
            if parts[-1].endswith(suffix) and (len(parts[-1]) > len(suffix) or len(parts) > 1):
                parts[-1] = parts[-1][: -len(suffix)]
                break
        if not parts[-1]:
            parts.pop()
    return " ".join(parts)


@lru_cache(maxsize=8192)  # the same candidates' names come back log after log
def core(name: str) -> str:
    """The form every spelling of one customer name shares ("Acme Corp." -> "acme")."""
    return core_of_words(words(name))


def is_cjk(word: str) -> bool:
    """Whether a word is a run of Chinese characters."""
    return bool(_CJK_RUN.match(word))


def _bigrams(word: str) -> list[str]:
    return [word[i:i + 2] for i in range(len(word) - 1)] or [word]


def _deletes(word: str) -> list[str]:
    """The word with one letter left out: a typo and its word share one of these."""
    return [word[:i] + word[i + 1:] for i in range(len(word))]


def fuzzy_keys(name: str) -> dict[str, int]:
    """Keys that find names *like* this one, each with the word it comes from: its words
    (Chinese as character pairs), each long word with one letter left out, its initials, a
    Chinese name's first character paired with each of the next ones."""
    parts = core(name).split()
    keys: dict[str, int] = {}
    latin = [p for p in parts if not is_cjk(p)]
    # A name is told apart by its first words ("Kelkel Capital North America"): later ones
    # add rows and lookups, not candidates.
    for n, part in enumerate(parts[:_FUZZY_WORDS]):
        if is_cjk(part):
            keys.update((TOKEN + b, n) for b in _bigrams(part)[:_FUZZY_PAIRS])
        elif len(part) >= 2:
            keys[TOKEN + part] = n
            if len(part) >= 5 and n < _TYPO_WORDS:
                keys.update((DELETE + d, n) for d in [part, *_deletes(part)])
    joined = "".join(parts)
    if len(joined) >= 2 and is_cjk(joined):
        # 浦发 for 上海浦东发展银行: the first character with each later one, with and
        # without the place the name opens with (customer_match's abbreviation rule)
        for form in {joined, without_place(joined)}:
            keys.update((ABBREVIATION + form[0] + c, 0)
                        for c in form[1:_ABBREVIATION_CHARS])
    if len(latin) >= 2:
        keys[INITIALS + "".join(p[0] for p in latin)] = len(parts)
    elif len(latin) == 1 and 2 <= len(latin[0]) <= 5 and len(parts) == 1:
        keys[INITIALS + latin[0]] = len(parts)  # "IBM" as typed looks up initials
    return keys


def lookup_keys(typed: str, *, guessed: bool = False) -> dict[str, int]:
    """The fuzzy keys a typed name looks up: its own, but of the abbreviation keys only the
    one an abbreviation of a stored name shares (its first two characters, with and without
    a place), and only for a short Chinese name: a long one is no abbreviation. For a name
    only guessed from the log's opening words, the typo keys of its first word alone (what
    its rules use), so most logs, which name their customer in full, cost no more."""
    keys = {k: n for k, n in fuzzy_keys(typed).items() if not k.startswith(ABBREVIATION)
            and not (guessed and k.startswith(DELETE) and n > 0)}
    joined = "".join(core(typed).split())
    if is_cjk(joined) and 2 <= len(joined) <= _ABBREVIATION_LOOKUP:
        keys.update((ABBREVIATION + form[:2], 0) for form in {joined, without_place(joined)}
                    if len(form) >= 2)
    return keys


def customer_keys(name: str) -> set[str]:
    """Everything the index stores for a customer's name."""
    key = core(name)
    if not key:
        return set()
    found = set(fuzzy_keys(name)) | {EXACT + key}
    return {k for k in found if not k.startswith(INITIALS) or " " in key}


def contact_keys(person: str) -> set[str]:
    """What the index stores for a contact person: the whole name, each word of a Western
    name ("Li" finds "Li Wei"), and a Chinese name's surname (王总 finds 王伟)."""
    parts = words(person)
    if not parts:
        return set()
    keys = {PERSON + " ".join(parts)}
    if len(parts) > 1 or not is_cjk(parts[0]):  # the words of a Western name ("Li Wei")
        keys.update(PERSON_WORD + p for p in parts if len(p) >= 2)
    if len(parts) == 1 and is_cjk(parts[0]) and 2 <= len(parts[0]) <= 4:
        keys.add(SURNAME + parts[0][0])
    return keys


def text_keys(text: str) -> set[str]:
    """The exact-name and person keys of every name a log's start could hold: its runs of
    up to five words, and the Chinese spans of two to ten characters starting early in a
    run of Chinese."""
    head = words(text[:SCAN_CHARS])
    keys: set[str] = set()
    for i in range(len(head)):
        for n in range(1, _MAX_WORDS + 1):
            run = head[i:i + n]
            if len(run) < n:
                break
            if n <= 3:
                keys.add((PERSON if n > 1 else PERSON_WORD) + " ".join(run))
            key = core_of_words(run)
            if key:
                keys.add(EXACT + key)
        if is_cjk(head[i]):
            keys.update(_cjk_spans(head[i]))
    keys.update(SURNAME + m.group(1) for m in _TITLE_AFTER.finditer(fold(text[:SCAN_CHARS])))
    return keys


def _cjk_spans(run: str) -> Iterable[str]:
    low, high = _CJK_SPAN
    for start in range(min(len(run), _CJK_STARTS)):
        for end in range(start + low, min(len(run), start + high) + 1):
            span = run[start:end]
            if len(span) <= 4:  # a Chinese person's name is two to four characters
                yield PERSON + span
            trimmed = core_of_words([span])
            if trimmed:
                yield EXACT + trimmed
