"""Moves as reps write them, with or without the customer's name, and the words that only
look like moves (hedges, negations, questions, futures), in English and Chinese."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.classification import LIKELIHOOD, STAGE, TIER
from bot.domain.log_moves import find_moves
from bot.domain.parsing import parse_log

WON, LOST = [(STAGE, "won")], [(STAGE, "lost")]

# (text, the customer the log is attached to, moves read)
WRITTEN = [
    ("Acme Corp signed the contract today!", "Acme Corp", WON),
    ("Globex Industrial signed yesterday, kickoff Monday", "Globex Industrial", WON),
    ("Acme Corp: met Li, they signed the contract.", "Acme Corp", WON),
    ("called Li - signed it this morning", "Acme Corp", WON),
    ("Acme: signed a 2-year contract with us", "Acme", WON),
    ("Li signed the order at 3pm and we start next week", "Acme", WON),
    ("Initech signed the purchase order", "Initech", WON),
    ("closed the deal", "Acme", WON),
    ("Closed the deal with Li today, kickoff Monday", "Acme", WON),
    ("closed-won", "Acme", WON),
    ("we closed it!", "Acme", WON),
    ("deal closed.", "Acme", WON),
    ("the contract was signed yesterday", "Acme", WON),
    ("we won the tender", "Acme", WON),
    ("Won the Globex deal!", "Globex", WON),
    ("got the PO today", "Acme", WON),
    ("PO received from Acme", "Acme", WON),
    ("lost this one to Huawei", "Acme", LOST),
    ("Acme picked another vendor", "Acme", LOST),
    ("received the signed contract", "Acme", WON),
    ("Acme Corp finally signed at last.", "Acme Corp", WON),
    ("went with a competitor", "Acme", LOST),
    ("Acme: they went with a competitor, price", "Acme", LOST),
    ("they went with Siemens instead", "Acme", LOST),
    ("lost the deal to Siemens", "Acme", LOST),
    ("deal lost", "Acme", LOST),
    ("we lost to a cheaper vendor", "Acme", LOST),
    ("they chose another supplier", "Acme", LOST),
    ("we lost them to Siemens", "Acme", LOST),
    ("Acme → A", "Acme Corp", [(LIKELIHOOD, "A")]),
    ("moved Globex to qualified", "Globex Industrial", [(STAGE, "qualified")]),
    ("moved them to negotiating", "Acme", [(STAGE, "negotiating")]),
    ("moved it back to B", "Acme", [(LIKELIHOOD, "B")]),
    ("upgraded Acme to A", "Acme Corp", [(LIKELIHOOD, "A")]),
    ("tier → B", "Acme", [(TIER, "B")]),
    ("negotiating → won", "Acme", WON),
    ("Met Li at the fair; stage: negotiating", "Acme", [(STAGE, "negotiating")]),
    ("signed the contract, likelihood no longer matters; tier A", "Acme",
     [(STAGE, "won"), (TIER, "A")]),
    # Chinese
    ("签了", "华为", WON),
    ("拿下了", "华为", WON),
    ("丢单了", "华为", LOST),
    ("华为今天签了合同！", "华为", WON),
    ("顺丰速运 合同签了，下周一启动", "顺丰速运", WON),
    ("王总签下来了", "华为", WON),
    ("终于拿下了这个项目", "华为", WON),
    ("中标了！", "华为", WON),
    ("昨天签约了，下周付款", "华为", WON),
    ("客户选了竞争对手", "华为", LOST),
    ("跟竞争对手签了", "华为", LOST),
    ("输给了友商", "华为", LOST),
    ("这单黄了", "华为", LOST),
    ("推进到谈判阶段", "华为", [(STAGE, "negotiating")]),
    ("华为 → B", "华为技术", [(LIKELIHOOD, "B")]),
    ("Acme 签了 the contract", "Acme", WON),
]

# Moves stated about whoever the log is about: read with no customer name (the parser).
UNNAMED = [
    ("Acme Corp signed the contract today!", WON),
    ("moved Globex to qualified", [(STAGE, "qualified")]),
    ("Globex → A", [(LIKELIHOOD, "A")]),
    ("Acme: lost.", LOST),
    ("丢单了", LOST),
]

NOT_MOVES = [
    ("almost signed", "Acme"),
    ("not going to sign", "Acme"),
    ("will sign next month", "Acme"),
    ("did they sign?", "Acme"),
    ("they signed?", "Acme"),
    ("Acme nearly signed the contract", "Acme"),
    ("they haven't signed the contract yet", "Acme"),
    ("hope they signed the contract", "Acme"),
    ("once signed, we start", "Acme"),
    ("contract to be signed Monday", "Acme"),
    ("contract needs to be signed by Friday", "Acme"),
    ("if they closed the deal we would know", "Acme"),
    ("they signed up for the webinar", "Acme"),
    ("Li signed for the parcel", "Acme"),
    ("they signed the NDA", "Acme"),
    ("signed off on the design", "Acme"),
    ("closed the ticket", "Acme"),
    ("the office is closed today", "Acme"),
    ("they won an award", "Acme"),
    ("received the contract draft", "Acme"),
    ("might go with a competitor", "Acme"),
    ("threatening to go with a competitor", "Acme"),
    ("they lost their invoice", "Acme"),
    ("Li lost his phone", "Acme"),
    ("lost Li's business card", "Acme"),
    ("we almost lost the deal", "Acme"),
    ("went with our premium plan", "Acme"),
    ("moved the demo to Friday", "Acme"),
    ("moved Globex to qualified", "Acme"),
    ("Globex → A", "Acme"),
    ("price too high", "Acme"),
    ("the likelihood a deal closes is low", "Acme"),
    ("is the deal closed?", "Acme"),
    ("would be nice to close the deal", "Acme"),
    ("Li said the competitor signed with Globex", "Acme"),
    ("waiting for the signed contract", "Acme"),
    ("could go with a competitor if price stays", "Acme"),
    # Chinese
    ("下个月签", "华为"),
    ("还没签", "华为"),
    ("快签了", "华为"),
    ("马上签了", "华为"),
    ("签了吗", "华为"),
    ("签了没", "华为"),
    ("签了保密协议", "华为"),
    ("快递签收了", "华为"),
    ("王总签字了", "华为"),
    ("差点丢单", "华为"),
    ("担心丢单", "华为"),
    ("希望拿下", "华为"),
    ("争取下周签约", "华为"),
    ("我们和竞争对手比价格更低", "华为"),
    ("合同还没签了", "华为"),
    ("成交价太高", "华为"),
]


@pytest.mark.parametrize(("text", "customer", "expected"), WRITTEN)
def test_moves_as_reps_write_them(text: str, customer: str,
                                  expected: list[tuple[str, str]]) -> None:
    assert [(m.axis, m.value) for m in find_moves(text, customer)] == expected


@pytest.mark.parametrize(("text", "expected"), UNNAMED)
def test_moves_are_read_without_the_customer_name(text: str,
                                                  expected: list[tuple[str, str]]) -> None:
    assert [(m.axis, m.value) for m in find_moves(text)] == expected


@pytest.mark.parametrize(("text", "customer"), NOT_MOVES)
def test_hedges_negations_questions_and_futures_move_nothing(text: str, customer: str) -> None:
    assert find_moves(text, customer) == []


def test_the_tables_hold_enough_cases_in_both_languages() -> None:
    def chinese(text: str) -> bool:
        return any("\u4e00" <= c <= "\u9fff" for c in text)
    assert sum(chinese(t) for t, _, _ in WRITTEN) >= 15
    assert sum(chinese(t) for t, _ in NOT_MOVES) >= 15
    assert len(WRITTEN) + len(UNNAMED) >= 40 and len(NOT_MOVES) >= 40


def test_the_parser_reports_moves_and_a_complaint_without_knowing_the_customer() -> None:
    now, tz = datetime(2026, 12, 3, 2, tzinfo=UTC), ZoneInfo("Asia/Shanghai")
    signed = parse_log("Acme Corp signed the contract today!", now=now, tz=tz)
    assert [(m.axis, m.value) for m in signed.moves] == WON and signed.complaint is None
    angry = parse_log("顺丰速运 投诉发票开错了, 客户很生气", now=now, tz=tz)
    assert angry.moves == () and angry.complaint is not None
    assert angry.complaint.category == "service"
