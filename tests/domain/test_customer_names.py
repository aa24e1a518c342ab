"""Where a customer's name starts and stops in a log (bot/domain/customer_names.py), and the
matching rules that depend on it, in English and Chinese."""

from __future__ import annotations

import pytest

from bot.domain.customer_match import CustomerMatch, KnownCustomer
from bot.domain.customer_names import name_runs, opening_name, without_place
from bot.domain.parsing.customer import read_log

KNOWN = [
    KnownCustomer("Acme Corp", ("Li Wei", "Sarah Chen")),
    KnownCustomer("Acme Corporation Asia", ("Kenji Sato",)),
    KnownCustomer("Globex Industrial", ("Hank Scorpio",)),
    KnownCustomer("Initech"),
    KnownCustomer("Hooli"),
    KnownCustomer("Cyberdyne Systems"),
    KnownCustomer("华为"),
    KnownCustomer("顺丰速运"),
    KnownCustomer("阿里巴巴"),
    KnownCustomer("京东集团", ("马丽",)),
    KnownCustomer("京东物流", ("高峰",)),
    KnownCustomer("上海浦东发展银行"),
    KnownCustomer("深圳市大疆创新科技有限公司"),
    KnownCustomer("中国平安保险(集团)股份有限公司"),
    KnownCustomer("平安银行"),
]


def _match(text: str) -> CustomerMatch:
    match = read_log(text, None, (), KNOWN).customer_match
    assert match is not None
    return match


@pytest.mark.parametrize(("typed", "runs"), [
    ("Cyberdyne Systems feedback", ["Cyberdyne Systems"]),
    ("Yesterday's call with Massive Dynamic", ["Massive Dynamic"]),
    ("Acme Corp Monday", ["Acme Corp"]),
    ("Procter & Gamble 2", ["Procter & Gamble"]),
    ("acme logistics", ["acme logistics"]),  # one case throughout: all of it
    ("顺丰速运 投诉", ["顺丰速运", "投诉"]),
    ("比亚迪 Stage", ["比亚迪", "Stage"]),  # each run in turn: 比亚迪 is a customer
])
def test_a_name_stops_where_the_reps_own_words_start(typed: str, runs: list[str]) -> None:
    assert name_runs(typed) == runs


@pytest.mark.parametrize(("text", "name"), [
    ("Globex Retail - met their buyer at the expo", "Globex Retail"),
    ("Acme → A", "Acme"),
    ("华为终端 want samples", "华为终端"),
    ("阿里云 要对接我们的API", "阿里云"),
    ("we lost Hooli to Oracle", None),  # a name later on is not an opening one
])
def test_the_name_a_log_opens_with(text: str, name: str | None) -> None:
    assert opening_name(text) == name


def test_a_place_a_chinese_name_opens_with_can_be_left_out() -> None:
    assert without_place("深圳市大疆创新科技") == "大疆创新科技"
    assert without_place("上海浦东发展银行") == "浦东发展银行"
    assert without_place("北京") == "北京"  # nothing would be left


@pytest.mark.parametrize(("text", "name"), [
    ("Cyberdyne Systems feedback: UI is a bit confusing", "Cyberdyne Systems"),
    ("Yesterday's call with Globex Industrial: they're reviewing", "Globex Industrial"),
    ("Visited Acme Corp Monday, walked the warehouse", "Acme Corp"),
    ("met with Initech last Thursday, they need SSO", "Initech"),  # not "Initech la"
    ("we lost Hooli to Oracle :(", "Hooli"),  # an emoticon is not a label's colon
    ("moved Globex to qualified", "Globex Industrial"),
    ("顺丰速运 投诉：发票金额开错", "顺丰速运"),
    ("京东物流 确认续约，阶段：售后", "京东物流"),
    ("阿里巴巴 电话13800138000 联系不上", "阿里巴巴"),  # 联系不上: could not reach them
])
def test_the_words_around_a_known_name_do_not_make_it_a_new_one(text: str,
                                                                 name: str) -> None:
    assert (_match(text).kind, _match(text).name) == ("existing", name)


@pytest.mark.parametrize(("text", "typed", "alternative"), [
    ("Initech Labs 新客户, 想要 trial", "Initech Labs", "Initech"),
    ("Acme Robotics intro call - totally separate from Acme Corp", "Acme Robotics", "Acme Corp"),
    ("华为终端 王经理 要样机", "华为终端", "华为"),
    ("阿里云 要对接我们的API", "阿里云", "阿里巴巴"),
])
def test_a_log_opening_with_a_namesake_of_a_customer_is_about_a_new_one(
        text: str, typed: str, alternative: str) -> None:
    found = _match(text)
    assert (found.kind, found.name) == ("new", typed)
    assert alternative in found.candidates


def test_a_lead_of_markup_and_a_suffix_stays_as_typed() -> None:
    match = read_log("<!here> Corp: send quote by Friday 3pm", None, (), KNOWN).customer_match
    assert match is not None and (match.kind, match.name) == ("new", "<!here> Corp")
    assert read_log("+ :", None, (), KNOWN).customer_match is not None  # nothing to read


