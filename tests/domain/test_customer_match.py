"""Which customer a log is about (bot/domain/customer_match.py), rule by rule, in English
and Chinese, with the logs of issue 12 that were filed under the wrong customer."""

from __future__ import annotations

import pytest

from bot.domain.customer_match import CustomerMatch, KnownCustomer, match_customer
from bot.domain.name_keys import contact_keys, core, customer_keys, text_keys
from bot.domain.parsing.customer import named_in, read_log

KNOWN = [
    KnownCustomer("Acme Corp", ("Li Wei",)),
    KnownCustomer("Tencent Cloud"),
    KnownCustomer("Globex Industrial"),
    KnownCustomer("Initech"),
    KnownCustomer("华为", ("王伟",)),
    KnownCustomer("顺丰速运"),
    KnownCustomer("阿里巴巴"),
    KnownCustomer("Nestlé S.A."),
    KnownCustomer("International Business Machines"),
    KnownCustomer("北京大学"),
    KnownCustomer("上海联想数字"),
]


def _match(text: str, known: list[KnownCustomer] = KNOWN) -> CustomerMatch:
    """The verdict as the parser reaches it (the name given, or the one the log opens with)."""
    match = read_log(text, None, (), known).customer_match
    assert match is not None
    return match


@pytest.mark.parametrize(("text", "name"), [
    ("Acme Corp: send the quote by Friday", "Acme Corp"),
    ("acme corp: send the quote", "Acme Corp"),  # any case
    ("ＡＣＭＥ ＣＯＲＰ: send the quote", "Acme Corp"),  # full-width
    ("Acme: send the quote", "Acme Corp"),  # without its suffix
    ("Acme Corp Inc.: send the quote", "Acme Corp"),  # with another
    ("Acme Co., Ltd.: send the quote", "Acme Corp"),
    ("Acme Corp signed the contract today!", "Acme Corp"),
    ("华为: 周五前发方案", "华为"),
    ("华为有限公司: 周五前发方案", "华为"),
    ("华为集团: 周五前发方案", "华为"),
    ("拜访了顺丰速运, 客户很生气", "顺丰速运"),
    ("客户: 顺丰速运公司, 下周回访", "顺丰速运"),
    ("spoke with the people at nestle about pricing", "Nestlé S.A."),
    # the reading stops at 想 ("wants"): the name written in full wins over 上海联
    ("上海联想数字 投诉发票开错了, 客户很生气", "上海联想数字"),
])
def test_a_known_customer_written_in_full_is_attached(text: str, name: str) -> None:
    assert _match(text) == CustomerMatch("existing", name)


@pytest.mark.parametrize(("text", "typed", "alternative"), [
    ("Acme Logistics: intro call, send the deck by Friday", "Acme Logistics", "Acme Corp"),
    ("Tencent Music: demo next week", "Tencent Music", "Tencent Cloud"),
    ("Globex Retail: visited, wants pricing", "Globex Retail", "Globex Industrial"),
    ("Initech Labs: send contract by Wednesday 5pm", "Initech Labs", "Initech"),
    ("华为终端: 周五前发方案", "华为终端", "华为"),
    ("顺丰同城: 拜访了, 下周再联系", "顺丰同城", "顺丰速运"),
    ("阿里云: 发报价", "阿里云", "阿里巴巴"),
    ("客户: 阿里云, 下周回访", "阿里云", "阿里巴巴"),
])
def test_a_new_name_that_contains_or_resembles_a_customer_is_new_as_typed(
        text: str, typed: str, alternative: str) -> None:
    found = _match(text)
    assert (found.kind, found.name) == ("new", typed)
    assert found.candidates[0] == alternative


@pytest.mark.parametrize(("text", "typed"), [
    ("called Foo Bar Ltd, they want a demo", "Foo Bar Ltd"),
    ("visited Umbrella Health today", "Umbrella Health"),
    ("met with Hooli, wants a quote", "Hooli"),
    ("拜访了小米科技, 要报价", "小米科技"),
])
def test_a_name_after_a_verb_that_nobody_knows_is_new(text: str, typed: str) -> None:
    assert _match(text) == CustomerMatch("new", typed)


