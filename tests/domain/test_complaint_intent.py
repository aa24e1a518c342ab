"""Which logs read as a complaint (the reply offers Raise complaint), and which are only
ordinary or negative news, in English and Chinese."""

from __future__ import annotations

import pytest

from bot.domain.complaint_text import OFFER_AT, complaint_intent

COMPLAINTS = [
    ("Acme Corp: Li is angry, delivery is two weeks late", "service"),
    ("顺丰速运 投诉发票开错了, 客户很生气", "service"),
    ("called Li, he complained about the invoice", "service"),
    ("Globex is furious, the shipment arrived damaged", "product"),
    ("Li upset: wrong order delivered again", "service"),
    ("complaint from Initech: the installation is broken", "product"),
    ("they are unhappy with support, no reply for a week", "service"),
    ("Acme threatened to cancel, the app is broken again", "product"),
    ("visited Wang, very frustrated that the device is faulty", "product"),
    ("Li was rude on the phone? no: our engineer was, and Li is annoyed", "experience"),
    ("Li is fed up with the delays", "service"),
    ("Tencent escalated to their CEO about the outage", "service"),
    ("客户抱怨发货太慢", "service"),
    ("王总很不满，产品质量有问题", "product"),
    ("客户发火了，安装一直没完成", "service"),
    ("华为 李总生气了，设备又坏了", "product"),
    ("客诉：售后没人回", "service"),
    ("张经理对我们的服务态度很失望", "experience"),
    ("阿里云 客户投诉账单多收了", "service"),
    ("联想 刘总很恼火，货还没到", "service"),
    ("客户不高兴，说发票开错了", "service"),
    # a problem the customer wants put right, or is displeased about without anger
    ("Umbrella: shipment damaged on arrival, they want a replacement", "product"),
    ("Nestle: 30 units broken, they want a credit note by Friday", "product"),
    ("Linda is not thrilled with the slow response times", "service"),
    ("Nina wasn't happy that the release slipped again", "service"),
    ("平安的客户说系统太慢了，要求本周内解决", "service"),
    ("分拣系统故障，已经停了两天，要求马上处理", "product"),
    ("大疆 反馈产品质量问题，三台设备坏了，要求换货", "product"),
    ("谢经理嫌我们的客服态度差，说要换供应商", "experience"),
    ("客户吐槽运维响应慢，好几次了", "service"),
    ("Stark team is pretty pissed - the API has been down 2 days", "service"),
    ("Initech raised another ticket about wrong invoices, not great", "service"),
    ("刘洋反馈发票又开错了，情绪比较大", "service"),
    ("谢经理 差评，说客服电话一直打不通，要求明天给答复", "service"),
    ("switching to a competitor: our support is unacceptable, no reply for a week", "service"),
]

ORDINARY = [
    "Acme: price too high",
    "they went with a competitor",
    "Globex: demo went well, Li happy",
    "no complaints so far, renewal next month",
    "Li is not angry anymore, delivery arrived",
    "send the invoice by Friday",
    "delivery scheduled for Monday",
    "call Li late afternoon tomorrow",
    "Initech: budget cut, project on hold",
    "they need a discount to sign",
    "lost the deal to Siemens",
    "Li never complained, all good",
    "报价太高了",
    "他们选了竞争对手",
    "客户很满意，下周签约",
    "下周发货",
    "发票已开",
    "客户没有投诉",
    "王总很高兴，准备续约",
    "预算不够，明年再说",
    "周五前发方案",
    # a problem that is put right, or a request that is not about one
    "the bug they reported is fixed, they're happy",
    "they want a replacement quote for the bigger model",
    "concerned about budget, decision next month",
    "they weren't happy with the first draft of their own spec, new one Friday",
    "迁移时有几个接口报错，已经修复，客户很满意",
    "客户要求下周提供方案",
    "客户有点着急，想尽快拿到报价",
    # a problem with the vendor they would leave for us is a lead
    "their current vendor's system has been down all week, they want a replacement vendor",
    "客户现在用的系统经常卡顿，想换供应商，下周演示",
    "友商的产品质量问题很多，客户有意见，想换我们",
    "not great timing for them, revisit next quarter",
    "客户情绪稳定，下周续约",
]


@pytest.mark.parametrize(("text", "category"), COMPLAINTS)
def test_a_log_that_reads_as_a_complaint_is_offered(text: str, category: str) -> None:
    found = complaint_intent(text)
    assert found is not None
    assert OFFER_AT <= found.confidence <= 1
    assert found.category == category


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_and_negative_news_is_not_a_complaint(text: str) -> None:
    assert complaint_intent(text) is None


def test_anger_about_a_problem_is_surer_than_anger_alone() -> None:
    alone, about = complaint_intent("Li is angry"), complaint_intent("Li is angry, it is late")
    assert alone is not None and about is not None
    assert about.confidence > alone.confidence


def test_leaving_words_make_it_urgent() -> None:
    found = complaint_intent("客户很生气，说要换供应商，交货延迟")
    assert found is not None and found.priority == "high"
