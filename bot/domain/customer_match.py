"""Which customer a log is about: an existing one, a new one as typed, or a question.

The rules (written down in docs/customers.md, "Which customer a log is about"):

1. The name the rep gives, compared by its core (name_keys.core), equal to a customer's
   -> that customer. A name that *contains* a customer's ("Acme Logistics" for Acme Corp,
   "华为终端" for 华为) is another company: new, with the look-alikes as alternatives.
2. A person's name (a contact of a customer, a title such as 王总 or Mr., a common surname
   such as "Li", or followed by he/she) is never a new customer: its customers are offered.
3. An abbreviation (the first words of one customer's name, its initials, or a Chinese
   name's characters in order from its first) or a typo (one letter wrong, missing, extra or
   swapped, in a name of five letters or more) attaches when exactly one customer fits,
   and offers them all when several do.
4. Otherwise a name the rep gives is new (offered as typed), and with no name given a
   customer written in full anywhere in the log's start is attached (several: asked).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .name_keys import SCAN_CHARS, core, fold, is_cjk, words

MatchKind = Literal["existing", "new", "ambiguous"]
_SIMILAR_CUTOFF = 60.0
_MAX_CANDIDATES = 4
_SURNAMES = frozenset((
    "li", "wang", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun",
    "hu", "zhu", "gao", "lin", "he", "guo", "ma", "luo", "liang", "song", "zheng", "xie",
    "han", "tang", "feng", "yu", "dong", "xiao", "cheng", "cao", "yuan", "deng", "fu", "shen",
    "zeng", "peng", "lu", "su", "jiang", "cai", "jia", "ding", "wei", "xue", "ye", "yan",
    "pan", "du", "dai", "xia", "zhong", "tian", "ren", "fan", "fang", "shi", "yao", "tan",
    "liao", "zou", "xiong", "jin", "hao", "kong", "bai", "cui", "kang", "mao", "qiu", "qin",
    "gu", "hou", "shao", "meng", "long", "wan", "duan", "lei", "qian", "yin", "kim", "park",
    "lee", "nguyen", "tran"
))
_TITLES = re.compile(r"(?i)^(?:mr|mrs|ms|miss|dr|prof)\.?\s")
_CJK_TITLE = re.compile(r"(?:总|總|经理|經理|先生|女士|小姐|老师|老師|主任|工)$")


@dataclass(frozen=True)
class KnownCustomer:
    """A customer the log may be about, with the contact people it is known by."""

    name: str
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class CustomerMatch:
    """The verdict: `name` is the customer (existing) or the name as typed (new)."""

    kind: MatchKind
    name: str | None
    candidates: tuple[str, ...] = ()
    contact: str | None = None


def match_customer(text: str, typed: str | None, known: Sequence[KnownCustomer]
                   ) -> CustomerMatch:
    """Resolve the customer of a log from the name the rep gave (if any) and the known
    customers it could be (all of them, or the index's candidates)."""
    by_core: dict[str, KnownCustomer] = {}
    for customer in known:
        by_core.setdefault(core(customer.name), customer)
    typed = typed.strip() if typed else None
    typed_core = core(typed) if typed else ""
    if typed_core and typed_core in by_core:
        return CustomerMatch("existing", by_core[typed_core].name,
                             contact=_contact_in(text, by_core[typed_core]))
    written = _written_in(text, known)
    # The reading cut a name short (上海联 of 上海联想数字 before 想): the one written in full
    longer = [k for k in written if typed_core and typed_core in core(k.name)]
    if len(longer) == 1:
        return CustomerMatch("existing", longer[0].name, contact=_contact_in(text, longer[0]))
    person = _person(typed, text, known) if typed else None
    if typed and person is None and typed_core:
        return _by_typed(typed, typed_core, known)
    found = written
    if len(found) == 1:
        return CustomerMatch("existing", found[0].name, contact=person or _contact_in(
            text, found[0]))
    if found:
        return CustomerMatch("ambiguous", None, tuple(k.name for k in found), person)
    people = _customers_of(person, known) if person else _contacts_in(text, known)
    contact = _known_as(person, people) if person else (
        _contact_in(text, people[0]) if people else None)
    return CustomerMatch("ambiguous", None, tuple(k.name for k in people)[:_MAX_CANDIDATES],
                         contact)


def _by_typed(typed: str, typed_core: str, known: Sequence[KnownCustomer]) -> CustomerMatch:
    fits = [k for k in known if _abbreviates(typed_core, core(k.name))
            or _one_typo(typed_core, core(k.name))]
    similar = similar_names(typed, known)
    if len(fits) == 1:
        return CustomerMatch("existing", fits[0].name)
    if fits:
        names = [k.name for k in fits]
        return CustomerMatch("ambiguous", typed, _ranked(typed, names, similar))
    return CustomerMatch("new", typed, tuple(similar))


def similar_names(name: str, known: Sequence[KnownCustomer]) -> list[str]:
    """The known customers whose names look most like `name`, best first."""
    if not known:
        return []
    keys = [core(k.name) for k in known]
    found = process.extract(core(name), keys, scorer=fuzz.WRatio, limit=_MAX_CANDIDATES * 3,
                            score_cutoff=_SIMILAR_CUTOFF)
    # A Chinese name scores low against its namesakes (顺丰同城, 顺丰速运: 50), though they
    # share the part people know them by: the same first two characters count as alike.
    lead = core(name)[:2]
    if is_cjk(lead) and len(lead) == 2:
        seen = {i for _, _, i in found}
        found += [(key, _SIMILAR_CUTOFF, i) for i, key in enumerate(keys)
                  if key.startswith(lead) and i not in seen]
    # Ties (WRatio gives a contained name 90) go to the closer length, then the name.
    found.sort(key=lambda f: (-f[1], abs(len(f[0]) - len(core(name))), known[f[2]].name))
    return list(dict.fromkeys(known[i].name for _, _, i in found))[:_MAX_CANDIDATES]


def _ranked(typed: str, first: list[str], rest: list[str]) -> tuple[str, ...]:
    ordered = sorted(first, key=lambda n: (-fuzz.ratio(core(typed), core(n)), n))
    return tuple(dict.fromkeys(ordered + rest))[:_MAX_CANDIDATES]


def _abbreviates(short: str, full: str) -> bool:
    """"globex" for "globex industrial", "ibm" for "international business machines",
    "北大" for "北京大学": shorter than the name, never longer (that is another company)."""
    if not short or len(short) >= len(full):
        return False
    short_words, full_words = short.split(), full.split()
    if full_words[:len(short_words)] == short_words:
        return True
    latin = [w for w in full_words if not is_cjk(w)]
    if len(short_words) == 1 and len(latin) >= 2 and short == "".join(w[0] for w in latin):
        return True
    if is_cjk(short) and is_cjk(full) and len(short) >= 2 and short[0] == full[0]:
        rest = iter(full[1:])
        return all(c in rest for c in short[1:])
    return False


def _one_typo(typed: str, name: str) -> bool:
    if is_cjk(typed.replace(" ", "")) or min(len(typed), len(name)) < 5:
        return False
    return bool(OSA.distance(typed, name, score_cutoff=1) <= 1) and typed != name


def _person(typed: str | None, text: str, known: Sequence[KnownCustomer]) -> str | None:
    """The typed name when it names a person rather than a company."""
    if not typed:
        return None
    folded = fold(typed).strip()
    if any(_is_contact(folded, c) for k in known for c in k.contacts):
        return typed
    if _TITLES.match(typed) or _CJK_TITLE.search(typed):
        return typed
    parts = words(typed)
    if len(parts) <= 2 and parts and parts[0] in _SURNAMES and not is_cjk(parts[0]):
        return typed
    after = fold(text).split(folded, 1)
    pronoun = len(after) > 1 and re.match(r"[\s,;:-]*(?:and\s+)?(?:he|she|his|her)\b", after[1])
    return typed if pronoun else None


def _is_contact(folded: str, contact: str) -> bool:
    parts = words(contact)
    name = " ".join(parts)
    if folded == name or (len(parts) > 1 and folded in parts):
        return True
    # 王总 for 王伟: a Chinese surname and a title
    return bool(parts and is_cjk(name) and _CJK_TITLE.search(folded)
                and folded[0] == name[0])


def _known_as(person: str, people: Sequence[KnownCustomer]) -> str:
    """The contact as the file names them ("Li Wei" for "Li"), when that is one person."""
    folded = fold(person).strip()
    names = {c for k in people for c in k.contacts if _is_contact(folded, c)}
    return names.pop() if len(names) == 1 else person


def _customers_of(person: str, known: Sequence[KnownCustomer]) -> list[KnownCustomer]:
    folded = fold(person).strip()
    return [k for k in known if any(_is_contact(folded, c) for c in k.contacts)]


def _contact_in(text: str, customer: KnownCustomer) -> str | None:
    if not customer.contacts:
        return None
    head = " ".join(words(text[:SCAN_CHARS]))
    for contact in customer.contacts:
        name = " ".join(words(contact))
        if name and _find_word(head, name) >= 0:
            return contact
    return None


def _contacts_in(text: str, known: Sequence[KnownCustomer]) -> list[KnownCustomer]:
    return [k for k in known if _contact_in(text, k)]


def _written_in(text: str, known: Sequence[KnownCustomer]) -> list[KnownCustomer]:
    """Customers named in full in the log's start (by their core), first mentioned first;
    a name inside a longer one found ("acme" in "acme corp") counts once, as the longer."""
    head = " ".join(words(text[:SCAN_CHARS]))
    spans: list[tuple[int, int, KnownCustomer]] = []
    for customer in known:
        key = core(customer.name)
        start = _find_word(head, key) if key else -1
        if start >= 0:
            spans.append((start, start + len(key), customer))
    spans.sort(key=lambda s: (s[0], s[0] - s[1]))
    kept: list[tuple[int, int, KnownCustomer]] = []
    for start, end, customer in spans:
        if not any(s <= start and end <= e for s, e, _ in kept):
            kept.append((start, end, customer))
    return list(dict.fromkeys(k for _, _, k in kept))


def _find_word(head: str, key: str) -> int:
    """Where `key` stands in `head` as whole words (a Chinese edge needs no boundary)."""
    start = head.find(key)
    while start >= 0:
        end = start + len(key)
        before = start == 0 or not head[start - 1].isalnum() or is_cjk(key[0])
        after = end == len(head) or not head[end].isalnum() or is_cjk(key[-1])
        if before and after:
            return start
        start = head.find(key, start + 1)
    return -1
