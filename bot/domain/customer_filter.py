"""Reading `/customers tag:urgent stage:negotiating owner:@sam likelihood:A tier:B`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.classification import LIKELIHOOD, STAGE, TIER, value_named
from bot.domain.customer_file import tag_key
from bot.domain.mentions import USER_ID, mentioned_user
from bot.domain.problems import Problem, problem
from bot.domain.tags import clean_tag, tag_problem

# Filter words (English and Chinese) -> what they filter on.
KEYS = {"tag": "tag", "tags": "tag", "标签": "tag",
        "stage": STAGE, "阶段": STAGE,
        "likelihood": LIKELIHOOD, "可能性": LIKELIHOOD,
        "tier": TIER, "等级": TIER,
        "owner": "owner", "负责人": "owner"}
# `owner:@sam` reaches the bot escaped by Slack as <@U123|sam> (or <@U123>).
_USER_ID = re.compile(rf"^{USER_ID}$")
_TERM = re.compile(r"^([^:：]+)[:：](.*)$")
_WORDS = re.compile(r"""[^\s:：]+[:：]["“”][^"“”]*["“”]|\S+""")  # tag:"two words"
ME = ("me", "我")


@dataclass(frozen=True)
class CustomerFilter:
    """What a list must match: every tag (by key), and each axis or owner when given."""

    tags: tuple[str, ...] = ()
    stage: str | None = None
    likelihood: str | None = None
    tier: str | None = None
    owner: str | None = None


def parse_filter(text: str, viewer: str) -> tuple[CustomerFilter, tuple[Problem, ...]]:
    """The filter a line asks for (`me` is the viewer), and what in it could not be read:
    "not_a_filter" (word), "tag_needed", "not_a_value" (typed, key: an axis or "owner"),
    "given_twice" (key), or a tag's problem."""
    tags: list[str] = []
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for piece in _WORDS.finditer(text):
        word = piece.group()
        term = _TERM.match(word)
        key = KEYS.get(term.group(1).casefold()) if term else None
        if term is None or key is None:
            problems.append(problem("not_a_filter", word=word[:40]))
            continue
        raw = term.group(2).strip().strip('"“”')
        if key == "tag":
            tag = clean_tag(raw)
            found_problem = tag_problem(tag) if tag else problem("tag_needed")
            if found_problem:
                problems.append(found_problem)
            elif tag_key(tag or "") not in tags:
                tags.append(tag_key(tag or ""))
            continue
        value = _owner(raw, viewer) if key == "owner" else value_named(key, raw)
        if value is None:
            problems.append(problem("not_a_value", typed=raw[:40], key=key))
        elif key in found and found[key] != value:
            problems.append(problem("given_twice", key=key))
        else:
            found[key] = value
    return CustomerFilter(tuple(tags), found.get(STAGE), found.get(LIKELIHOOD),
                          found.get(TIER), found.get("owner")), tuple(problems)


def _owner(raw: str, viewer: str) -> str | None:
    if raw.casefold() in ME:
        return viewer
    mention = mentioned_user(raw)
    if mention:
        return mention
    return raw if _USER_ID.match(raw) else None
