"""Reading Slack's escaped mentions, including text that only looks like one."""

from __future__ import annotations

import re

import pytest

from bot.domain.mentions import mention_pattern, mentioned_user


@pytest.mark.parametrize(("text", "user"), [
    ("<@U0KIM>", "U0KIM"),
    ("<@U0KIM|kim>", "U0KIM"),
    ("  <@W0ENTERPRISE|Kim Lee>  ", "W0ENTERPRISE"),
    ("<@U0KIM|金>", "U0KIM"),
    ("<@U0KIM|>", "U0KIM"),
])
def test_one_mention_gives_its_user(text: str, user: str) -> None:
    assert mentioned_user(text) == user


@pytest.mark.parametrize("text", [
    "", "kim", "@kim", "U0KIM", "<@U0KIM", "<U0KIM>", "<#C0CHAN|general>", "<!here>",
    "<@u0kim>",  # not Slack's id: lower case
    "<@U0>",  # too short to be an id
    "<@U" + "A" * 40 + ">",  # too long
    "<@U0KIM> <@U0ANN>",  # two people
    "<@U0KIM|kim> and more",
    "<@U0KIM|a<@U0ANN>",  # a label that holds another mention
    "<@U0KIM|kim>>",
    "<@U0KIM\u202e|kim>",  # a bidi override inside the id
    "<@U0KIM|kim>\n<@U0ANN|ann>",
])
def test_anything_else_is_no_mention(text: str) -> None:
    assert mentioned_user(text) is None


def test_the_fragment_names_its_group_and_keeps_the_id_case_sensitive() -> None:
    pattern = re.compile(rf"^assign\s+{mention_pattern('who')}$", re.IGNORECASE)
    found = pattern.match("ASSIGN <@U0KIM|kim>")
    assert found is not None and found["who"] == "U0KIM"
    assert pattern.match("assign <@u0kim|kim>") is None
    assert pattern.match("assign <@U0KIM|k>im>") is None


def test_hostile_length_is_read_quickly() -> None:
    # A label of 100,000 characters with no closing bracket: refused, not backtracked into.
    assert mentioned_user("<@U0KIM|" + "x" * 100_000) is None
    assert mentioned_user("<@U0KIM|" + "x" * 100_000 + ">") == "U0KIM"
