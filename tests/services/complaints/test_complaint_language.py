"""Whose language a complaint speaks: a page or alert is a DM in its reader's own language
(their /settings choice over the team's), the thread reads in the team's, the raiser's answer
follows what they typed — on SQLite and PostgreSQL (the choice is stored)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.services.complaints import actions
from bot.services.complaints.duty import cover_phrase, show_duty
from bot.services.complaints.figures import complaint_figures
from bot.services.complaints.raising import ComplaintRequest, raise_complaint
from bot.services.context import ServiceContext
from bot.services.delivery.sweeps import run_sweep
from bot.services.language import language_settings
from bot.teamconfig import parse_directory
from handlers.blocks.duty import figures_message, oncall_message
from handlers.render import render
from tests.services.complaints.test_complaints import (
    BOB,
    HOOK,
    KIM,
    LEAD,
    MONDAY_9,
    WS,
    YAML,
    team_with_acme,
)
from tests.support.fakes import FakeNotifier


def _services(db_url: str, language: str) -> Iterator[ServiceContext]:
    """The complaint tests' team and customer, speaking `language`."""
    yield from team_with_acme(db_url, parse_directory(YAML.replace(
        "timezone: Asia/Shanghai", f"timezone: Asia/Shanghai\n    language: {language}")))


@pytest.fixture
def english_team(db_url: str) -> Iterator[ServiceContext]:
    yield from _services(db_url, "en")


@pytest.fixture
def chinese_team(db_url: str) -> Iterator[ServiceContext]:
    yield from _services(db_url, "zh")


def _said(notifier: FakeNotifier, kind: str) -> list[str]:
    """Everything a reader sees of the messages of `kind`, as one string each."""
    return [json.dumps(render(m).args, ensure_ascii=False) for m in notifier.of_kind(kind)]


def _raise(services: ServiceContext, text: str = "Acme Corp: delivery two weeks late") -> int:
    out = raise_complaint(services, ComplaintRequest(WS, KIM, text, "command", "k1",
                                                     reply_url=HOOK), MONDAY_9)
    assert out.complaint is not None
    return out.complaint.id


def test_a_person_who_chose_chinese_is_paged_in_chinese_in_an_english_team(
        english_team, notifier) -> None:
    language_settings(english_team, WS, BOB, "language zh", MONDAY_9)  # Bob is on duty
    _raise(english_team)
    run_sweep(english_team, notifier, MONDAY_9)
    [page] = _said(notifier, "complaint_page")
    assert "有一条新投诉交给你" in page and "认领" in page and "New complaint" not in page
    [thread] = _said(notifier, "complaint_thread")  # the channel reads the team's language
    assert "Complaint #1" in thread and "投诉" not in thread
    [answer] = _said(notifier, "complaint_respond")  # Kim typed English, set nothing
    assert "Complaint #1 raised for *Acme Corp*" in answer


def test_the_thread_and_its_notes_read_in_the_teams_language(chinese_team, notifier) -> None:
    language_settings(chinese_team, WS, BOB, "language en", MONDAY_9)
    complaint_id = _raise(chinese_team)
    run_sweep(chinese_team, notifier, MONDAY_9)
    actions.acknowledge(chinese_team, WS, BOB, complaint_id, MONDAY_9 + timedelta(minutes=5))
    run_sweep(chinese_team, notifier, MONDAY_9 + timedelta(minutes=5))
    [thread] = _said(notifier, "complaint_thread")
    assert "投诉 #1" in thread and "服务" in thread and "中" in thread  # service · medium
    [note] = _said(notifier, "complaint_note")
    assert "已认领" in note
    [page] = _said(notifier, "complaint_page")  # Bob chose English over his team's Chinese
    assert "New complaint for you" in page


def test_the_raisers_answer_follows_what_they_typed(english_team, notifier) -> None:
    _raise(english_team, "投诉:Acme Corp 交货太慢，客户很生气")
    run_sweep(english_team, notifier, MONDAY_9)
    [answer] = _said(notifier, "complaint_respond")
    assert "已为 *Acme Corp* 提交投诉 #1" in answer


def test_a_refusal_is_a_code_said_in_the_language_typed(english_team, notifier) -> None:
    out = raise_complaint(english_team, ComplaintRequest(WS, KIM, "客户很不满意", "dm", "k9",
                                                         reply_channel="D0KIM"), MONDAY_9)
    assert (out.status, out.message) == ("no_customer", "no_customer")
    run_sweep(english_team, notifier, MONDAY_9)
    [reply] = _said(notifier, "complaint_reply")
    assert "请说明是哪个客户" in reply


def test_oncall_and_figures_answer_in_the_askers_language(english_team) -> None:
    language_settings(english_team, WS, LEAD, "language zh", MONDAY_9)
    duty = show_duty(english_team, WS, LEAD, MONDAY_9)
    assert duty.lang == "zh"
    said = json.dumps(oncall_message(duty), ensure_ascii=False)
    assert "当前值班" in said and "本周" in said
    assert show_duty(english_team, WS, KIM, MONDAY_9).lang == "en"
    figures = complaint_figures(english_team, WS, LEAD, MONDAY_9)
    assert "近 30 天投诉" in json.dumps(figures_message(figures), ensure_ascii=False)
    refused = complaint_figures(english_team, WS, KIM, MONDAY_9)
    assert figures_message(refused)["text"] == "/complaints is for team leads and admins."
    typed = cover_phrase(english_team, WS, KIM, "直到 下辈子", MONDAY_9)
    assert (typed.status, typed.lang, typed.message) == ("error", "zh", "unread_time")
    assert "我无法从“下辈子”中读出时间" in oncall_message(typed)["text"]
