"""The senior-person keyword rule, table-driven in English and Chinese."""

from __future__ import annotations

import pytest

from bot.domain.seniority import names_senior_person


@pytest.mark.parametrize("text", [
    "Met the CEO of Acme",
    "cfo approved the budget",
    "call with their VP of Sales",
    "Acme GM agreed to the trial",
    "Lunch with the general manager",
    "Presented to Director Wang",
    "Vice-President Li signed",
    "head of procurement joined",
    "talked to the founder",
    "spoke with the company owner",
    "与CEO见面",
    "拜访了王总",
    "联系一下张总，他同意了",
    "王总的意见是先试用",
    "和李总经理开会",
    "与对方总监沟通",
    "见了他们老板",
    "董事长亲自参加",
    "副总来了",
    "厂长同意了",
    "公司高管到场",
])
def test_a_senior_title_counts(text: str) -> None:
    assert names_senior_person(text)


@pytest.mark.parametrize("text", [
    "called Li, the buyer",
    "sales manager Li wants a quote",
    "ahead of schedule",
    "directory listing updated",
    "gm, quick call with Li",  # lower-case gm: good morning
    "vp said ok",
    "Product owner asked for a demo",
    "the owner of the ticket is Li",
    "presidential suite booked",
    "采购经理要报价",
    "每周总结已发",
    "总共三台设备",
    "提高总产量",
    "总部在上海",
    "对方总是拖延",
    "总的来说很满意",
    "资金总额不足",
    "高层建筑项目",
])
def test_look_alikes_do_not_count(text: str) -> None:
    assert not names_senior_person(text)
