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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .customer_names import LATIN_SUFFIXES, name_runs, without_place
from .customer_people import KnownCustomer as KnownCustomer
from .customer_people import (
    contact_in,
    contacts_in,
    customers_of,
    find_word,
    is_contact,
    known_as,
    mentions,
    person_named,
)
from .name_keys import SCAN_CHARS, core, fold, is_cjk, words

MatchKind = Literal["existing", "new", "ambiguous"]
_SIMILAR_CUTOFF = 60.0
_MAX_CANDIDATES = 4


@dataclass(frozen=True)
class CustomerMatch:
    """The verdict: `name` is the customer (existing) or the name as typed (new)."""

    kind: MatchKind
    name: str | None
    candidates: tuple[str, ...] = ()
    contact: str | None = None


def match_customer(text: str, typed: str | None, known: Sequence[KnownCustomer],
                   *, guessed: bool = False) -> CustomerMatch:
    """Resolve the customer of a log from the name the rep gave (if any) and the known
    customers it could be (all of them, or the index's candidates); `guessed` when the name
    is only the run of words the log opens with, which counts only if it is a person or
    looks like a customer."""
    by_core: dict[str, KnownCustomer] = {}
    for customer in known:
        by_core.setdefault(core(customer.name), customer)
    typed = _the_name(typed.strip(), by_core, known) if typed and typed.strip() else None
    typed_core = core(typed) if typed else ""
    if typed and typed_core in by_core:
        return _written_whole(text, typed, by_core[typed_core], known)
    written = _written_in(text, known)
    # The reading cut a name short (上海联 of 上海联想数字 before 想): the one written in full
    longer = [k for k in written if typed_core and typed_core in core(k.name)]
    if len(longer) == 1:
        return CustomerMatch("existing", longer[0].name, contact=contact_in(text, longer[0]))
    like_one = _looks_like_one(typed_core, known)
    person = person_named(typed, text, known, pronoun=not like_one) if typed else None
    # "Lunch", "Called": a word the log opens with that is nobody's name; "quick one:",
    # "fyi:": a lower-case label before a customer written in full
    opened_with_none = person is None and not like_one and (
        guessed or bool(written) and typed is not None and typed == typed.lower())
    if typed and person is None and typed_core and not opened_with_none:
        return _by_typed(typed, typed_core, known)
    found = written
    if len(found) == 1:
        return CustomerMatch("existing", found[0].name, contact=person or contact_in(
            text, found[0]))
    if found:
        return CustomerMatch("ambiguous", None, tuple(k.name for k in found), person)
    people = customers_of(person, known) if person else contacts_in(text, known)
    contact = known_as(person, people) if person else (
        contact_in(text, people[0]) if people else None)
    if len(people) == 1:  # the one customer this person is known at
        return CustomerMatch("existing", people[0].name, contact=contact)
    return CustomerMatch("ambiguous", None, tuple(k.name for k in people)[:_MAX_CANDIDATES],
                         contact)


def _the_name(typed: str, by_core: dict[str, KnownCustomer],
              known: Sequence[KnownCustomer]) -> str:
    """The name in what the rep typed: a known customer's among its runs, else the first
    run that is not a person's ("顺丰同城 赵总"), else the first ("pinged Hank on linkedin")."""
    if core(typed) in by_core:
        return typed
    runs = name_runs(typed)
    if not runs:
        return typed
    for run in runs:
        if core(run) in by_core:
            return run
        # "Tencent Cloud Kevin", "华为云陈静": a customer and their contact
        parts = list(run) if is_cjk(run) else run.split()
        glue = "" if is_cjk(run) else " "
        for cut in range(len(parts) - 1, 0, -1):
            rest = fold(glue.join(parts[cut:]))
            if core(glue.join(parts[:cut])) in by_core and any(
                    is_contact(rest, c) for k in known for c in k.contacts):
                return glue.join(parts[:cut])
    # a suffix alone is no name: "<!here> Corp" stays as typed
    runs = [r for r in runs if not set(words(r)) <= LATIN_SUFFIXES]
    if not runs or len(runs) == 1 and runs[0] == typed:
        return typed
    return next((r for r in runs if person_named(r, "", known) is None), runs[0])


