"""The people a log names: a customer's contacts, and names that are a person's rather than a
company's (a title, a common surname, "he"/"she" after it). Rule 2 of docs/customers.md."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .name_keys import SCAN_CHARS, fold, is_cjk, words

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
_CJK_TITLES = ("总", "總", "经理", "經理", "先生", "女士", "小姐", "老师", "老師", "主任", "工")
_CJK_TITLE = re.compile(rf"(?:{'|'.join(_CJK_TITLES)})$")


@dataclass(frozen=True)
class KnownCustomer:
    """A customer the log may be about, with the contact people it is known by."""

    name: str
    contacts: tuple[str, ...] = ()


def mentions(text: str, customer: KnownCustomer) -> bool:
    """Whether the log names one of the customer's contacts, whole or as people call them
    ("Sarah" for Sarah Chen, 王总 for 王伟)."""
    head = words(text[:SCAN_CHARS])
    for contact in customer.contacts:
        parts = words(contact)
        if contact_in(text, KnownCustomer(customer.name, (contact,))):
            return True
        if len(parts) > 1 and any(len(p) >= 2 and p in head for p in parts):
            return True
        if len(parts) == 1 and is_cjk(parts[0]) and any(
                parts[0][0] + t in fold(text[:SCAN_CHARS]) for t in _CJK_TITLES):
            return True
    return False


def person_named(typed: str | None, text: str, known: Sequence[KnownCustomer], *,
                 pronoun: bool = True) -> str | None:
    """The typed name when it names a person rather than a company (`pronoun`: also when
    "he"/"she" follows it, which says little after a name that looks like a customer's)."""
    if not typed:
        return None
    folded = fold(typed).strip()
    if not folded:
        return None
    if any(is_contact(folded, c) for k in known for c in k.contacts):
        return typed
    if _TITLES.match(typed) or _CJK_TITLE.search(typed):
        return typed
    parts = words(typed)
    if len(parts) <= 2 and parts and parts[0] in _SURNAMES and not is_cjk(parts[0]):
        return typed
    after = fold(text).split(folded, 1)
    followed = len(after) > 1 and re.match(r"[\s,;:-]*(?:and\s+)?(?:he|she|his|her)\b", after[1])
    return typed if pronoun and followed else None


def is_contact(folded: str, contact: str) -> bool:
    parts = words(contact)
    name = " ".join(parts)
    if folded == name or (len(parts) > 1 and folded in parts):
        return True
    # 王总 for 王伟: a Chinese surname and a title
    return bool(parts and is_cjk(name) and _CJK_TITLE.search(folded)
                and folded[0] == name[0])


def known_as(person: str, people: Sequence[KnownCustomer]) -> str:
    """The contact as the file names them ("Li Wei" for "Li"), when that is one person."""
    folded = fold(person).strip()
    names = {c for k in people for c in k.contacts if is_contact(folded, c)}
    return names.pop() if len(names) == 1 else person


def customers_of(person: str, known: Sequence[KnownCustomer]) -> list[KnownCustomer]:
    folded = fold(person).strip()
    return [k for k in known if any(is_contact(folded, c) for c in k.contacts)]


def contact_in(text: str, customer: KnownCustomer) -> str | None:
    """The customer's contact whose whole name the log's start holds, if any."""
    if not customer.contacts:
        return None
    head = " ".join(words(text[:SCAN_CHARS]))
    for contact in customer.contacts:
        name = " ".join(words(contact))
        if name and find_word(head, name) >= 0:
            return contact
    return None


def contacts_in(text: str, known: Sequence[KnownCustomer]) -> list[KnownCustomer]:
    """The customers whose contacts the log names: whole, or by one capitalised word of a
    Western name ("no answer from Hank" for Hank Scorpio)."""
    proper = {fold(w) for w in re.findall(r"\b[A-Z][a-z]+\b", text[:SCAN_CHARS])}
    return [k for k in known if contact_in(text, k) or any(
        len(parts) > 1 and not is_cjk(parts[0]) and proper & set(parts)
        for parts in (words(c) for c in k.contacts))]


def find_word(head: str, key: str) -> int:
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
