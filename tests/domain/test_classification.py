"""The classification axes, and which words in a log move a customer (and which must not)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.classification import (
    LIKELIHOOD,
    STAGE,
    TIER,
    axis_named,
    direction,
    is_downgrade,
    is_upgrade,
    tier_for_amount,
    value_named,
)
from bot.domain.log_moves import find_moves

MOVES = [
    # English: arrows, axis words, verbs
    ("Acme → A", "Acme", [(LIKELIHOOD, "A")]),
    ("Acme -> B", "Acme", [(LIKELIHOOD, "B")]),
    ("acme => C", "Acme", [(LIKELIHOOD, "C")]),
    ("Acme → negotiating", "Acme", [(STAGE, "negotiating")]),
    ("likelihood A", "Acme", [(LIKELIHOOD, "A")]),
    ("Called Li. Likelihood: B", "Acme", [(LIKELIHOOD, "B")]),
    ("close likelihood now C", "Acme", [(LIKELIHOOD, "C")]),
    ("tier B", "Acme", [(TIER, "B")]),
    ("value tier: A", "Acme", [(TIER, "A")]),
    ("stage: won", "Acme", [(STAGE, "won")]),
    ("stage to first meeting", "Acme", [(STAGE, "first_meeting")]),
    ("moved Acme to negotiating", "Acme", [(STAGE, "negotiating")]),
    ("Moved Acme Corp to the qualified stage", "Acme Corp", [(STAGE, "qualified")]),
    ("moved acme back to inquiry", "Acme", [(STAGE, "inquiry")]),
    ("moved Acme to B", "Acme", [(LIKELIHOOD, "B")]),
    ("Acme moved to after-sales", "Acme", [(STAGE, "after_sales")]),
    ("Acme Corp: met Li, moved Acme Corp to negotiating", "Acme Corp",
     [(STAGE, "negotiating")]),
    ("Acme signed", "Acme", [(STAGE, "won")]),
    ("Acme signed!", "Acme", [(STAGE, "won")]),
    ("Acme finally signed the contract.", "Acme", [(STAGE, "won")]),
    ("Acme: signed the deal, kickoff next week", "Acme", [(STAGE, "won")]),
    ("lost Acme", "Acme", [(STAGE, "lost")]),
    ("we lost Acme to Siemens", "Acme", [(STAGE, "lost")]),
    ("Acme lost", "Acme", [(STAGE, "lost")]),
    ("Acme: lost.", "Acme", [(STAGE, "lost")]),
    ("likelihood B; moved Acme to qualified", "Acme",
     [(LIKELIHOOD, "B"), (STAGE, "qualified")]),
    ("Acme → C. Later: Acme → A", "Acme", [(LIKELIHOOD, "A")]),  # the last word counts
    # Chinese
    ("华为 升A", "华为", [(LIKELIHOOD, "A")]),
    ("华为升级为B", "华为", [(LIKELIHOOD, "B")]),
    ("降为B", "华为", [(LIKELIHOOD, "B")]),
    ("降到c", "华为", [(LIKELIHOOD, "C")]),
    ("华为 → A", "华为", [(LIKELIHOOD, "A")]),
    ("可能性：A", "华为", [(LIKELIHOOD, "A")]),
    ("客户等级改为B", "华为", [(TIER, "B")]),
    ("阶段：谈判", "华为", [(STAGE, "negotiating")]),
    ("今天见了王总，进入需求确认阶段", "华为", [(STAGE, "qualified")]),
    ("签约了", "华为", [(STAGE, "won")]),
    ("华为今天签约了！", "华为", [(STAGE, "won")]),
    ("已经成交", "华为", [(STAGE, "won")]),
    ("不错，签约了", "华为", [(STAGE, "won")]),
    ("成交", "华为", [(STAGE, "won")]),
    ("签单了", "华为", [(STAGE, "won")]),
    ("已成交", "华为", [(STAGE, "won")]),
    ("成交了", "华为", [(STAGE, "won")]),
    ("转入售后", "华为", [(STAGE, "after_sales")]),
    ("把握B", "华为", [(LIKELIHOOD, "B")]),
    ("等级A", "华为", [(TIER, "A")]),
    ("丢单了", "华为", [(STAGE, "lost")]),
    ("客户流失", "华为", [(STAGE, "lost")]),
]

TRAPS = [
    ("Acme signed up for the newsletter", "Acme"),
    ("Acme signed the NDA", "Acme"),
    ("Acme signed for the parcel", "Acme"),
    ("Did Acme sign?", "Acme"),
    ("Acme signed?", "Acme"),
    ("if Acme signed we would celebrate", "Acme"),
    ("Acme hasn't signed yet", "Acme"),
    ("Acme lost their invoice", "Acme"),
    ("Acme lost to Siemens in the tender", "Acme"),
    ("I lost Acme's business card", "Acme"),
    ("we almost lost Acme", "Acme"),
    ("the likelihood a deal closes is low", "Acme"),
    ("value tier", "Acme"),
    ("Globex → A", "Acme"),
    ("moved Globex to negotiating", "Acme"),
    ("Acme moved to Shanghai", "Acme"),
    ("stage: unknown", "Acme"),
    ("we hope Acme → A soon", "Acme"),
    ("没签约", "华为"),
    ("还没有签约", "华为"),
    ("签约了吗", "华为"),
    ("签约了？", "华为"),
    ("预计下周成交", "华为"),
    ("如果成交，下周发货", "华为"),
    ("成交价太高", "华为"),
    ("客户流失率高", "华为"),
    ("防止流失", "华为"),
    ("担心丢单", "华为"),
    ("有流失风险", "华为"),
    ("希望升A", "华为"),
    ("升A股", "华为"),
    ("会降B吗", "华为"),
]


@pytest.mark.parametrize(("text", "customer", "expected"), MOVES)
def test_explicit_moves_are_read(text: str, customer: str,
                                 expected: list[tuple[str, str]]) -> None:
    assert [(m.axis, m.value) for m in find_moves(text, customer)] == expected


@pytest.mark.parametrize(("text", "customer"), TRAPS)
def test_words_that_only_look_like_moves_move_nothing(text: str, customer: str) -> None:
    assert find_moves(text, customer) == []


def test_a_move_keeps_the_words_that_said_it() -> None:
    (move,) = find_moves("Acme Corp: met Li, moved Acme Corp to negotiating", "Acme Corp")
    assert move.phrase == "moved Acme Corp to negotiating"


@pytest.mark.parametrize(("amount", "tier"), [
    (500_000, "A"), (2_000_000, "A"), (499_999.99, "B"), (100_000, "B"), (99_999, "C"), (0, "C"),
])
def test_tier_for_amount(amount: float, tier: str) -> None:
    assert tier_for_amount(amount) == tier


def test_tier_thresholds_are_configurable() -> None:
    assert tier_for_amount(60_000, (Decimal(80_000), Decimal(50_000))) == "B"


@pytest.mark.parametrize(("axis", "old", "new", "way"), [
    (LIKELIHOOD, "C", "B", "up"), (LIKELIHOOD, "B", "A", "up"), (LIKELIHOOD, "A", "B", "down"),
    (TIER, "A", "C", "down"), (STAGE, "qualified", "negotiating", "up"),
    (STAGE, "negotiating", "qualified", "down"), (STAGE, "won", "lost", "down"),
    (STAGE, "lost", "inquiry", "up"), (LIKELIHOOD, None, "A", None), (TIER, "B", "B", None),
    (STAGE, "won", None, None),
])
def test_upgrades_and_downgrades(axis: str, old: str | None, new: str | None,
                                 way: str | None) -> None:
    assert direction(axis, old, new) == way
    assert is_upgrade(axis, old, new) is (way == "up")
    assert is_downgrade(axis, old, new) is (way == "down")


@pytest.mark.parametrize(("axis", "word", "value"), [
    (STAGE, "Negotiating", "negotiating"), (STAGE, "谈判", "negotiating"),
    (STAGE, "first meeting", "first_meeting"), (STAGE, "初次会面", "first_meeting"),
    (STAGE, "需求确认", "qualified"), (STAGE, "after-sales", "after_sales"),
    (STAGE, "售后", "after_sales"), (STAGE, "询价", "inquiry"), (STAGE, "成交", "won"),
    (STAGE, "流失", "lost"), (STAGE, "maybe", None), (LIKELIHOOD, "a", "A"),
    (TIER, "B", "B"), (TIER, "D", None),
])
def test_values_are_named_in_english_and_chinese(axis: str, word: str,
                                                 value: str | None) -> None:
    assert value_named(axis, word) == value


@pytest.mark.parametrize(("word", "axis"), [
    ("stage", STAGE), ("阶段", STAGE), ("likelihood", LIKELIHOOD), ("可能性", LIKELIHOOD),
    ("tier", TIER), ("等级", TIER), ("owner", None), ("value", None),
])
def test_axes_are_named_in_english_and_chinese(word: str, axis: str | None) -> None:
    assert axis_named(word) == axis