@pytest.mark.parametrize(("text", "name"), [
    ("Tencnet Cloud: call back tomorrow", "Tencent Cloud"),  # letters swapped
    ("Globex Industral: send pricing", "Globex Industrial"),  # one missing
    ("Globex: send pricing", "Globex Industrial"),  # its first word, only one Globex
    ("IBM: send pricing", "International Business Machines"),  # its initials
    ("北大: 下周回访", "北京大学"),  # its characters in order
])
def test_a_typo_or_abbreviation_of_exactly_one_customer_attaches_it(text: str,
                                                                     name: str) -> None:
    assert _match(text) == CustomerMatch("existing", name)


def test_an_abbreviation_of_several_customers_offers_them_all() -> None:
    known = [*KNOWN, KnownCustomer("Globex Retail")]
    found = _match("Globex: send pricing", known)
    assert found.kind == "ambiguous"
    assert set(found.candidates[:2]) == {"Globex Industrial", "Globex Retail"}


def test_a_chinese_name_one_character_off_is_new_not_a_typo() -> None:
    """Chinese is typed through an input method: 阿里爸爸 is a choice, not a slip."""
    assert _match("阿里爸爸: 发报价").kind == "new"


@pytest.mark.parametrize(("text", "contact", "customer"), [
    ("called Li, he wants a demo next week", "Li Wei", "Acme Corp"),
    ("called Li Wei, wants pricing", "Li Wei", "Acme Corp"),
    ("给王总打了电话, 他要报价", "王伟", "华为"),  # as the file names them
    ("给王伟打了电话, 他要报价", "王伟", "华为"),
])
def test_a_contact_of_one_customer_attaches_it_and_is_never_a_new_customer(
        text: str, contact: str, customer: str) -> None:
    assert _match(text) == CustomerMatch("existing", customer, contact=contact)


@pytest.mark.parametrize(("text", "contact"), [
    ("called Tom, he wants a demo next week", "Tom"),
    ("Tom called, 需要 training materials by Friday", "Tom"),
    ("给张总打了电话, 他要报价", "张总"),
])
def test_a_contact_of_several_customers_offers_them_all(text: str, contact: str) -> None:
    known = [*KNOWN, KnownCustomer("Globex Retail", ("Tom Becker", "张伟")),
             KnownCustomer("Stark Industries", ("Tom Hill", "张敏"))]
    found = _match(text, known)
    assert (found.kind, found.name, found.contact) == ("ambiguous", None, contact)
    assert set(found.candidates) == {"Globex Retail", "Stark Industries"}


@pytest.mark.parametrize("text", [
    "called Li, he wants a demo next week",
    "called Mr. Smith about the renewal",
    "met Zhang, she asked for a discount",
    "给李总打了电话, 他要报价",
])
def test_a_person_nobody_knows_is_not_offered_as_a_customer(text: str) -> None:
    found = match_customer(text, named_in(text), [KnownCustomer("Globex Industrial")])
    assert found.kind == "ambiguous" and found.name is None and found.contact


def test_a_customer_named_beside_its_contact_is_attached_with_the_contact() -> None:
    found = _match("called Li about Acme Corp, he wants a demo")
    assert found == CustomerMatch("existing", "Acme Corp", contact="Li")


def test_two_customers_named_in_one_log_are_asked_about_first_mentioned_first() -> None:
    found = match_customer("lunch: Globex Industrial and Tencent Cloud both want demos",
                           None, KNOWN)
    assert found == CustomerMatch("ambiguous", None, ("Globex Industrial", "Tencent Cloud"))


@pytest.mark.parametrize(("name", "key"), [
    ("Acme Corp.", "acme"), ("ＡＣＭＥ  Co., Ltd.", "acme"), ("Nestlé S.A.", "nestle"),
    ("华为技术有限公司", "华为技术"), ("阿里云 集团", "阿里云"), ("Company", "company"),
    ("深圳市腾讯计算机系统有限公司", "深圳市腾讯计算机系统"),
])
def test_a_names_core_drops_case_width_accents_and_a_generic_suffix(name: str,
                                                                  key: str) -> None:
    assert core(name) == key


def test_the_keys_a_log_looks_up_include_each_name_it_holds() -> None:
    """What the index must find is found by the keys of the log's own words."""
    keys = text_keys("called Li at ＡＣＭＥ Corp; 拜访了顺丰速运有限公司, 王总说下周签")
    assert customer_keys("Acme Corp") & keys
    assert customer_keys("顺丰速运") & keys
    assert contact_keys("Li Wei") & keys  # "Li" finds Li Wei
    assert contact_keys("王伟") & keys  # 王总 finds 王伟
    assert not customer_keys("Acme Logistics") & {k for k in keys if k.startswith("k:")}