@pytest.mark.parametrize("text", ["Lunch at the expo, nice people", "电话 没人接, 明天再打"])
def test_an_opening_word_like_no_customer_is_not_offered_as_one(text: str) -> None:
    assert _match(text).kind == "ambiguous"


@pytest.mark.parametrize(("text", "customers"), [
    ("Acme wants the invoice reissued", ("Acme Corp", "Acme Corporation Asia")),
    ("Acme → A", ("Acme Corp", "Acme Corporation Asia")),
    ("京东 要续约", ("京东集团", "京东物流")),
])
def test_a_name_without_its_suffix_that_starts_a_longer_one_is_asked(
        text: str, customers: tuple[str, ...]) -> None:
    assert _match(text) == CustomerMatch("ambiguous", None, customers)


@pytest.mark.parametrize(("text", "name"), [
    ("Acme: Sarah wants the invoice reissued", "Acme Corp"),  # Sarah Chen works at Acme Corp
    ("Acme Corp: send the invoice", "Acme Corp"),  # written with its suffix: that one
    ("京东：马丽说618大促前要上线", "京东集团"),
])
def test_a_contact_or_the_suffix_says_which_of_the_namesakes(text: str, name: str) -> None:
    assert (_match(text).kind, _match(text).name) == ("existing", name)


def test_a_longer_namesake_written_in_full_is_the_one() -> None:
    """The opening name stops at the bracket; the log still writes the longer name whole."""
    known = [KnownCustomer("Normarros Software Ltd"),
             KnownCustomer("Normarros Software (Shanghai) Ltd")]
    match = read_log("Normarros Software (Shanghai) Ltd 投诉发票开错了", None, (),
                     known).customer_match
    assert match == CustomerMatch("existing", "Normarros Software (Shanghai) Ltd")


@pytest.mark.parametrize(("text", "name"), [
    ("浦发 差一点就签了", "上海浦东发展银行"),
    ("大疆 反馈产品质量问题", "深圳市大疆创新科技有限公司"),
    ("中国平安 12月15日前提交投标文件", "中国平安保险(集团)股份有限公司"),
    ("Cyberdine - Dyson out sick, rebook for friday", "Cyberdyne Systems"),  # first word typo
])
def test_an_abbreviation_without_the_place_or_a_typo_of_the_first_word_attaches(
        text: str, name: str) -> None:
    assert (_match(text).kind, _match(text).name) == ("existing", name)


def test_an_abbreviation_of_two_chinese_names_asks_which() -> None:
    found = _match("平安 说系统太慢了")
    assert found.kind == "ambiguous"
    assert set(found.candidates) == {"平安银行", "中国平安保险(集团)股份有限公司"}


# KNOWN with contacts for Acme Corporation Asia and 华为, and a few more customers
MORE = [*KNOWN[:1], KnownCustomer("Acme Corporation Asia", ("Kenji Sato",)),
        KnownCustomer("华为", ("陈静",)), *KNOWN[2:6], *KNOWN[7:], KnownCustomer("美的集团"),
        KnownCustomer("Northwind Traders", ("Nancy Davolio",)), KnownCustomer("Contoso Ltd"),
        KnownCustomer("Contoso Pharmaceuticals"), KnownCustomer("Tencent Cloud", ("Kevin Ma",)),
        KnownCustomer("Procter & Gamble"), KnownCustomer("阿里巴巴", ("何总",))]


@pytest.mark.parametrize(("text", "name"), [
    ("上周五和阿里巴巴何总开了会，对方确认了预算，阶段：谈判", "阿里巴巴"),  # a later label
    ("Called Nancy at Northwind, she wants 50 more licenses", "Northwind Traders"),  # she: Nancy
    ("contoso pharma: Diego asked for the docs", "Contoso Pharmaceuticals"),  # a word cut short
    ("no answer from Hank (globex), 3rd try", "Globex Industrial"),  # Hank Scorpio's
    ("quick one: Cyberdyne Systems signed the renewal", "Cyberdyne Systems"),  # a label
    ("Tencent Cloud Kevin: latency too high", "Tencent Cloud"),  # the customer, their contact
    ("procter and gamble - Linda out of office", "Procter & Gamble"),  # "and" for "&"
    ("cyberdyne 的 Miles: 合同 signed yesterday!", "Cyberdyne Systems"),
    ("Acme Corp's CFO signed off on the budget", "Acme Corp"),  # a possessive ends the name
    ("cyberdyne systems called, miles has concerns", "Cyberdyne Systems"),  # a verb ends it
    ("Kenji at Acme Asia wants a call", "Acme Corporation Asia"),  # some of its words, in order
    ("昨天拜访了华为陈静，对方要POC环境", "华为"),  # a customer and their contact, run together
])
def test_labels_contacts_and_spellings_around_a_known_name(text: str, name: str) -> None:
    match = read_log(text, None, (), MORE).customer_match
    assert match is not None and (match.kind, match.name) == ("existing", name)


def test_a_name_with_de_inside_is_one_name() -> None:
    """美的置业 is a company (美的 is a brand), not 美's person 置业."""
    match = read_log("美的置业：新客户，吴经理想了解智慧社区方案", None, (), MORE).customer_match
    assert match is not None and (match.kind, match.name) == ("new", "美的置业")
    assert "美的集团" in match.candidates
