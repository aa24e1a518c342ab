"""Reading a revisit and care dates from a log, in English and Chinese."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.care_dates import ANNIVERSARY, BIRTHDAY, RENEWAL
from bot.domain.care_text import CareReading, read_care_dates
from bot.domain.revisit_outcomes import CALL_BACK, NO_ANSWER, REACHED, WRONG_NUMBER
from bot.domain.revisit_plans import RevisitPolicy
from bot.domain.revisit_text import RevisitReading, read_revisit

REASONS = RevisitPolicy().reasons
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)

REVISITS = [
    ("回访了华为,很满意,5分", RevisitReading(REACHED, 5, True)),
    ("called Acme back, unhappy with delivery, 2/5",
     RevisitReading(REACHED, 2, False, "delivery")),
    ("satisfaction call with Globex: rated 3, price too high",
     RevisitReading(REACHED, 3, False, "price")),
    ("回访了腾讯，不太满意，售后服务态度差", RevisitReading(REACHED, None, False, "service")),
    ("回访联想 打了四分", RevisitReading(REACHED, 4, True)),
    ("Acme satisfaction call, 4 out of 5", RevisitReading(REACHED, 4, True)),
    ("revisited Initech, very happy with the install", RevisitReading(REACHED, None, True)),
    ("回访华为，没人接", RevisitReading(NO_ANSWER)),
    ("revisit Acme: no answer, voicemail", RevisitReading(NO_ANSWER)),
    ("revisit Acme: wrong number", RevisitReading(WRONG_NUMBER)),
    ("回访百度 空号", RevisitReading(WRONG_NUMBER)),
    ("回访 客户在开会，明天再打", RevisitReading(CALL_BACK)),
    ("follow-up call to Globex, Li asked us to call back later", RevisitReading(CALL_BACK)),
]

NOT_REVISITS = [
    "Acme demo went well, Li happy",
    "called Li, meeting in 5 minutes",
    "called Acme back about the quote",
    "meeting moved to 3/5",
    "华为 下午3点5分开会",
    "sent 2 quotes, 5 pages each",
]


@pytest.mark.parametrize(("text", "expected"), REVISITS)
def test_a_revisit_log_is_read(text: str, expected: RevisitReading) -> None:
    assert read_revisit(text, REASONS) == expected


@pytest.mark.parametrize("text", NOT_REVISITS)
def test_ordinary_logs_are_not_revisits(text: str) -> None:
    assert read_revisit(text, REASONS) is None


def test_a_configured_reason_is_read_by_its_name() -> None:
    reading = read_revisit("回访 ACME 2分, packaging", ("packaging", "other"))
    assert reading is not None and reading.reason == "packaging"


CARE = [
    ("王总生日是3月5号", [CareReading(BIRTHDAY, 3, 5, None, "王总")]),
    ("renewal due 30 June", [CareReading(RENEWAL, 6, 30, 2027)]),
    ("合同6月30日到期", [CareReading(RENEWAL, 6, 30, 2027)]),
    ("合同明年1月10号续签", [CareReading(RENEWAL, 1, 10, 2027)]),
    ("Acme's anniversary is on 12 May", [CareReading(ANNIVERSARY, 5, 12)]),
    ("公司周年庆是10月18日", [CareReading(ANNIVERSARY, 10, 18)]),
    ("Mr Li's birthday is 29 February", [CareReading(BIRTHDAY, 2, 29, None, "Mr Li")]),
    ("李经理的生日2月29日", [CareReading(BIRTHDAY, 2, 29, None, "李经理")]),
    ("华为 王总生日3月5号，下周二再联系", [CareReading(BIRTHDAY, 3, 5, None, "王总")]),
    ("visited Wang; birthday of Wang is March 5; renewal on 2027-01-10",
     [CareReading(BIRTHDAY, 3, 5, None, "Wang"), CareReading(RENEWAL, 1, 10, 2027)]),
    ("called Wang, demo next Friday", []),
    ("王总生日快到了", []),  # a kind with no date is nothing to store
]


@pytest.mark.parametrize(("text", "expected"), CARE)
def test_care_dates_are_read(text: str, expected: list[CareReading]) -> None:
    assert read_care_dates(text, NOW, SHANGHAI) == expected
