"""Customer tags as people type them: one spelling per tag whatever the case, checked, and
the "+urgent -cold" form of `/customer NAME tag ...` (domain.md section 1)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.domain.customer_file import MAX_TAG, TAG_SEPARATORS, tag_key
from bot.domain.problems import Problem, problem

# Letters and digits of any script (Chinese included), and a few joiners people use in
# tags ("2026-Q3 intent", "b2b/oem", "R&D"). Anything else (<, @, quotes, emoji) is refused
# with a clear message rather than stored and shown back oddly.
_JOINERS = set(" -_./&+#")
MAX_TAGS = 30  # per customer: a longer list is no longer a filter anyone reads


@dataclass(frozen=True)
class TagChanges:
    """Tags to add and to remove (by display spelling), and what could not be read."""

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


def clean_tag(raw: str) -> str | None:
    """A tag as stored: NFKC (full-width letters become plain), trimmed, inner spaces single,
    a leading '#' dropped. None when nothing is left."""
    text = unicodedata.normalize("NFKC", raw)
    text = " ".join(text.split()).strip().lstrip("#").strip()
    return text or None


def tag_problem(tag: str) -> Problem | None:
    """Why a cleaned tag cannot be stored ("tag_too_long", "tag_characters", "tag_empty"),
    or None."""
    if len(tag) > MAX_TAG:
        return problem("tag_too_long", tag=tag[:40] + "…", n=MAX_TAG)
    bad = sorted({c for c in tag if not (c.isalnum() or c in _JOINERS)})
    if bad:
        return problem("tag_characters", tag=tag[:40], chars=" ".join(repr(c) for c in bad[:5]))
    if not tag_key(tag):
        return problem("tag_empty", tag=tag[:40])
    return None


def parse_tag_list(text: str) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """A typed list ("urgent, manufacturing；展会") as (tags once each in order, problems)."""
    tags: list[str] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for part in TAG_SEPARATORS.split(text):
        tag = clean_tag(part)
        if tag is None:
            continue
        wrong = tag_problem(tag)
        if wrong:
            problems.append(wrong)
        elif tag_key(tag) not in seen:
            seen.add(tag_key(tag))
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        problems.append(problem("too_many_tags", n=MAX_TAGS))
    return tuple(tags), tuple(problems)


_TOKEN = re.compile(r"(?:^|\s)([+\-－＋]?)(\S+)")


def parse_tag_changes(text: str) -> TagChanges:
    """`+urgent +manufacturing -cold` (a bare word adds): one word per tag; a tag with spaces
    is set in the Edit form."""
    add: dict[str, str] = {}
    remove: dict[str, str] = {}
    problems: list[Problem] = []
    for sign, word in _TOKEN.findall(text):
        tag = clean_tag(word)
        if tag is None:
            continue
        wrong = tag_problem(tag)
        if wrong:
            problems.append(wrong)
            continue
        key = tag_key(tag)
        target, other = (remove, add) if sign in ("-", "－") else (add, remove)
        other.pop(key, None)  # the last word about a tag wins
        target.setdefault(key, tag)
    if not add and not remove and not problems:
        problems.append(problem("no_tags"))
    return TagChanges(tuple(add.values()), tuple(remove.values()), tuple(problems))
