"""Hostile values for property tests: the one generator of hostile strings, absurd record ids,
values of the wrong type, and a mangler that drops or retypes keys of a Slack payload."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

# Text a person (or a crafted payload) can send that has broken, or could break, something:
# NUL (native parsers, PostgreSQL), Slack control syntax, bidi overrides, line separators,
# combining and zero-width characters, look-alike digits and colons, words the bot reacts to.
SPECIAL = (
    "\x00", "\x00\x00", "a\x00b", "\x07", "\x1b[31m", "\r\n", "\t", "\u2028", "\u2029",
    "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\ufffd", "\U0001f469\u200d\U0001f4bb",
    "e\u0301", "<!channel>", "<!here>", "<@U0LEAD>", "<https://evil.example|bank>", "&amp;",
    "*bold*", "`code`", "'; DROP TABLE follow_ups; --", "%s%n", "{0}", "${x}", "\\", '"',
    "：", "Acme Corp: ", "Acme Corp", "help", "帮助", "?", "complaint: ", "投诉:", "cover ",
    "history", "new ", "tag +urgent -cold", "stage:won", "owner:@U0REP2", "by Friday 3pm",
    "明天下午两点", "tomorrow", "every 2 days", "in 99999999999 days", "year 99999", "-1 hours",
    "١٢", "１２", "²", "99999999999999999999999999", "-1", "abc", " ", "",
)

WHITESPACE = st.sampled_from(["", " ", "\n", "\u3000", "\xa0", "\t \n"])


def hostile_text(*, surrogates: bool = True, max_huge: int = 20_000) -> st.SearchStrategy[str]:
    """Any text, weighted towards what breaks things; lone surrogates only where the wire can
    carry them (JSON's \\ud800 escape; a form-encoded field is UTF-8 and cannot)."""
    excluded = () if surrogates else ("Cs",)
    anything = st.text(st.characters(exclude_categories=excluded), max_size=60)
    pieces = st.one_of(st.sampled_from(SPECIAL), anything, WHITESPACE)
    mixed = st.lists(pieces, max_size=8).map("".join)
    huge = st.builds(lambda unit, n: (unit * (n // max(len(unit), 1) + 1))[:n],
                     st.sampled_from(["a", "界", "\x00", "Acme Corp: call Li by Friday 3pm. ",
                                      "<!channel> ", "\u202e1"]),
                     st.integers(min(1_000, max_huge), max_huge))
    return st.one_of(mixed, anything, st.sampled_from(SPECIAL), huge)


def absurd_ids() -> st.SearchStrategy[str]:
    """Record ids as a button value or form metadata may carry them: real small ones (the
    seeded records), huge, negative, non-numeric, digits that are not ASCII."""
    return st.one_of(
        st.integers(0, 6).map(str),
        st.sampled_from(["99999999999999999999999999", "-1", "abc", "", "0", " 1", "1.5",
                         "1e9", "٣", "²", "１", "2147483648", "9223372036854775808",
                         "18446744073709551616", "9" * 400, ":", "1:", "00001"]),
        st.integers(-(2**80), 2**80).map(str),
    )


def id_values(*, surrogates: bool = True) -> st.SearchStrategy[str]:
    """A button or option value: an id, optionally followed by ":" and a hostile rest."""
    rest = st.one_of(st.just(""), hostile_text(surrogates=surrogates, max_huge=5_000))
    joined = st.builds(lambda i, r: f"{i}:{r}", absurd_ids(), rest)
    return st.one_of(absurd_ids(), joined, hostile_text(surrogates=surrogates, max_huge=5_000))


def wrong_types() -> st.SearchStrategy[Any]:
    """Values JSON can carry where a string or an object was expected."""
    scalar = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                       st.floats(allow_nan=False, allow_infinity=False))
    return st.one_of(scalar, st.lists(scalar, max_size=3),
                     st.dictionaries(st.text(max_size=5), scalar, max_size=3))


def any_value(*, surrogates: bool = True) -> st.SearchStrategy[Any]:
    """Whatever a crafted payload may put in a field."""
    return st.one_of(hostile_text(surrogates=surrogates, max_huge=5_000), absurd_ids(),
                     wrong_types())


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path of nested dicts and lists, e.g. ("actions", 0, "value")."""
    found: list[tuple[Any, ...]] = []
    items = node.items() if isinstance(node, dict) else (
        enumerate(node) if isinstance(node, list) else ())
    for key, child in items:
        found.append((*prefix, key))
        found.extend(_paths(child, (*prefix, key)))
    return found


@st.composite
def mangled(draw: st.DrawFn, payload: dict[str, Any], *, surrogates: bool = True,
            max_changes: int = 3) -> tuple[dict[str, Any], bool]:
    """A copy of `payload` with up to `max_changes` keys dropped or given a hostile value;
    also whether anything changed (shrinks towards the untouched payload)."""
    out = copy.deepcopy(payload)
    changes = draw(st.integers(0, max_changes))
    for _ in range(changes):
        paths = _paths(out)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = out
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(any_value(surrogates=surrogates))
    return out, changes > 0