def _written_whole(text: str, typed: str, hit: KnownCustomer,
                   known: Sequence[KnownCustomer]) -> CustomerMatch:
    """A customer's name as typed. Written without the suffix the file has ("Acme" for Acme
    Corp) it is also the start of any longer name ("Acme Corporation Asia"): then a contact
    named in the log decides, else the rep is asked."""
    typed_words, key, full = " ".join(words(typed)), core(hit.name), " ".join(words(hit.name))
    others = [k for k in known if k is not hit and _abbreviates(key, core(k.name))]
    if typed_words != key or key == full or not others \
            or find_word(" ".join(words(text[:SCAN_CHARS])), full) >= 0:
        return CustomerMatch("existing", hit.name, contact=contact_in(text, hit))
    group = [hit, *others]
    # the name read was cut short: "Normarros Software (Shanghai) Ltd" is written in full
    longer = [k for k in _written_in(text, others) if core(k.name) != key]
    if len(longer) == 1:
        return CustomerMatch("existing", longer[0].name, contact=contact_in(text, longer[0]))
    named = [k for k in group if mentions(text, k)]
    if len(named) == 1:
        return CustomerMatch("existing", named[0].name, contact=contact_in(text, named[0]))
    return CustomerMatch("ambiguous", None, tuple(k.name for k in group)[:_MAX_CANDIDATES])


def _looks_like_one(typed_core: str, known: Sequence[KnownCustomer]) -> bool:
    """Whether a name shares its start with a customer's: its first word, or, in Chinese,
    its first two characters; or is an abbreviation or a typo of one."""
    if not typed_core:
        return False
    first = typed_core.split()[0]
    for customer in known:
        key = core(customer.name)
        if not key:
            continue
        if (is_cjk(first) and len(first) >= 2 and without_place(key).startswith(first[:2])) \
                or key.startswith(first[:2]) and is_cjk(first[:2]) \
                or key.split()[0] == first \
                or _abbreviates(typed_core, key) or _one_typo(typed_core, key):
            return True
    return False


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
    "北大" for "北京大学", "浦发" for "上海浦东发展银行" (a Chinese name also without the place it
    opens with): shorter than the name, never longer (that is another company)."""
    if not short or len(short) >= len(full):
        return False
    short_words, full_words = short.split(), full.split()
    if full_words[:len(short_words)] == short_words:
        return True
    # its first word and some of the others, in order ("acme asia" for Acme Corporation Asia)
    if len(short_words) > 1 and short_words[0] == full_words[0]:
        rest = iter(full_words[1:])
        if all(w in rest for w in short_words[1:]):
            return True
    # its last word cut short: "contoso pharma" for Contoso Pharmaceuticals
    n = len(short_words)
    if 1 < n <= len(full_words) and full_words[:n - 1] == short_words[:-1] \
            and len(short_words[-1]) >= 3 and full_words[n - 1].startswith(short_words[-1]):
        return True
    latin = [w for w in full_words if not is_cjk(w)]
    if len(short_words) == 1 and len(latin) >= 2 and short == "".join(w[0] for w in latin):
        return True
    joined = "".join(full_words)  # 中国平安保险 (集团): the words of one Chinese name
    if is_cjk(short) and is_cjk(joined) and len(short) >= 2:
        return any(_in_order(short, name) for name in {joined, without_place(joined)})
    return False


def _in_order(short: str, full: str) -> bool:
    """Its first character first, the others in the name's order."""
    if len(short) >= len(full) or short[0] != full[0]:
        return False
    rest = iter(full[1:])
    return all(c in rest for c in short[1:])


def _one_typo(typed: str, name: str) -> bool:
    """One letter wrong, missing, extra or swapped, in the name or its first words
    ("Cyberdine" for Cyberdyne Systems); five letters or more, never Chinese."""
    if is_cjk(typed.replace(" ", "")) or min(len(typed), len(name)) < 5:
        return False
    start = " ".join(name.split()[:len(typed.split())])
    return any(typed != n and len(n) >= 5 and OSA.distance(typed, n, score_cutoff=1) <= 1
               for n in {name, start})


def _written_in(text: str, known: Sequence[KnownCustomer]) -> list[KnownCustomer]:
    """Customers named in full in the log's start (by their core), first mentioned first;
    a name inside a longer one found ("acme" in "acme corp") counts once, as the longer."""
    head = " ".join(w for w in words(text[:SCAN_CHARS]) if w != "and")  # as core() reads
    # names: "procter and gamble" is Procter & Gamble
    spans: list[tuple[int, int, KnownCustomer]] = []
    for customer in known:
        key = core(customer.name)
        start = find_word(head, key) if key else -1
        if start >= 0:
            spans.append((start, start + len(key), customer))
    spans.sort(key=lambda s: (s[0], s[0] - s[1]))
    kept: list[tuple[int, int, KnownCustomer]] = []
    for start, end, customer in spans:
        if not any(s <= start and end <= e for s, e, _ in kept):
            kept.append((start, end, customer))
    return list(dict.fromkeys(k for _, _, k in kept))


