"""Customer tags as people type them: one spelling per tag whatever the case, checked, and
the "+urgent -cold" form of `/customer NAME tag ...` (domain.md section 1)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.domain.customer_file import MAX_TAG, TAG_SEPARATORS, tag_key

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
    problems: tuple[str, ...] = ()


def clean_tag(raw: str) -> str | None:
    """A tag as stored: NFKC (full-width letters become plain), trimmed, inner spaces single,
    a leading '#' dropped. None when nothing is left."""
    text = unicodedata.normalize("NFKC", raw)
    text = " ".join(text.split()).strip().lstrip("#").strip()
    return text or None


def tag_problem(tag: str) -> str | None:
    """Why a cleaned tag cannot be stored, or None."""
    if len(tag) > MAX_TAG:
        return f"tag \"{tag[:40]}…\" is longer than {MAX_TAG} characters"
    bad = sorted({c for c in tag if not (c.isalnum() or c in _JOINERS)})
    if bad:
        shown = " ".join(repr(c) for c in bad[:5])
        return (f"tag \"{tag[:40]}\" has {shown}: a tag holds letters, digits, spaces "
                f"and - _ . / & + only")
    if not tag_key(tag):
        return f"tag \"{tag[:40]}\" has no letters or digits"
    return None


def parse_tag_list(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A typed list ("urgent, manufacturing；展会") as (tags once each in order, problems)."""
    tags: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for part in TAG_SEPARATORS.split(text):
        tag = clean_tag(part)
        if tag is None:
            continue
        problem = tag_problem(tag)
        if problem:
            problems.append(problem)
        elif tag_key(tag) not in seen:
            seen.add(tag_key(tag))
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        problems.append(f"at most {MAX_TAGS} tags per customer")
    return tuple(tags), tuple(problems)


_TOKEN = re.compile(r"(?:^|\s)([+\-－＋]?)(\S+)")


def parse_tag_changes(text: str) -> TagChanges:
    """`+urgent +manufacturing -cold` (a bare word adds): one word per tag; a tag with spaces
    is set in the Edit form."""
    add: dict[str, str] = {}
    remove: dict[str, str] = {}
    problems: list[str] = []
    for sign, word in _TOKEN.findall(text):
        tag = clean_tag(word)
        if tag is None:
            continue
        problem = tag_problem(tag)
        if problem:
            problems.append(problem)
            continue
        key = tag_key(tag)
        target, other = (remove, add) if sign in ("-", "－") else (add, remove)
        other.pop(key, None)  # the last word about a tag wins
        target.setdefault(key, tag)
    if not add and not remove and not problems:
        problems.append("no tags given: write +tag to add and -tag to remove")
    return TagChanges(tuple(add.values()), tuple(remove.values()), tuple(problems))
