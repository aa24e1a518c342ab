"""Problems (bot/domain/problems.py) in the reader's words: every code the rules and services
name has words, in English and Chinese, with the values it quotes put into words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain.customer_filter import parse_filter
from bot.domain.problems import Problem, problem, problem_from_payload
from bot.domain.tags import parse_tag_changes
from bot.services.customers.listing import CustomerList
from bot.services.pool.claiming import PoolList
from bot.services.views import Outcome, outcome_from_payload, to_payload
from handlers.blocks.customer_list import customer_list_message
from handlers.blocks.customers import customer_message
from handlers.blocks.pool import pool_list_message
from handlers.blocks.problems import CODES, field_errors, problem_text
from handlers.blocks.refusals import refusal_text
from tests.e2e.harness import mrkdwn_texts

ROOT = Path(__file__).resolve().parents[2]
_NAMED = re.compile(r"""\b(?:problem|RevisitError|LossError)\(\s*"([a-z_0-9]+)\"""")


def _codes_in_code() -> set[str]:
    found: set[str] = set()
    for package in ("bot", "handlers"):
        for path in (ROOT / package).rglob("*.py"):
            found |= set(_NAMED.findall(path.read_text("utf-8")))
    return found


def test_every_problem_the_code_names_has_words() -> None:
    named = _codes_in_code() | {"required_company", "required_person"}  # f"required_{kind}"
    assert len(named) > 50
    assert named - CODES == set(), "give these codes words in handlers/blocks/i18n_problems.py"


SAID = [
    (problem("give_name"), "Give the customer's name.", "请填写客户名称。"),
    (problem("too_long", n=1), "At most 1 character.", "最多 1 个字符。"),
    (problem("too_long", n=200), "At most 200 characters.", "最多 200 个字符。"),
    (problem("choose_source"),
     "Choose one of: Phone, Visit, Web form, Trade show, Referral, Partner or Other.",
     "请选择其中之一：电话、拜访、网站表单、展会、转介绍、合作伙伴或其他。"),
    (problem("not_a_value", typed="maybe", key="stage"),
     "`maybe` is not a stage; use inquiry, first_meeting, qualified, negotiating, won, "
     "after-sales or lost.",
     "`maybe` 不是阶段；请用 询价、初次会面、需求确认、谈判、成交、售后或流失。"),
    (problem("not_a_value", typed="D", key="likelihood"),
     "`D` is not a grade of likelihood; use A, B or C.",
     "`D` 不是成交可能性的等级；请用 A、B 或 C。"),
    (problem("not_a_value", typed="@sam", key="owner"),
     "`@sam` is not a person; use @someone or me.", "`@sam` 不是人；请用 @某人 或 我。"),
    (problem("given_twice", key="tier"), "value tier is given twice; a customer has one.",
     "价值等级给了两次；一个客户只有一个。"),
    (problem("given_twice", key="owner"), "Owner is given twice; a customer has one.",
     "负责人给了两次；一个客户只有一个。"),
    (problem("field_too_long", field="industry", n=200),
     "Industry is longer than 200 characters.", "行业超过了 200 个字符。"),
    (problem("care_day_typed", field="named:Spring visit", typed="13-40"),
     "Spring visit “13-40” is not a date written YYYY-MM-DD or MM-DD.",
     "Spring visit“13-40”不是 YYYY-MM-DD 或 MM-DD 格式的日期。"),
    (problem("duplicate", name="华为", field="phone"),
     "Duplicate: “华为” has the same phone number; not imported.",
     "重复：“华为”的电话号码相同；未导入。"),
    (problem("too_many_tags", n=30), "A customer has at most 30 tags.",
     "一个客户最多 30 个标签。"),
    (problem("time_unreadable_try", typed="whenever"),
     "I could not read a time in “whenever”. Try “Friday 3pm”.",
     "我无法从“whenever”中读出时间。试试“周五下午3点”。"),
]


@pytest.mark.parametrize(("said", "english", "chinese"), SAID)
def test_a_problem_reads_in_both_languages(said: Problem, english: str, chinese: str) -> None:
    assert problem_text("en", said, mrkdwn=False) == english
    assert problem_text("zh", said, mrkdwn=False) == chinese
    assert problem_text("zh_TW", said, mrkdwn=False) == chinese  # until it is translated


def test_user_text_is_escaped_for_mrkdwn_and_kept_plain_under_a_field() -> None:
    said = problem("tag_characters", tag="<b>", chars="'<' '>'")
    assert problem_text("en", said).startswith("Tag “&lt;b&gt;” has '&lt;' '&gt;'")
    assert field_errors("en", {"tags": said})["tags"].startswith("Tag “<b>” has '<' '>'")


def test_a_problem_survives_a_queued_payload_and_an_old_sentence_stays_one() -> None:
    told = Outcome(status="invalid", message="not_saved", language="zh",
                   problems=(problem("time_unreadable", typed="随便"), "Old words."),
                   errors={"when": problem("say_when"), "name": "Older words."})
    again = outcome_from_payload(to_payload(told))
    assert again == told
    assert refusal_text(again, "zh") == "未保存：我无法从“随便”中读出时间。 Old words."
    assert refusal_text(again, "en") == (
        "Not saved: I could not read a time in “随便”. Old words.")
    assert problem_from_payload({"code": "x"}) == Problem("x")
    assert problem_text("en", Problem("no_such_code")) == "no_such_code"


def test_a_filter_and_a_tag_change_that_cannot_be_read_are_said_in_the_readers_words() -> None:
    _, problems = parse_filter("阶段:也许 颜色:红", "U0ME")
    zh = mrkdwn_texts(customer_list_message(CustomerList("invalid", problems=problems,
                                                         lang="zh"))["blocks"])
    assert "• `也许` 不是阶段；请用 询价、初次会面、需求确认、谈判、成交、售后或流失。" in zh
    assert "• `颜色:红` 不是筛选条件" in zh
    en = mrkdwn_texts(customer_list_message(CustomerList("invalid", problems=problems,
                                                         lang="en"))["blocks"])
    assert "• `也许` is not a stage; use inquiry, first_meeting" in en
    pooled = mrkdwn_texts(pool_list_message(PoolList("invalid", lang="zh", problems=(
        problem("owner_in_pool"),)))["blocks"])
    assert "负责人: 不适用于公海" in pooled
    tagged = Outcome(status="invalid", language="zh",
                     problems=parse_tag_changes("+a<b").problems)
    assert "标签“a&lt;b”含有 '&lt;'" in mrkdwn_texts(customer_message(tagged)["blocks"])
