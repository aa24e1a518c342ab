"""Reading a service visit or repair done from a log (it starts the "problem solved?" call)."""

from __future__ import annotations

import pytest

from bot.domain.revisit_text import reads_as_service_visit


@pytest.mark.parametrize("text", [
    "Acme Corp: repaired the printer on site, Li happy",
    "Acme: fixed the cooling unit, took two hours",
    "Initech: technician visited and replaced the pump",
    "Acme Corp - did the maintenance today",
    "华为:上门维修了打印机",
    "华为 王总那边的设备修好了",
    "联想:检修完成,运行正常",
    "去华为保养了两台机器",
])
def test_a_visit_done_reads_as_a_service_visit(text: str) -> None:
    assert reads_as_service_visit(text)


@pytest.mark.parametrize("text", [
    "Acme Corp: printer broken, need to repair next week",
    "Acme: will fix the cooling unit on Friday",
    "Acme: called Li, send quote by Friday 3pm",
    "Acme: fixed price agreed",  # a fixed price is no repair
    "华为:设备坏了,需要维修",
    "华为:下周上门维修",
    "联想:准备安排检修",
    "回访了华为,很满意,5分",
])
def test_a_repair_to_come_or_other_news_does_not(text: str) -> None:
    assert not reads_as_service_visit(text)
